"""Tests for kiosk.cli.main: no-display handling, screenshots and argument errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk import version
from kiosk.cli.main import display_problem, main
from tests.helpers import QUESTION_IDS

FAQ_KIOSK = Path(sys.executable).with_name("faq-kiosk")


def clean_environment(**extra: str) -> dict[str, str]:
    """This environment without config or display settings, plus *extra*."""
    hidden = {"FAQ_KIOSK_CONFIG", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    environ = {name: value for name, value in os.environ.items() if name not in hidden}
    return {**environ, **extra}


def run_command(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    command = [str(FAQ_KIOSK)] if FAQ_KIOSK.is_file() else [sys.executable, "-m", "kiosk"]
    return subprocess.run(
        [*command, *args],
        env=clean_environment(**extra_env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def is_one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", text)


# --- display_problem ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ",
    [
        pytest.param({}, id="nothing-set"),
        pytest.param({"DISPLAY": "", "WAYLAND_DISPLAY": ""}, id="both-empty"),
        pytest.param({"XDG_RUNTIME_DIR": "/run/user/1000"}, id="runtime-dir-only"),
    ],
)
def test_no_display_is_explained_in_one_sentence(environ: dict[str, str]) -> None:
    problem = display_problem(environ, "linux")
    assert problem is not None
    assert is_one_sentence(problem), problem
    assert "--screenshot" in problem
    assert "DISPLAY" in problem
    assert "WAYLAND_DISPLAY" in problem


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        pytest.param({"QT_QPA_PLATFORM": "offscreen"}, "linux", id="offscreen"),
        pytest.param({"QT_QPA_PLATFORM": "wayland"}, "linux", id="platform-chosen"),
        pytest.param(
            {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":987"}, "linux", id="platform-beats-display"
        ),
        pytest.param({}, "win32", id="windows"),
        pytest.param({}, "darwin", id="macos"),
        pytest.param({"DISPLAY": "remote-host:0"}, "linux", id="remote-x11"),
        pytest.param({"WAYLAND_DISPLAY": "/run/wayland.sock"}, "linux", id="wayland-absolute"),
    ],
)
def test_display_available(environ: dict[str, str], platform: str) -> None:
    assert display_problem(environ, platform) is None


def test_wayland_socket_in_runtime_dir(tmp_path: Path) -> None:
    environ = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
    problem = display_problem(environ, "linux")
    assert problem is not None
    assert "'wayland-7'" in problem
    assert is_one_sentence(problem)
    (tmp_path / "wayland-7").touch()
    assert display_problem(environ, "linux") is None


def test_unreachable_x_display() -> None:
    assert not Path("/tmp/.X11-unix/X987").exists()
    problem = display_problem({"DISPLAY": ":987"}, "linux")
    assert problem is not None
    assert "':987'" in problem
    assert "--screenshot" in problem
    assert is_one_sentence(problem)


# --- running without a display --------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        pytest.param({}, "no display found", id="no-display"),
        pytest.param({"DISPLAY": ":987"}, "cannot reach the display ':987'", id="dead-display"),
    ],
)
def test_running_without_display_exits_2_with_the_reason(
    extra: dict[str, str], reason: str
) -> None:
    result = run_command(**extra)
    assert result.returncode == 2, result.stderr  # not a Qt abort (negative: a signal)
    assert result.stdout == ""
    assert result.stderr.strip() == display_problem(clean_environment(**extra))
    assert reason in result.stderr
    assert "qt.qpa" not in result.stderr
    assert "Aborted" not in result.stderr


# --- screenshots ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "size"),
    [
        pytest.param(("--size", "800x600"), (800, 600), id="landscape"),
        pytest.param(
            ("--size", "600x900", "--lang", "vi", "--open", "contact"), (600, 900), id="portrait"
        ),
    ],
)
def test_screenshot_writes_png_of_the_size(
    qapp: QApplication, tmp_path: Path, args: tuple[str, ...], size: tuple[int, int]
) -> None:
    out = tmp_path / "out.png"
    result = run_command("--screenshot", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    # Not a blank frame: a rendered kiosk has text, buttons and backgrounds.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 10) for y in range(0, image.height(), 10)
    }
    assert len(colours) > 3


def test_screenshot_of_unknown_question_lists_the_ids(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = run_command("--screenshot", str(out), "--open", "no-such-id")
    assert result.returncode == 2
    assert "no question 'no-such-id'" in result.stderr
    assert f"the ids are: {', '.join(QUESTION_IDS)}" in result.stderr
    assert not out.exists()


def test_screenshot_in_a_language_the_content_lacks_lists_those_it_has(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = run_command("--screenshot", str(out), "--lang", "fr")
    assert result.returncode == 2
    assert "the content has no 'fr'; it has: en, es, vi" in result.stderr
    assert not out.exists()


# --- argument errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--open", "contact"], id="open"),
        pytest.param(["--text-size", "150"], id="text-size"),
        pytest.param(["--high-contrast"], id="high-contrast"),
    ],
)
def test_screenshot_options_need_screenshot(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: faq-kiosk")
    assert "need --screenshot" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(["--size", "100x100"], "must be 320 to 7680", id="too-small"),
        pytest.param(["--size", "8000x600"], "must be 320 to 7680", id="too-wide"),
        pytest.param(["--size", "big"], "is not a size like 1920x1080", id="not-a-size"),
        pytest.param(["--size", "800x600x2"], "is not a size like 1920x1080", id="three-parts"),
        pytest.param(["--lang", "French"], "'French' is not a language code", id="not-a-language"),
        pytest.param(["--text-size", "110"], "invalid choice: 110", id="text-size-off-step"),
    ],
)
def test_bad_arguments_are_usage_errors(
    tmp_path: Path, args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--screenshot", str(tmp_path / "x.png"), *args])
    assert exited.value.code == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_check_rejects_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--contnet", "x"])
    assert exited.value.code == 2
    assert "usage: faq-kiosk check" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"faq-kiosk {version()}"


def test_broken_config_still_gives_a_working_kiosk(tmp_path: Path) -> None:
    """A bad config never blanks the kiosk: it starts on defaults and logs why."""
    config = tmp_path / "config.toml"
    config.write_text('feedback_url = "not a url"\nidle_timeout_s = [\n', encoding="utf-8")
    out = tmp_path / "out.png"
    result = run_command("--screenshot", str(out), "--lang", "es", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert f"{config}:2" in result.stderr and "TOML syntax error" in result.stderr
    assert "Traceback" not in result.stderr
    assert not QImage(str(out)).isNull()


def test_screenshots_exit_cleanly_every_time(tmp_path: Path) -> None:
    """Painting QR codes on worker threads once crashed about one run in three."""
    for run in range(6):
        out = tmp_path / f"{run}.png"
        result = run_command("--screenshot", str(out), "--lang", "vi", "--open", "contact")
        assert result.returncode == 0, (run, result.stderr[-2000:])


def test_content_commands_without_the_authoring_libraries_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kiosk's own bundle leaves openpyxl, python-docx and lxml out: what is left
    # still works (the Ansible role runs `content verify` on every kiosk).
    import argparse
    import sys

    from kiosk.cli.content import parser

    for library in ("openpyxl", "docx", "lxml"):
        monkeypatch.setitem(sys.modules, library, None)  # import fails as if absent
    import kiosk.authoring

    for module in [m for m in sys.modules if m.startswith("kiosk.authoring.")]:
        monkeypatch.delitem(sys.modules, module)  # imported again, without the libraries
        # `from kiosk.authoring import sheets` would find the package's attribute.
        monkeypatch.delattr(kiosk.authoring, module.rsplit(".", 1)[-1], raising=False)
    group = parser()
    [commands] = [a for a in group._actions if isinstance(a, argparse._SubParsersAction)]
    choices = set(commands.choices)
    assert {"check", "approve", "preview", "pack", "verify"} <= choices
    assert "template" not in choices and "export-translation" not in choices
    assert group.epilog is not None and "pip install faq-kiosk" in group.epilog
    assert "template, import, export" in group.epilog and "import-translation" in group.epilog
