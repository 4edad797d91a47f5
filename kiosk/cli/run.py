"""`faq-kiosk`: the kiosk itself, locked down, logged, watched, one per machine."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import build_kiosk
from kiosk.app.notices import show_notices
from kiosk.app.quiet import rest_outside_hours
from kiosk.app.status import report_health
from kiosk.app.usage import record_usage
from kiosk.config import LoadedConfig
from kiosk.system.health import (
    CrashGuard,
    InstanceLock,
    SystemdNotifier,
    default_log_dir,
    machine_lock_path,
    setup_logging,
    single_instance_lock,
)
from kiosk.ui.first_frame import after_first_frame

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 800)


def _one_kiosk_lock() -> InstanceLock | None:
    """The one-kiosk-per-machine lock, or None (said why) if another kiosk runs."""
    try:
        lock = single_instance_lock(machine_lock_path(os.environ))
    except OSError as error:  # better two kiosks than a black screen
        print(
            f"faq-kiosk: cannot take the one-kiosk lock ({error}); starting anyway.",
            file=sys.stderr,
        )
        return InstanceLock(None)
    if lock is None:
        print(
            "faq-kiosk: another kiosk is already running on this machine; this second "
            "copy exits and leaves it as it is.",
            file=sys.stderr,
        )
    return lock


def _show(
    qt_app: QApplication, window: QWidget, windowed: bool, size: tuple[int, int] | None
) -> None:
    """Show the window: in a normal window, or full screen, frameless, on top."""
    if windowed:
        window.resize(*(size or WINDOWED_SIZE))
        window.show()
    else:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        # Full screen is a request to the window manager; a bare X server (xinit, no
        # window manager) ignores it, so also cover the screen ourselves.
        window.setGeometry(qt_app.primaryScreen().geometry())
        window.showFullScreen()


def run_kiosk(
    qt_app: QApplication,
    loaded: LoadedConfig,
    language: str | None,
    windowed: bool,
    size: tuple[int, int] | None,
) -> int:
    """Run until staff choose Exit (or the service manager stops it)."""
    lock = _one_kiosk_lock()
    if lock is None:
        return 3
    config = loaded.config
    log_dir = loaded.resolve_path(config.log_dir) if config.log_dir else default_log_dir()
    log_problem = setup_logging(log_dir)
    for issue in loaded.issues:
        log.error("Config: %s", issue)

    kiosk = build_kiosk(qt_app, loaded, language, watch_crashes=True)
    kiosk.health.log_problem = log_problem
    guard = CrashGuard(log_dir)
    guard.install()
    kiosk.health.last_crash = guard.last_crash()

    def recovered() -> None:
        kiosk.health.last_crash = guard.last_crash()
        kiosk.turnover.recover_from_crash()

    guard.crashed.connect(recovered)
    guard.crashed.connect(kiosk.content.note_crash)  # twice in a minute: content rolled back
    window = kiosk.window
    # Proof of life is a painted frame: the heartbeat and the health file follow paints.
    reporter = report_health(kiosk)
    frames = reporter.frames
    quiet = rest_outside_hours(kiosk)
    kiosk.health.resting = lambda: quiet.resting
    # While resting the display may be off and paint nothing: not a hung kiosk.
    notifier = SystemdNotifier(alive=lambda: frames.alive() or quiet.resting)
    usage = record_usage(kiosk)
    notices = show_notices(kiosk)

    def first_frame() -> None:
        frames.start()
        notifier.ready()
        reporter.start()
        kiosk.warm_up_speech()
        notices.start()
        quiet.start()

    after_first_frame(window, first_frame)
    kiosk.enable_kiosk_mode()
    if config.display_hide_cursor:
        qt_app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    _show(qt_app, window, windowed, size)
    log.info("Kiosk started (%s)", loaded.path or "built-in config")
    code = qt_app.exec()
    if usage is not None:
        usage.flush()
    kiosk.content.note_stop()
    notifier.stop()
    guard.uninstall()
    lock.unlock()
    return code
