"""One visitor after another, in the whole kiosk with a simulated clock: the idle question,
the reset back to every default, the attract screen, staff Reset now and the crash guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.cli.screenshot import settle
from kiosk.speech.service import SpeechState
from kiosk.state.session import Screen
from tests.helpers import FakeClock, LiveKioskFactory


def wait_idle(kiosk: Kiosk, clock: FakeClock, seconds: float) -> None:
    for _ in range(int(seconds * 4)):
        clock.now += 0.25
        kiosk.idle.poll()


def use_the_kiosk(kiosk: Kiosk) -> None:
    """A visitor changes everything a session can change."""
    session = kiosk.session
    session.choose_language("vi")
    session.set_open_question("savings")
    session.larger_text()
    session.larger_text()
    session.set_high_contrast(True)
    session.louder()
    session.faster_speech()
    settle(kiosk)
    kiosk.window.faq.scroll_area.verticalScrollBar().setValue(400)


def test_idle_question_then_reset_restores_every_default(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, clock = live_kiosk()
    use_the_kiosk(kiosk)
    overlay = kiosk.idle_overlay
    wait_idle(kiosk, clock, 89)
    assert not overlay.isVisible()
    wait_idle(kiosk, clock, 1)
    assert overlay.isVisible()
    assert overlay.question.text() == "Quý vị vẫn còn ở đây chứ?"
    assert overlay.count.text() == "20"
    assert overlay.button.text_shown() == "Tôi vẫn còn ở đây"
    assert min(overlay.button.width(), overlay.button.height()) >= 88
    wait_idle(kiosk, clock, 5)
    assert overlay.count.text() == "15"
    wait_idle(kiosk, clock, 15)
    settle(kiosk)

    session, window = kiosk.session, kiosk.window
    assert not overlay.isVisible()
    assert session.is_fresh()
    assert (session.screen, session.language, session.open_question) == (Screen.HOME, "en", None)
    assert (session.text_size, session.high_contrast) == (100, False)
    assert (kiosk.speech.volume, kiosk.speech.rate) == (80, 150)
    assert kiosk.speech.state == SpeechState.IDLE
    assert window.stack.currentWidget() is window.home
    assert not any(item.answer.isVisible() for item in window.faq.accordion.items.values())
    assert window.faq.scroll_area.verticalScrollBar().value() == 0
    assert "#000000" not in window.styleSheet()  # the standard theme is back


def test_the_first_touch_after_a_reset_only_wakes_the_kiosk(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, clock = live_kiosk()
    use_the_kiosk(kiosk)
    wait_idle(kiosk, clock, 110)
    attract = kiosk.attract_overlay
    assert attract.isVisible()
    button = kiosk.window.home.buttons["es"]
    position = button.mapTo(kiosk.window, button.rect().center())
    qtbot.mouseClick(kiosk.window.childAt(position), Qt.MouseButton.LeftButton)
    assert not attract.isVisible()
    assert kiosk.session.screen == Screen.HOME  # the tap woke the kiosk; it chose nothing
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (kiosk.session.screen, kiosk.session.language) == (Screen.FAQ, "es")


def test_a_touch_during_the_countdown_keeps_the_session(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, clock = live_kiosk()
    use_the_kiosk(kiosk)
    for _ in range(3):
        wait_idle(kiosk, clock, 95)
        assert kiosk.idle_overlay.isVisible()
        qtbot.mouseClick(kiosk.idle_overlay, Qt.MouseButton.LeftButton)
        assert not kiosk.idle_overlay.isVisible()
    assert (kiosk.session.language, kiosk.session.open_question) == ("vi", "savings")
    wait_idle(kiosk, clock, 95)
    qtbot.mouseClick(kiosk.idle_overlay.button, Qt.MouseButton.LeftButton)
    assert not kiosk.idle_overlay.isVisible() and kiosk.session.language == "vi"


def test_reading_aloud_pauses_the_idle_timer(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, clock = live_kiosk('[speech.voices]\nen = "en-us"\n')
    kiosk.session.choose_language("en")
    kiosk.session.set_open_question("contact")
    with qtbot.waitSignal(kiosk.speech.started, timeout=10000):
        kiosk.read_aloud.toggle()
    wait_idle(kiosk, clock, 300)
    assert not kiosk.idle_overlay.isVisible()
    kiosk.speech.stop()
    wait_idle(kiosk, clock, 89)
    assert not kiosk.idle_overlay.isVisible()
    wait_idle(kiosk, clock, 1)
    assert kiosk.idle_overlay.isVisible()


def test_a_fresh_home_is_left_alone(live_kiosk: LiveKioskFactory) -> None:
    kiosk, clock = live_kiosk("attract_after_s = 300\n")
    wait_idle(kiosk, clock, 1000)
    assert not kiosk.idle_overlay.isVisible()


def test_staff_reset_now_needs_no_pin(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    use_the_kiosk(kiosk)
    kiosk.lockdown.staff_requested.emit()
    panel = kiosk.staff_panel
    assert panel.isVisible()
    assert not panel.keys["1"].isVisible()  # no PIN configured: only Reset now
    assert panel.pin_message.text() == "Chưa cài mã PIN nhân viên: chỉ có thể khởi động lại."
    qtbot.mouseClick(panel.reset_now, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    assert kiosk.session.is_fresh()


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_is_logged_and_the_kiosk_goes_home(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk.system.health import CrashGuard

    kiosk, _clock = live_kiosk()
    use_the_kiosk(kiosk)
    guard = CrashGuard(tmp_path / "log")
    guard.install()
    guard.crashed.connect(kiosk.turnover.recover_from_crash)

    def broken_slot(_language: str) -> None:
        raise RuntimeError("a bug in a slot")

    kiosk.session.language_changed.connect(broken_slot)
    try:
        with qtbot.waitSignal(guard.crashed, timeout=5000):
            kiosk.session.set_language("es")
    finally:
        guard.uninstall()
        kiosk.session.language_changed.disconnect(broken_slot)
    assert kiosk.session.screen == Screen.HOME
    assert kiosk.window.isVisible()
    assert "a bug in a slot" in caplog.text and "Traceback" in caplog.text
    assert "RuntimeError: a bug in a slot" in (guard.last_crash() or "")
