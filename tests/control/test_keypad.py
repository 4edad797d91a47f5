"""Using the kiosk with keys alone, as a blind visitor with a keypad and headphones would:
speech mode, reading order, help, back, the number keys on Home; and the audit command."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.cli.audit import audit_window, visible_rect, window_rect
from kiosk.cli.screenshot import settle
from kiosk.speech.service import SpeechState
from kiosk.state.session import Screen
from kiosk.ui.accordion import QuestionHeader
from tests.helpers import LANGUAGES, FakeDetector, LiveKioskFactory

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def press(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key, text: str = "") -> list[str]:
    """One key press; what the kiosk then says."""
    target = QApplication.focusWidget() or kiosk.window
    qtbot.keyClick(target, key)
    settle(kiosk)
    return [u.text for u in kiosk.speech.utterances]


def current(kiosk: Kiosk) -> QWidget | None:
    """The keypad's highlighted item (a function, so checks on it are not narrowed)."""
    return kiosk.keypad.current


class MouseWatch(QObject):
    """Counts mouse presses and touches anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.presses += 1
        return False


def test_whole_journey_with_keys_only(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    window, session = kiosk.window, kiosk.session
    mouse = MouseWatch()
    QApplication.instance().installEventFilter(mouse)  # type: ignore[union-attr]

    # The first key on Home: speech mode starts and says which key picks which language.
    spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert session.speech_mode
    assert spoken == [
        "For English, press 1.",
        "Para español, presione 2.",
        "Để dùng tiếng Việt, bấm phím 3.",
    ]
    assert kiosk.help_overlay.isVisible()

    # 3 picks Vietnamese; Down walks the screen in reading order to question 5.
    press(qtbot, kiosk, Qt.Key.Key_3)
    assert (session.screen, session.language) == (Screen.FAQ, "vi")
    fifth = window.faq.accordion.items["supports-timeline"].header
    for _ in range(60):
        if current(kiosk) is fifth:
            break
        spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert current(kiosk) is fifth
    assert spoken[-1].endswith("Câu hỏi 5 trên 11, câu trả lời đang ẩn.")

    # Enter opens it; the answer's own Read aloud button follows; Enter reads the answer.
    spoken = press(qtbot, kiosk, Qt.Key.Key_Return)
    assert session.open_question == "supports-timeline"
    assert spoken[-1].endswith("Câu hỏi 5 trên 11, đang hiện câu trả lời.")
    spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert spoken == ["Đọc to câu trả lời này, nút."]
    spoken = press(qtbot, kiosk, Qt.Key.Key_Return)
    question = kiosk.content.bundle.question("vi", "supports-timeline")
    assert spoken[0] == question.title
    assert spoken[1] == question.answer[0].split(". ")[0] + (
        "." if ". " in question.answer[0] else ""
    )

    # Down on to the feedback code: its label and address are spoken.
    for _ in range(60):
        if current(kiosk) is window.faq.feedback.image:
            break
        spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert current(kiosk) is window.faq.feedback.image
    assert spoken == [
        "Mã QR của mẫu góp ý. Hãy quét mã bằng camera điện thoại. https://www.dpsk12.org/"
    ]
    assert press(qtbot, kiosk, Qt.Key.Key_Down) == ["Gửi ý kiến của quý vị"]
    assert press(qtbot, kiosk, Qt.Key.Key_Down) == ["https://www.dpsk12.org/"]

    # Help: the item, then the screen, then the keys; shown as it is spoken.
    spoken = press(qtbot, kiosk, Qt.Key.Key_Question)
    assert kiosk.help_overlay.isVisible()
    assert kiosk.help_overlay.text.text() == spoken[0]
    second = press(qtbot, kiosk, Qt.Key.Key_F1)
    third = press(qtbot, kiosk, Qt.Key.Key_F1)
    assert len({spoken[0], second[0], third[0]}) == 3
    assert "Enter" in third[0]

    # Back closes the answer (on its question), back again goes Home.
    press(qtbot, kiosk, Qt.Key.Key_Backspace)
    assert session.open_question is None
    assert current(kiosk) is window.faq.accordion.items["supports-timeline"].header
    press(qtbot, kiosk, Qt.Key.Key_Left)
    assert session.screen == Screen.HOME
    QApplication.instance().removeEventFilter(mouse)
    assert mouse.presses == 0  # keys only, from start to end


def test_keys_do_nothing_twice_when_held(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    press(qtbot, kiosk, Qt.Key.Key_1)
    press(qtbot, kiosk, Qt.Key.Key_Down)
    first = kiosk.keypad.current
    held = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier, "", True
    )
    QApplication.sendEvent(QApplication.focusWidget() or kiosk.window, held)
    assert kiosk.keypad.current is first


def test_volume_keys_and_reset_turns_speech_mode_off(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, _clock = live_kiosk()
    press(qtbot, kiosk, Qt.Key.Key_2)
    spoken = press(qtbot, kiosk, Qt.Key.Key_Plus)
    assert kiosk.speech.volume == 90 and spoken == ["Volumen: 90\xa0%"]  # CLDR: es spaces %
    press(qtbot, kiosk, Qt.Key.Key_Minus)
    assert kiosk.speech.volume == 80
    assert kiosk.session.speech_mode
    kiosk.session.reset()
    assert not kiosk.session.speech_mode
    assert not kiosk.window.toolbar.speak_all.isChecked()


def test_speak_everything_toggle(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    button = kiosk.window.toolbar.speak_all
    assert button.isVisible() and button.window() is kiosk.window
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kiosk.session.speech_mode
    assert button.glyph is not None and button.glyph.isVisible()


def is_reading_order(widgets: list[QWidget], container: QWidget) -> bool:
    """Top to bottom; left to right within a row (items whose tops are level)."""
    positions = [w.mapTo(container, w.rect().topLeft()) for w in widgets]
    for (a, b), (first, second) in zip(
        itertools.pairwise(positions), itertools.pairwise(widgets), strict=True
    ):
        same_row = abs(a.y() - b.y()) < min(first.height(), second.height()) // 2
        if not (a.y() < b.y() or (same_row and a.x() < b.x())):
            return False
    return True


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_down_follows_the_visual_order(
    live_kiosk: LiveKioskFactory, language: str, size_name: str
) -> None:
    kiosk, _clock = live_kiosk()
    kiosk.window.resize(*SIZES[size_name])
    kiosk.session.choose_language(language)
    kiosk.session.set_open_question("imminent-threat")
    settle(kiosk)
    items = [item.widget for item in kiosk.keypad.items()]
    faq = kiosk.window.faq
    answers = faq.scroll_area.widget()
    assert answers is not None
    sections = [kiosk.window.toolbar, kiosk.window.language_bar, answers, faq.nav, faq.feedback]
    for section in sections:
        inside = [w for w in items if section.isAncestorOf(w)]
        assert inside, section
        assert is_reading_order(inside, section), (language, size_name, type(section))
    # Sections: header first, then the answers, the buttons below them, the feedback code
    # beside (landscape) or below (portrait).
    content, feedback = window_rect(faq.scroll_area), window_rect(faq.feedback)
    assert window_rect(kiosk.window.toolbar).bottom() < content.top()
    if size_name == "landscape":
        assert feedback.left() > content.right()
    else:
        assert feedback.top() > window_rect(faq.nav).bottom()
    # Every control on screen can be reached, exactly once.
    buttons = [b for b in kiosk.window.findChildren(QPushButton) if not visible_rect(b).isEmpty()]
    assert all(items.count(b) == 1 for b in buttons)
    headers = [w for w in items if isinstance(w, QuestionHeader)]
    assert len(headers) == 11


def test_audit_finds_a_broken_widget(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    assert list(audit_window(kiosk.window, "home")) == []
    broken = QPushButton(kiosk.window.home)
    broken.setFixedSize(40, 40)
    broken.move(5, 5)
    broken.show()
    problems = [finding.problem for finding in audit_window(kiosk.window, "home")]
    assert any("no accessible name" in p for p in problems)
    assert any("40x40" in p for p in problems)


def test_check_a11y_passes_on_the_shipped_kiosk() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--a11y"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_first_down_on_home_goes_to_the_first_language(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, _clock = live_kiosk()
    home, toolbar = kiosk.window.home, kiosk.window.toolbar
    press(qtbot, kiosk, Qt.Key.Key_Down)  # the greeting: which key picks which language
    spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert current(kiosk) is home.buttons[LANGUAGES[0]]
    assert spoken == ["English, button."]
    # The languages, then the toolbar: still reachable, after them.
    order = [item.widget for item in kiosk.keypad.items()]
    buttons = [home.buttons[language] for language in LANGUAGES]
    assert order[: len(buttons)] == buttons
    assert toolbar.isAncestorOf(order[len(buttons)])


def test_with_a_screen_reader_the_keys_are_its_own_and_nothing_is_said(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    detector = FakeDetector(running=True)
    kiosk, _clock = live_kiosk(screen_reader=detector)
    down = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert not kiosk.keypad.eventFilter(kiosk.window, down)  # not consumed
    assert press(qtbot, kiosk, Qt.Key.Key_Down) == []
    assert press(qtbot, kiosk, Qt.Key.Key_1) == []
    assert not kiosk.session.speech_mode
    assert kiosk.session.screen == Screen.HOME  # 1 is the screen reader's, not a language
    qtbot.mouseClick(kiosk.window.toolbar.speak_all, Qt.MouseButton.LeftButton)
    assert not kiosk.session.speech_mode  # Speak everything cannot turn it on either
    assert "Screen reader: running (self-voicing off)" in kiosk.diagnostics()

    # Orca stops: the keypad speaks again, exactly as without one.
    detector.set(False)
    spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert kiosk.session.speech_mode
    assert spoken[0] == "For English, press 1."
    assert "Screen reader: none" in kiosk.diagnostics()


def test_a_screen_reader_starting_silences_keypad_speech(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    detector = FakeDetector()
    kiosk, _clock = live_kiosk(screen_reader=detector)
    press(qtbot, kiosk, Qt.Key.Key_1)
    press(qtbot, kiosk, Qt.Key.Key_Down)
    assert kiosk.session.speech_mode and kiosk.speech.state != SpeechState.IDLE
    detector.set(True)
    settle(kiosk)
    assert not kiosk.session.speech_mode
    assert not kiosk.window.toolbar.speak_all.isChecked()
    assert kiosk.speech.state == SpeechState.IDLE
    assert kiosk.keypad.current is None


def test_read_aloud_still_reads_with_a_screen_reader(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, _clock = live_kiosk(screen_reader=FakeDetector(running=True))
    kiosk.session.choose_language("en")
    settle(kiosk)
    qtbot.mouseClick(kiosk.window.toolbar.read_aloud, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert kiosk.speech.utterances  # the visitor asked for the content: it is read


@pytest.mark.parametrize(
    ("mode", "detected", "keypad_speaks"), [("on", False, False), ("off", True, True)]
)
def test_the_config_forces_either_way(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, mode: str, detected: bool, keypad_speaks: bool
) -> None:
    kiosk, _clock = live_kiosk(
        f'screen_reader = "{mode}"\n', screen_reader=FakeDetector(running=detected)
    )
    spoken = press(qtbot, kiosk, Qt.Key.Key_Down)
    assert kiosk.session.speech_mode is keypad_speaks
    assert bool(spoken) is keypad_speaks
    assert any(f'screen_reader = "{mode}"' in line for line in kiosk.diagnostics())


def test_what_the_keypad_can_say_is_made_before_it_is_asked_for(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    """Issue 14.7: a move's speech must not wait for synthesis. After the first frame the
    Home screen's phrases are made in the background; choosing a language makes the FAQ
    screen's, in that language; and every move says one of the phrases made."""
    kiosk, _clock = live_kiosk()
    home = kiosk.keypad.phrases()
    assert [u.text for u in home[:3]] == [
        "For English, press 1.",
        "Para español, presione 2.",
        "Để dùng tiếng Việt, bấm phím 3.",
    ]
    kiosk.warm_up_speech()
    qtbot.waitUntil(lambda: all(kiosk.speech.prepared(u) for u in home), timeout=30000)
    # The first key turns speech mode on; while the keypad speaks, Read aloud is "Stop
    # reading aloud": what the screen says then is made too.
    press(qtbot, kiosk, Qt.Key.Key_Down)
    speaking = kiosk.keypad.phrases()
    assert "Stop reading aloud, button." in {u.text for u in speaking}
    qtbot.waitUntil(lambda: all(kiosk.speech.prepared(u) for u in speaking), timeout=30000)
    for _ in range(len(kiosk.keypad.items()) + 2):  # to the end of the screen and past it
        press(qtbot, kiosk, Qt.Key.Key_Down)
        assert set(kiosk.speech.utterances) <= {*home, *speaking}

    press(qtbot, kiosk, Qt.Key.Key_2)
    faq = kiosk.keypad.phrases()
    assert kiosk.session.screen == Screen.FAQ
    assert {u.language for u in faq} == {"es"}
    qtbot.waitUntil(lambda: all(kiosk.speech.prepared(u) for u in faq), timeout=30000)
    for _ in range(5):
        press(qtbot, kiosk, Qt.Key.Key_Down)
        assert set(kiosk.speech.utterances) <= set(faq)
