"""Tests for kiosk.check: `faq-kiosk check` passes a good install and lists every error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.cli.check import run_check

FAQ_KIOSK = Path(sys.executable).with_name("faq-kiosk")


def clean_environment() -> dict[str, str]:
    """The environment without any config or display settings of the machine running tests."""
    hidden = {"FAQ_KIOSK_CONFIG", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    return {name: value for name, value in os.environ.items() if name not in hidden}


@pytest.fixture(autouse=True)
def no_machine_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither $FAQ_KIOSK_CONFIG nor a system config file of this machine is read."""
    monkeypatch.delenv("FAQ_KIOSK_CONFIG", raising=False)
    monkeypatch.setattr(
        "kiosk.config.settings.default_config_path", lambda: tmp_path / "absent.toml"
    )


@pytest.fixture
def broken_content(tmp_path: Path, bundled_content: Path) -> Path:
    """A bundle with two mistakes: es.toml claims to be French, vi.toml has a numeric title."""
    folder = tmp_path / "broken"
    shutil.copytree(bundled_content, folder)
    spanish, vietnamese = folder / "es.toml", folder / "vi.toml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text.replace('language = "es"', 'language = "fr"'), encoding="utf-8")
    text = vietnamese.read_text(encoding="utf-8")
    vietnamese.write_text(
        text.replace('title = "SRO Các câu hỏi thường gặp"', "title = 6"), encoding="utf-8"
    )
    return folder


BAD_CONFIG = """\
feedback_url = "https://forms.example.org/kiosk"
idle_timeout_s = true

[speech]
speeed = 1
volume = 80

[display]
theme = "dark"
"""
BAD_CONFIG_ERRORS = [
    (2, "idle_timeout_s", "must be a whole number"),
    (5, "speech.speeed", "unknown setting"),
    (9, "display.theme", "must be one of"),
]


def error_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR")]


def test_shipped_install_passes(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check(None, None) == 0
    out = capsys.readouterr().out
    assert "no config file; using built-in defaults" in out
    assert "bundle 'dps-sro-faq' version 2021.1, 11 questions in en, es, vi" in out
    assert "NotoSans-Regular.ttf: Noto Sans" in out
    assert "NotoSans-Bold.ttf: Noto Sans" in out
    assert error_lines(out) == []
    assert out.rstrip().endswith("no problems found")


def test_bad_config_lists_every_error(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(BAD_CONFIG, encoding="utf-8")
    assert run_check(config, None) == 1
    out = capsys.readouterr().out
    errors = error_lines(out)
    assert len(errors) == len(BAD_CONFIG_ERRORS)
    for error, (line, key, says) in zip(errors, BAD_CONFIG_ERRORS, strict=True):
        assert error.startswith(f"ERROR {config}:{line}: {key}: ")
        assert says in error
    assert out.rstrip().endswith("3 error(s)")
    assert "bundle 'dps-sro-faq'" in out  # the rest of the report still runs


def test_config_syntax_error_is_an_error(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('idle_timeout_s = 90\nfeedback_url = "https://x.org\n', encoding="utf-8")
    assert run_check(config, None) == 1
    (error,) = error_lines(capsys.readouterr().out)
    assert error.startswith(f"ERROR {config}:2: TOML syntax error")


def test_missing_config_file_is_an_error(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "typo.toml"
    assert run_check(config, None) == 1
    (error,) = error_lines(capsys.readouterr().out)
    assert error.startswith(f"ERROR {config}: cannot read the file")


def test_config_from_environment_is_checked(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "env.toml"
    config.write_text("idle_timeout_s = 5\n", encoding="utf-8")
    monkeypatch.setenv("FAQ_KIOSK_CONFIG", str(config))
    assert run_check(None, None) == 1
    (error,) = error_lines(capsys.readouterr().out)
    assert error.startswith(f"ERROR {config}:1: idle_timeout_s: must be from 30 to 600")


def test_broken_content_lists_every_error(
    qapp: QApplication, broken_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(None, broken_content) == 1
    errors = error_lines(capsys.readouterr().out)
    assert len(errors) == 2
    assert errors[0].startswith(f"ERROR {broken_content / 'es.toml'}:5: language: says 'fr'")
    assert errors[1].startswith(
        f"ERROR {broken_content / 'vi.toml'}:6: title: must be a text string"
    )


def test_content_dir_from_config_is_checked(
    qapp: QApplication, tmp_path: Path, broken_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('content_dir = "broken"\n', encoding="utf-8")
    assert run_check(config, None) == 1
    errors = error_lines(capsys.readouterr().out)
    assert [error.split(":")[0] for error in errors] == [
        f"ERROR {broken_content / 'es.toml'}",
        f"ERROR {broken_content / 'vi.toml'}",
    ]


def test_content_option_overrides_the_config(
    qapp: QApplication,
    tmp_path: Path,
    bundled_content: Path,
    broken_content: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('content_dir = "broken"\n', encoding="utf-8")
    assert run_check(config, bundled_content) == 0
    assert f"{bundled_content}: bundle 'dps-sro-faq'" in capsys.readouterr().out


def test_link_url_given_in_config_is_not_reported_missing(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Without a URL, check advises setting one in the config's [links] table; once it is
    # set there, the advice must go away.
    assert run_check(None, None) == 0
    assert "link 'campus-list' has no URL" in capsys.readouterr().out
    config = tmp_path / "config.toml"
    config.write_text('[links]\ncampus-list = "https://example.org/campuses"\n', encoding="utf-8")
    assert run_check(config, None) == 0
    assert "campus-list' has no URL" not in capsys.readouterr().out


# --- the installed command ------------------------------------------------------------------


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    assert FAQ_KIOSK.is_file(), f"the faq-kiosk console script is not installed at {FAQ_KIOSK}"
    return subprocess.run(
        [str(FAQ_KIOSK), *args],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_command_passes_a_good_install(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("# defaults everywhere\n", encoding="utf-8")
    result = run_command("check", "--config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{config}: valid" in result.stdout
    assert "bundle 'dps-sro-faq'" in result.stdout
    assert "NotoSans-Regular.ttf: Noto Sans" in result.stdout
    assert "no problems found" in result.stdout


def test_command_fails_on_bad_config_and_content(tmp_path: Path, broken_content: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(BAD_CONFIG, encoding="utf-8")
    result = run_command("check", "--config", str(config), "--content", str(broken_content))
    assert result.returncode == 1
    errors = error_lines(result.stdout)
    assert [error.split(": ")[0:2] for error in errors] == [
        [f"ERROR {config}:2", "idle_timeout_s"],
        [f"ERROR {config}:5", "speech.speeed"],
        [f"ERROR {config}:9", "display.theme"],
        [f"ERROR {broken_content / 'es.toml'}:5", "language"],
        [f"ERROR {broken_content / 'vi.toml'}:6", "title"],
    ]
    assert result.stdout.rstrip().endswith("5 error(s)")
