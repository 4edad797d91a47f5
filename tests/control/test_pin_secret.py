"""The staff PIN is a secret (issue 12): never spoken, typed digits go to the pad alone,
the lock-out survives a restart, the hash lives in a file others cannot read, and a hash
with scrypt parameters out of bounds is refused instead of raising at every attempt."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cli.set_pin import set_pin
from kiosk.config import load_config
from kiosk.config.pin import hash_pin, pin_hash_problem, verify_pin
from kiosk.state.pin_guard import FIRST_LOCK_S, PinGuard, PinOutcome
from kiosk.state.session import Screen
from tests.control.test_keypad import press
from tests.helpers import FakeClock, LiveKioskFactory

PIN = "482916"
DIGIT_KEYS = {str(n): getattr(Qt.Key, f"Key_{n}") for n in range(10)}


def with_params(n: int, r: int, p: int) -> str:
    _, _n, _r, _p, salt, digest = hash_pin(PIN).split("$")
    return f"scrypt${n}${r}${p}${salt}${digest}"


# --- never spoken, digits to the pad alone ---------------------------------------------------


def test_pin_digits_are_never_spoken_and_go_to_the_pad_alone(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path
) -> None:
    (tmp_path / "staff-pin").write_text(hash_pin(PIN) + "\n", encoding="ascii")
    kiosk, _clock = live_kiosk()
    press(qtbot, kiosk, Qt.Key.Key_Down)  # a visitor's key left speech mode on
    assert kiosk.session.speech_mode and kiosk.session.screen == Screen.HOME
    kiosk.lockdown.staff_requested.emit()
    panel = kiosk.staff_panel
    spoken: list[str] = []
    for digit in "48":  # typed on a keyboard or keypad: on Home these pick languages
        spoken += press(qtbot, kiosk, DIGIT_KEYS[digit])
    assert kiosk.session.screen == Screen.HOME  # no language was chosen behind the pad
    assert panel.pin_dots.text() == "••"
    # Moving through the pad names a digit key only as "PIN key"; pressing one says
    # "Digit entered".
    for _ in range(12):
        spoken += press(qtbot, kiosk, Qt.Key.Key_Down)
        if kiosk.keypad.current in {panel.keys[d] for d in "0123456789"}:
            spoken += press(qtbot, kiosk, Qt.Key.Key_Return)
            break
    assert panel.pin_dots.text() == "•••"
    assert spoken.count("Digit entered") == 3 and "PIN key, button." in spoken
    for text in spoken:
        assert not any(char.isdigit() for char in text), text


def test_with_a_screen_reader_typed_digits_still_go_to_the_pad_unsaid(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path
) -> None:
    # Its digit keys are all "PIN key" to a screen reader: typing is the way in.
    from tests.helpers import FakeDetector

    (tmp_path / "staff-pin").write_text(hash_pin(PIN) + "\n", encoding="ascii")
    kiosk, _clock = live_kiosk(screen_reader=FakeDetector(running=True))
    kiosk.lockdown.staff_requested.emit()
    for digit in PIN:
        assert press(qtbot, kiosk, DIGIT_KEYS[digit]) == []
    assert kiosk.staff_panel.pin_dots.text() == "•" * len(PIN)
    assert kiosk.session.screen == Screen.HOME


def test_digits_outside_the_pad_still_choose_languages(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, _clock = live_kiosk()
    press(qtbot, kiosk, Qt.Key.Key_2)
    assert kiosk.session.screen == Screen.FAQ


# --- the lock-out survives a restart ---------------------------------------------------------


def test_lock_out_survives_a_restart_and_a_clock_change(tmp_path: Path) -> None:
    state = tmp_path / "state" / "pin-lockout.json"
    clock = FakeClock()
    guard = PinGuard(hash_pin(PIN), clock, state)
    for _ in range(3):
        guard.attempt("0000")
    restarted = PinGuard(hash_pin(PIN), FakeClock(), state)  # a crash: the count stays
    assert restarted.attempt("0000").tries_left == 1
    assert restarted.attempt("0000").outcome == PinOutcome.LOCKED
    # Power cut, and the clock comes back a day later, or set back: the lock is whole.
    for offset in (86_400.0, -86_400.0):
        again = PinGuard(hash_pin(PIN), FakeClock(offset), state)
        assert again.locked_for() == FIRST_LOCK_S
        assert again.attempt(PIN).outcome == PinOutcome.LOCKED
    later_clock = FakeClock()
    later = PinGuard(hash_pin(PIN), later_clock, state)
    later_clock.now += FIRST_LOCK_S
    for _ in range(5):
        later.attempt("1111")
    assert PinGuard(hash_pin(PIN), FakeClock(), state).locked_for() == 2 * FIRST_LOCK_S  # doubled


def test_seconds_left_are_saved_as_the_lock_counts_down(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    clock = FakeClock()
    guard = PinGuard(hash_pin(PIN), clock, state)
    for _ in range(5):
        guard.attempt("0000")
    clock.now += 50
    assert guard.locked_for() == 10
    assert PinGuard(hash_pin(PIN), FakeClock(), state).locked_for() == 10


@pytest.mark.parametrize("content", [b"{not json", b'{"wrong": "x"}', b"[]", b"\xff\xfe"])
def test_a_damaged_lock_out_file_locks_the_pad_once(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_bytes(content)
    guard = PinGuard(hash_pin(PIN), FakeClock(), state)
    assert guard.locked_for() == FIRST_LOCK_S


def test_an_unwritable_state_folder_keeps_the_lock_in_memory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    guard = PinGuard(hash_pin(PIN), FakeClock(), tmp_path / "file" / "pin-lockout.json")
    for _ in range(5):
        result = guard.attempt("0000")
    assert result.outcome == PinOutcome.LOCKED and guard.locked_for() == FIRST_LOCK_S


def test_the_kiosk_keeps_the_lock_out_in_the_state_folder(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path
) -> None:
    (tmp_path / "staff-pin").write_text(hash_pin(PIN) + "\n", encoding="ascii")
    config = f'state_dir = "{tmp_path / "kept"}"\n'
    kiosk, _clock = live_kiosk(config)
    kiosk.lockdown.staff_requested.emit()
    for _ in range(5):
        kiosk.staff_desk._pin("0000")
    assert (tmp_path / "kept" / "pin-lockout.json").is_file()
    restarted, _clock = live_kiosk(config)
    restarted.lockdown.staff_requested.emit()
    assert not restarted.staff_panel.keys["5"].isEnabled()


# --- the hash: bounded, and in a file others cannot read -------------------------------------


@pytest.mark.parametrize(
    ("n", "r", "p"),
    [
        (2**21, 8, 1),
        (2**13, 8, 1),
        (3 * 2**14, 8, 1),
        (2**14, 0, 1),
        (2**14, 64, 1),
        (2**14, 8, 99),
        (2**20, 16, 1),
    ],
)
def test_scrypt_parameters_out_of_bounds_are_a_check_error(
    tmp_path: Path, n: int, r: int, p: int
) -> None:
    stored = with_params(n, r, p)
    assert pin_hash_problem(stored) is not None
    assert not verify_pin(PIN, stored)  # no exception, no match
    (tmp_path / "staff-pin").write_text(stored, encoding="ascii")
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    loaded = load_config(tmp_path / "config.toml")
    assert [issue.key for issue in loaded.issues] == ["staff.pin_file"]
    assert "scrypt" in loaded.issues[0].message
    assert not PinGuard(loaded.config.staff_pin_hash).configured


def test_an_engine_error_in_verification_is_a_failed_attempt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    guard = PinGuard(hash_pin(PIN), FakeClock())

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise ValueError("memory limit exceeded")

    monkeypatch.setattr(hashlib, "scrypt", refuse)
    results = [guard.attempt(PIN) for _ in range(5)]
    assert [r.outcome for r in results] == [PinOutcome.WRONG] * 4 + [PinOutcome.LOCKED]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_check_reports_a_hash_others_can_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[staff]\npin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    config.chmod(0o644)
    loaded = load_config(config)
    assert [issue.key for issue in loaded.issues] == ["staff.pin_hash"]
    assert "set-pin" in loaded.issues[0].message
    assert verify_pin(PIN, loaded.config.staff_pin_hash)  # still works meanwhile
    config.chmod(0o600)
    pin_file = tmp_path / "staff-pin"
    pin_file.write_text(hash_pin("1111"), encoding="ascii")
    pin_file.chmod(0o644)
    loaded = load_config(config)
    assert [issue.key for issue in loaded.issues] == ["staff.pin_file"]
    assert "0640 root:kiosk" in loaded.issues[0].message
    assert verify_pin("1111", loaded.config.staff_pin_hash)  # the file wins


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_pin_file_that_is_not_a_file_is_reported_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "staff-pin")
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    loaded = load_config(tmp_path / "config.toml")
    assert [issue.key for issue in loaded.issues] == ["staff.pin_file"]
    assert "not a file" in loaded.issues[0].message


def test_a_named_pin_file_that_is_missing_is_reported(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[staff]\npin_file = "nowhere/staff-pin"\n', encoding="utf-8")
    loaded = load_config(config)
    assert [issue.key for issue in loaded.issues] == ["staff.pin_file"]
    assert loaded.config.staff_pin_hash == ""


@pytest.mark.skipif(os.name == "nt", reason="POSIX symlinks and modes")
def test_set_pin_follows_symlinks_and_moves_an_old_hash_out(tmp_path: Path) -> None:
    real = tmp_path / "srv"
    real.mkdir()
    (real / "config.toml").write_text(
        f'[staff]\npin_hash = "{hash_pin("1111")}"\nallow_exit = true\n', encoding="utf-8"
    )
    (real / "config.toml").chmod(0o644)
    (real / "pin").write_text("", encoding="ascii")
    (real / "pin").chmod(0o640)
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "config.toml").symlink_to(real / "config.toml")
    (etc / "staff-pin").symlink_to(real / "pin")
    answers = iter([PIN, PIN])
    assert set_pin(etc / "config.toml", lambda _prompt: next(answers)) == 0
    assert (etc / "config.toml").is_symlink() and (etc / "staff-pin").is_symlink()
    assert "pin_hash" not in (real / "config.toml").read_text(encoding="utf-8")
    assert (real / "config.toml").stat().st_mode & 0o777 == 0o644
    assert (real / "pin").stat().st_mode & 0o777 == 0o640
    loaded = load_config(etc / "config.toml")
    assert loaded.issues == [] and loaded.config.staff_allow_exit
    assert verify_pin(PIN, loaded.config.staff_pin_hash)
    assert sorted(p.name for p in real.iterdir()) == ["config.toml", "pin"]  # no leftovers
