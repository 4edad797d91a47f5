"""Command line: run the kiosk, render a screenshot, or check an installation.

faq-kiosk [--windowed] [--lang LANG] [--config PATH] [--size WxH]
faq-kiosk --screenshot OUT.png [--lang LANG] [--open ID] [--size WxH]
          [--text-size PCT] [--high-contrast]
faq-kiosk check [--config PATH] [--content DIR|FILE.faqbundle]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import version
from kiosk.config import TEXT_SIZES, LoadedConfig, find_config, language_code_problem, load_config

if TYPE_CHECKING:  # PySide6 is imported lazily, so `--help` answers at once
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk

log = logging.getLogger("kiosk")

DEFAULT_SCREENSHOT_SIZE = (1920, 1080)


#: Window and screenshot sides `--size` accepts, in pixels.
MIN_SIDE_PX, MAX_SIDE_PX = 320, 7680


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    if not (MIN_SIDE_PX <= width <= MAX_SIDE_PX and MIN_SIDE_PX <= height <= MAX_SIDE_PX):
        raise argparse.ArgumentTypeError(
            f"{text!r}: width and height must be {MIN_SIDE_PX} to {MAX_SIDE_PX}"
        )
    return width, height


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (importlib.metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"faq-kiosk {version()}")
        parser.exit()


def _language_code(text: str) -> str:
    if problem := language_code_problem(text):
        raise argparse.ArgumentTypeError(problem)
    return text


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faq-kiosk",
        description="Accessible, offline, multilingual FAQ kiosk. "
        "Subcommands: `faq-kiosk check` validates an installation; `faq-kiosk set-pin` "
        "sets the staff PIN; `faq-kiosk content` makes, translates and publishes content; "
        "`faq-kiosk status` says whether the kiosk here is alive; `faq-kiosk usage` exports the "
        "private usage counts.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and exit"
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="config file (default: $FAQ_KIOSK_CONFIG, then the system config file)",
    )
    parser.add_argument(
        "--lang", type=_language_code, help="start in this language (one the content has)"
    )
    parser.add_argument(
        "--windowed", action="store_true", help="run in a normal window instead of full screen"
    )
    parser.add_argument("--size", type=_size, help="window or screenshot size, e.g. 1080x1920")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="render offscreen to OUT.png and exit (no display needed)",
    )
    parser.add_argument("--open", metavar="ID", help="with --screenshot: open this question")
    parser.add_argument(
        "--text-size",
        type=int,
        choices=TEXT_SIZES,
        metavar="PCT",
        help="with --screenshot: text size in percent (100-200)",
    )
    parser.add_argument(
        "--high-contrast",
        action="store_true",
        help="with --screenshot: use the high-contrast theme",
    )
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faq-kiosk check",
        description="Validate config, content, catalogs and fonts; exit non-zero on errors.",
    )
    parser.add_argument("--config", type=Path, help="config file to check")
    parser.add_argument(
        "--a11y",
        action="store_true",
        help="audit every screen for accessibility (names, target sizes, contrast, focus "
        "order, clipped text) instead",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR|FILE",
        help="content bundle folder or .faqbundle archive to check (default: the config's)",
    )
    return parser


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why a window cannot be shown here, in one sentence; None if it probably can."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    wayland, x11 = environ.get("WAYLAND_DISPLAY"), environ.get("DISPLAY")
    if wayland:
        runtime = environ.get("XDG_RUNTIME_DIR", "")
        if Path(wayland).is_absolute() or (runtime and Path(runtime, wayland).exists()):
            return None
    if x11:
        number = x11.split(":")[-1].split(".")[0]
        if not x11.startswith(":") or Path(f"/tmp/.X11-unix/X{number}").exists():
            return None
    hint = "use `faq-kiosk --screenshot OUT.png` to render the kiosk to an image without one"
    if not wayland and not x11:
        return (
            "faq-kiosk: no display found (neither WAYLAND_DISPLAY nor DISPLAY is set); "
            f"start it in a graphical session, or {hint}."
        )
    return (
        f"faq-kiosk: cannot reach the display {wayland or x11!r}; "
        f"start it in a graphical session, or {hint}."
    )


def _load_config(path: Path | None) -> LoadedConfig:
    loaded = load_config(find_config(path, os.environ))
    for issue in loaded.issues:
        log.error("Config: %s", issue)
    return loaded


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `faq-kiosk` and `python -m kiosk`."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args[:1] == ["set-pin"]:
        from kiosk.cli.set_pin import set_pin

        parser = argparse.ArgumentParser(
            prog="faq-kiosk set-pin",
            description="Ask for the staff PIN twice (not shown) and write its salted hash "
            "into the config file.",
        )
        parser.add_argument(
            "--config",
            type=Path,
            help="config file to update (default: $FAQ_KIOSK_CONFIG, then the system config file)",
        )
        return set_pin(parser.parse_args(args[1:]).config)
    if args[:1] == ["usage"]:
        from kiosk.cli.usage import usage_main

        return usage_main(args[1:])
    if args[:1] == ["status"]:
        from kiosk.cli.status import status_main

        return status_main(args[1:])
    if args[:1] == ["content"]:
        from kiosk.cli.content import content_main

        return content_main(args[1:])
    if args[:1] == ["check"]:
        from kiosk.cli.check import run_check

        options = _check_parser().parse_args(args[1:])
        if options.a11y:
            from kiosk.cli.check import run_a11y_check

            return run_a11y_check()
        return run_check(options.config, options.content)
    options = _run_parser().parse_args(args)
    if options.screenshot is None and (options.open or options.text_size or options.high_contrast):
        _run_parser().error("--open, --text-size and --high-contrast need --screenshot")
    if options.screenshot is not None:
        return _screenshot(options)
    problem = display_problem(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return _run(options)


def _qt_app() -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(["faq-kiosk"])
    app.setApplicationName("faq-kiosk")
    return app


def _run(options: argparse.Namespace) -> int:
    from kiosk.cli.run import run_kiosk

    # run_kiosk logs the config's problems itself, once its log file is open.
    loaded = load_config(find_config(options.config, os.environ))
    return run_kiosk(_qt_app(), loaded, options.lang, options.windowed, options.size)


def _screenshot(options: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QThreadPool

    from kiosk.app import build_kiosk

    qt_app = _qt_app()
    kiosk = build_kiosk(qt_app, _load_config(options.config), options.lang)
    try:
        return _save_screenshot(kiosk, options)
    finally:
        # QR codes render on the thread pool from the moment the kiosk is built; a
        # worker still running while the interpreter shuts down crashes it (SIGSEGV).
        QThreadPool.globalInstance().waitForDone()


def _save_screenshot(kiosk: Kiosk, options: argparse.Namespace) -> int:
    from kiosk.cli.screenshot import render

    if options.open and options.open not in kiosk.content.bundle.question_ids:
        ids = ", ".join(kiosk.content.bundle.question_ids)
        print(f"faq-kiosk: no question {options.open!r}; the ids are: {ids}", file=sys.stderr)
        return 2
    if options.lang and options.lang not in kiosk.window.home.languages:
        offered = ", ".join(kiosk.window.home.languages)
        print(f"faq-kiosk: the content has no {options.lang!r}; it has: {offered}", file=sys.stderr)
        return 2
    session = kiosk.session
    if options.text_size:
        session.set_text_size(options.text_size)
    if options.high_contrast:
        session.set_high_contrast(True)
    if options.lang or options.open:
        session.choose_language(options.lang or session.language)
        session.set_open_question(options.open)
    image = render(kiosk, options.size or DEFAULT_SCREENSHOT_SIZE)
    if not image.save(str(options.screenshot)):
        print(f"faq-kiosk: could not write {options.screenshot}", file=sys.stderr)
        return 1
    print(options.screenshot)
    return 0
