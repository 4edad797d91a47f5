"""Faults: each leaves the kiosk working, tells the visitor what matters in their language,
and shows staff the cause in the diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk
from kiosk.cli.screenshot import render
from kiosk.config import load_config
from kiosk.speech.synthesizer import Synthesizer
from kiosk.system import resources
from kiosk.system.health import setup_logging
from tests.helpers import discard
from tests.speech import fake_workers


def test_missing_speech_engine_disables_read_aloud_with_a_reason(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    synth = Synthesizer(tmp_path / "speech", target=fake_workers.fatal_main)
    kiosk = build_kiosk(qapp, load_config(None), synthesizer=synth)
    kiosk.session.choose_language("es")
    with qtbot.waitSignal(kiosk.speech.voices_changed, timeout=10000):
        kiosk.speech.warm_up()
    toolbar = kiosk.window.toolbar
    assert not toolbar.read_aloud.isEnabled()
    assert toolbar.speech_note.text() == (
        "La lectura en voz alta no está disponible en este quiosco."
    )
    assert "Voice es: es-419 (no-engine)" in kiosk.diagnostics()
    assert not render(kiosk, (1920, 1080)).isNull()  # everything else works
    kiosk.speech.shutdown()
    discard(kiosk)


def test_missing_font_files_fall_back_and_are_reported(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "fonts_dir", lambda: tmp_path / "no-fonts")
    kiosk = build_kiosk(qapp, load_config(None))
    assert any(font.error for font in kiosk.fonts)
    kiosk.session.choose_language("vi")
    assert not render(kiosk, (1280, 800)).isNull()
    discard(kiosk)


def test_unreadable_content_folder_keeps_the_bundled_faq(
    qapp: QApplication, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "content"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'content_dir = "{not_a_folder}"\n', encoding="utf-8")
    kiosk = build_kiosk(qapp, load_config(config))
    assert kiosk.content.bundle.id == "dps-sro-faq"
    assert len(kiosk.window.faq.accordion.items) == 11
    lines = kiosk.diagnostics()
    assert any(line.startswith("  rejected:") and "manifest.toml" in line for line in lines)
    discard(kiosk)


def test_config_deleted_while_running(qapp: QApplication, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('default_language = "vi"\n', encoding="utf-8")
    kiosk = build_kiosk(qapp, load_config(config))
    config.unlink()
    assert kiosk.reload_content().startswith("Reloaded dps-sro-faq")
    assert kiosk.session.language == "vi"  # the loaded config stays in force
    assert f"Config: {config}" in kiosk.diagnostics()
    discard(kiosk)


def test_log_folder_full_or_read_only_is_shown_to_staff(qapp: QApplication, tmp_path: Path) -> None:
    blocked = tmp_path / "log"
    blocked.write_text("a file where the log folder should be", encoding="utf-8")
    kiosk = build_kiosk(qapp, load_config(None))
    kiosk.health.log_problem = setup_logging(blocked / "faq-kiosk")
    lines = kiosk.diagnostics()
    assert any(line.startswith("Log: cannot write the log") for line in lines)
    discard(kiosk)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_log_disk_that_fills_while_running_is_shown_to_staff(
    qapp: QApplication, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import logging

    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "faq-kiosk.log").symlink_to("/dev/full")  # every write: ENOSPC
    kiosk = build_kiosk(qapp, load_config(None))
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        kiosk.health.log_problem = setup_logging(tmp_path / "log")
        assert "Log: writing" in kiosk.diagnostics()  # opening worked; writing has not failed
        for n in range(50):
            logging.getLogger("kiosk.test").error("record %d", n)
        lines = kiosk.diagnostics()
        [line] = [line for line in lines if line.startswith("Log: ")]
        assert "faq-kiosk.log since" in line and "No space left on device" in line
        err = capfd.readouterr().err
        assert err.count("logging to stderr only") == 1  # said once, not 50 tracebacks
        assert "Traceback" not in err
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        discard(kiosk)
