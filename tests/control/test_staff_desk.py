"""The staff PIN: salted hash only, constant-time check, lock-out that doubles and survives
closing the sheet; `faq-kiosk set-pin`; the sheet's diagnostics, reload and exit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cli.set_pin import set_pin
from kiosk.config import load_config
from kiosk.config.pin import hash_pin, pin_hash_problem, verify_pin, with_pin_hash
from kiosk.state.pin_guard import PinGuard, PinOutcome
from tests.helpers import FakeClock, LiveKioskFactory

PIN = "482916"


def test_hash_is_salted_and_never_contains_the_pin() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first != second  # a fresh salt each time
    assert PIN not in first
    assert verify_pin(PIN, first) and verify_pin(PIN, second)
    assert not verify_pin("482917", first)
    assert not verify_pin(PIN, "")
    assert pin_hash_problem(first) is None
    assert pin_hash_problem(PIN) is not None


def test_five_wrong_pins_lock_the_pad_for_60_s_then_120_s() -> None:
    clock = FakeClock()
    guard = PinGuard(hash_pin(PIN), clock)
    results = [guard.attempt("0000") for _ in range(5)]
    assert [r.outcome for r in results] == [PinOutcome.WRONG] * 4 + [PinOutcome.LOCKED]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert guard.locked_for() == 60
    assert guard.attempt(PIN).outcome == PinOutcome.LOCKED  # even the right PIN, while locked
    clock.now += 59
    assert guard.attempt(PIN).outcome == PinOutcome.LOCKED
    clock.now += 1
    assert guard.attempt(PIN).outcome == PinOutcome.OK
    for _ in range(5):
        guard.attempt("1111")
    assert guard.locked_for() == 120  # doubled
    clock.now += 120
    for _ in range(5):
        guard.attempt("1111")
    assert guard.locked_for() == 240


def test_set_pin_writes_only_the_hash_and_keeps_the_rest(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'feedback_url = "https://forms.example.org/x"\n[staff]\nallow_exit = true\n',
        encoding="utf-8",
    )
    answers = iter([PIN, PIN])
    assert set_pin(config, lambda _prompt: next(answers)) == 0
    text = config.read_text(encoding="utf-8")
    assert PIN not in text
    loaded = load_config(config)
    assert loaded.issues == []
    assert loaded.config.staff_allow_exit
    assert loaded.config.feedback_url == "https://forms.example.org/x"
    assert verify_pin(PIN, loaded.config.staff_pin_hash)


@pytest.mark.skipif(not hasattr(os, "chown"), reason="POSIX owners only")
def test_set_pin_keeps_the_files_mode_owner_and_group(tmp_path: Path) -> None:
    # Fleet installs make the config 0640 root:kiosk; the kiosk user must still read it.
    config = tmp_path / "config.toml"
    config.write_text("[staff]\n", encoding="utf-8")
    group = 4242 if os.geteuid() == 0 else os.getegid()
    os.chown(config, os.geteuid(), group)
    config.chmod(0o640)
    answers = iter([PIN, PIN])
    assert set_pin(config, lambda _prompt: next(answers)) == 0
    after = config.stat()
    assert (after.st_uid, after.st_gid, after.st_mode & 0o777) == (os.geteuid(), group, 0o640)
    assert verify_pin(PIN, load_config(config).config.staff_pin_hash)
    assert [path.name for path in tmp_path.iterdir()] == ["config.toml"]


@pytest.mark.parametrize(("first", "second"), [("1234", "1243"), ("12", "12"), ("12ab", "12ab")])
def test_set_pin_refuses_bad_or_mismatched_pins(tmp_path: Path, first: str, second: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[staff]\n", encoding="utf-8")
    answers = iter([first, second])
    assert set_pin(config, lambda _prompt: next(answers)) == 2
    assert config.read_text(encoding="utf-8") == "[staff]\n"


def test_set_pin_creates_a_missing_config(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "config.toml"
    answers = iter([PIN, PIN])
    assert set_pin(config, lambda _prompt: next(answers)) == 0
    assert verify_pin(PIN, load_config(config).config.staff_pin_hash)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", '\n[staff]\npin_hash = "H"\n'),
        ('[staff]\npin_hash = "old"\n', '[staff]\npin_hash = "H"\n'),
        (
            '[staff]\nallow_exit = true\n[display]\npin_hash = "x"\n',
            '[staff]\npin_hash = "H"\nallow_exit = true\n[display]\npin_hash = "x"\n',
        ),
    ],
)
def test_pin_hash_goes_into_the_staff_table(before: str, after: str) -> None:
    assert with_pin_hash(before, "H") == after


def enter(qtbot: QtBot, panel: object, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(panel.keys[digit], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(panel.keys["K"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def staff_config(allow_exit: bool = False) -> str:
    return f'[staff]\npin_hash = "{hash_pin(PIN)}"\nallow_exit = {str(allow_exit).lower()}\n'


def test_right_pin_shows_diagnostics(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk(staff_config())
    kiosk.lockdown.staff_requested.emit()
    panel = kiosk.staff_panel
    assert panel.keys["1"].isVisible() and panel.pages.currentIndex() == 0
    enter(qtbot, panel, "1234")
    assert panel.pin_message.text() == "Wrong PIN. 4 tries left."
    enter(qtbot, panel, PIN)
    assert panel.pages.currentIndex() == 1
    text = panel.diagnostics.text()
    for expected in (
        "FAQ Kiosk",
        "dps-sro-faq",
        "Voice en: en-us",
        "Voice vi: vi",
        "Speech cache:",
        "Audio output:",
        "Config:",
        "Last crash:",
        "up ",
    ):
        assert expected in text
    assert not panel.exit.isVisible()  # staff.allow_exit is false
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    assert "Reloaded dps-sro-faq" in panel.pin_message.text() or panel.isVisible()


def test_lock_out_survives_closing_the_sheet(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, clock = live_kiosk(staff_config())
    panel = kiosk.staff_panel
    kiosk.lockdown.staff_requested.emit()
    for _ in range(5):
        enter(qtbot, panel, "0000")
    assert not panel.keys["5"].isEnabled()
    assert panel.pin_message.text() == "Too many wrong PINs. Try again in 60 s."
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    kiosk.lockdown.staff_requested.emit()
    assert not panel.keys["5"].isEnabled()
    clock.now += 61
    kiosk.staff_desk._refresh_lock()
    assert panel.keys["5"].isEnabled()
    enter(qtbot, panel, PIN)
    assert panel.pages.currentIndex() == 1


def test_exit_is_offered_only_when_allowed_and_closes_the_kiosk(
    qtbot: QtBot,
    live_kiosk: LiveKioskFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kiosk, _clock = live_kiosk(staff_config(allow_exit=True))
    quits: list[bool] = []
    monkeypatch.setattr(kiosk.qt_app, "quit", lambda: quits.append(True))
    kiosk.lockdown.staff_requested.emit()
    enter(qtbot, kiosk.staff_panel, PIN)
    assert kiosk.staff_panel.exit.isVisible()
    qtbot.mouseClick(kiosk.staff_panel.exit, Qt.MouseButton.LeftButton)
    assert not kiosk.window.isVisible()
    assert quits == [True]
