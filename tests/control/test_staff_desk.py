"""The staff PIN: salted hash only, constant-time check, lock-out that doubles and survives
closing the sheet; `faq-kiosk set-pin`; the sheet's diagnostics, reload, roll back and exit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cli.set_pin import set_pin
from kiosk.config import load_config
from kiosk.config.pin import hash_pin, pin_hash_problem, verify_pin, without_pin_hash
from kiosk.content.archive import pack
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


def test_five_wrong_pins_lock_the_pad_for_60_s_then_120_s_until_the_right_pin() -> None:
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
    for _ in range(5):
        guard.attempt("1111")
    assert guard.locked_for() == 120  # doubled
    clock.now += 120
    for _ in range(5):
        guard.attempt("1111")
    assert guard.locked_for() == 240
    clock.now += 240
    assert guard.attempt(PIN).outcome == PinOutcome.OK  # the right PIN ends the doubling
    for _ in range(5):
        guard.attempt("1111")
    assert guard.locked_for() == 60


def test_set_pin_writes_only_the_hash_to_the_pin_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = 'feedback_url = "https://forms.example.org/x"\n[staff]\nallow_exit = true\n'
    config.write_text(original, encoding="utf-8")
    answers = iter([PIN, PIN])
    assert set_pin(config, lambda _prompt: next(answers)) == 0
    assert config.read_text(encoding="utf-8") == original  # the config is not touched
    pin_file = tmp_path / "staff-pin"
    assert PIN not in pin_file.read_text(encoding="ascii")
    assert pin_file.stat().st_mode & 0o777 == 0o600 or os.name == "nt"
    loaded = load_config(config)
    assert loaded.issues == []
    assert loaded.config.staff_allow_exit
    assert verify_pin(PIN, loaded.config.staff_pin_hash)


@pytest.mark.skipif(not hasattr(os, "chown"), reason="POSIX owners only")
def test_set_pin_keeps_the_files_mode_owner_and_group(tmp_path: Path) -> None:
    # The .deb makes the PIN file 0640 root:kiosk; the kiosk user must still read it.
    (tmp_path / "config.toml").write_text("[staff]\n", encoding="utf-8")
    pin_file = tmp_path / "staff-pin"
    pin_file.write_text("", encoding="ascii")
    group = 4242 if os.geteuid() == 0 else os.getegid()
    os.chown(pin_file, os.geteuid(), group)
    pin_file.chmod(0o640)
    answers = iter([PIN, PIN])
    assert set_pin(tmp_path / "config.toml", lambda _prompt: next(answers)) == 0
    after = pin_file.stat()
    assert (after.st_uid, after.st_gid, after.st_mode & 0o777) == (os.geteuid(), group, 0o640)
    assert verify_pin(PIN, load_config(tmp_path / "config.toml").config.staff_pin_hash)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config.toml", "staff-pin"]


@pytest.mark.parametrize(("first", "second"), [("1234", "1243"), ("12", "12"), ("12ab", "12ab")])
def test_set_pin_refuses_bad_or_mismatched_pins(tmp_path: Path, first: str, second: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[staff]\n", encoding="utf-8")
    answers = iter([first, second])
    assert set_pin(config, lambda _prompt: next(answers)) == 2
    assert config.read_text(encoding="utf-8") == "[staff]\n"
    assert not (tmp_path / "staff-pin").exists()


def test_set_pin_without_a_config_writes_the_pin_file_where_it_would_be(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "config.toml"
    answers = iter([PIN, PIN])
    assert set_pin(config, lambda _prompt: next(answers)) == 0
    assert verify_pin(PIN, (tmp_path / "etc" / "staff-pin").read_text(encoding="ascii").strip())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", None),
        ('[staff]\npin_hash = "old"\n', "[staff]\n"),
        (
            '[staff]\nallow_exit = true\npin_hash = "o"\n[display]\npin_hash = "x"\n',
            '[staff]\nallow_exit = true\n[display]\npin_hash = "x"\n',
        ),
    ],
)
def test_an_old_pin_hash_is_taken_out_of_the_staff_table(before: str, after: str | None) -> None:
    assert without_pin_hash(before) == after


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


def test_reload_says_how_it_went_on_the_page_staff_see(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path, bundled_content: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(bundled_content, content)
    kiosk, _clock = live_kiosk(f'content_dir = "{content}"\n' + staff_config())
    panel = kiosk.staff_panel
    kiosk.lockdown.staff_requested.emit()
    enter(qtbot, panel, PIN)
    manifest = content / "manifest.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('version = "', 'version = "9.'),
        encoding="utf-8",
    )
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Reloaded dps-sro-faq version 9." in panel.diagnostics_message.text())
    assert panel.diagnostics_message.isVisible()  # on the diagnostics page, not the hidden pad
    assert "version 9." in panel.diagnostics.text()  # the diagnostics were refreshed
    # A bad link URL in the reloaded bundle: the exact problem, the sheet stays open.
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            '[links.campus-list]\nkind = "web"\nurl = ""',
            '[links.campus-list]\nkind = "web"\nurl = "https://[::1/form"',
        ),
        encoding="utf-8",
    )
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not reloaded" in panel.diagnostics_message.text())
    message = panel.diagnostics_message.text()
    assert "manifest.toml:" in message and "links.campus-list.url" in message
    assert "is not a valid URL" in message
    assert panel.isVisible() and panel.pages.currentIndex() == 1
    assert "rejected:" in panel.diagnostics.text()
    assert len(kiosk.window.faq.accordion.items) == 11  # the previous content stays


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


def test_roll_back_restores_the_previous_content_on_screen(
    qtbot: QtBot, live_kiosk: LiveKioskFactory, tmp_path: Path, bundled_content: Path
) -> None:
    # Content from an archive, as IT publishes it; the link is switched to a new one.
    folder = tmp_path / "bundle"
    shutil.copytree(bundled_content, folder)
    old = tmp_path / "old.faqbundle"
    pack(folder, old)
    current = tmp_path / "current.faqbundle"
    current.symlink_to(old)
    kiosk, _clock = live_kiosk(f'content_dir = "{current}"\n' + staff_config())
    panel, items = kiosk.staff_panel, kiosk.window.faq.accordion.items
    first = kiosk.content.bundle.question_ids[0]
    old_title = items[first].header.label.text()
    kiosk.lockdown.staff_requested.emit()
    enter(qtbot, panel, PIN)
    assert not panel.rollback.isEnabled()  # nothing to roll back to yet
    for name in ("manifest.toml", "en.toml"):
        path = folder / name
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace('version = "', 'version = "9.')
            .replace('title = "', 'title = "New: ', 2),
            encoding="utf-8",
        )
    new = tmp_path / "new.faqbundle"
    pack(folder, new)
    current.unlink()
    current.symlink_to(new)
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Reloaded dps-sro-faq version 9." in panel.diagnostics_message.text())
    assert kiosk.window.faq.accordion.items[first].header.label.text().startswith("New: ")
    assert panel.rollback.isEnabled()
    assert "Previous content (Roll back shows it again): dps-sro-faq version 2021.1" in (
        panel.diagnostics.text()
    )
    # A half-copied archive: refused, the new content stays, roll back still offered.
    cut = tmp_path / "cut.faqbundle"
    cut.write_bytes(new.read_bytes()[:-200])
    current.unlink()
    current.symlink_to(cut)
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not reloaded" in panel.diagnostics_message.text())
    assert "cut short" in panel.diagnostics_message.text()
    assert kiosk.window.faq.accordion.items[first].header.label.text().startswith("New: ")
    assert panel.rollback.isEnabled()
    qtbot.mouseClick(panel.rollback, Qt.MouseButton.LeftButton)
    assert panel.diagnostics_message.text().startswith("Rolled back to dps-sro-faq version 2021.1.")
    assert panel.isVisible() and panel.pages.currentIndex() == 1
    assert kiosk.window.faq.accordion.items[first].header.label.text() == old_title
    assert kiosk.content.bundle.version == "2021.1"
    assert "Content: dps-sro-faq version 2021.1" in panel.diagnostics.text()


def test_the_roll_back_button_speaks_the_staff_language(live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk(staff_config())
    kiosk.session.choose_language("es")
    assert kiosk.staff_panel.rollback.label.text() == "Volver al contenido anterior"
    kiosk.session.choose_language("vi")
    assert kiosk.staff_panel.rollback.label.text() == "Quay lại nội dung trước đó"
