"""Keeping the kiosk up: a rotating log file, a catch-all for exceptions, the systemd
watchdog heartbeat, and one kiosk per machine."""

from __future__ import annotations

import logging
import logging.handlers
import os
import socket
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from kiosk.system.files import default_state_dir

log = logging.getLogger(__name__)

LOG_NAME = "faq-kiosk.log"
CRASH_NAME = "last-crash.txt"


def default_log_dir(platform: str = sys.platform) -> Path:
    """Where the log goes when the config says nothing."""
    if platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "FaqKiosk" / "logs"
    return default_state_dir(platform)


def setup_logging(log_dir: Path) -> str | None:
    """Log to stderr and to a rotating file in *log_dir* (5 x 1 MB). Returns why the file
    could not be used, or None. A full or read-only disk never stops the kiosk."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(formatter)
        root.addHandler(stream)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_NAME, maxBytes=1_000_000, backupCount=4, encoding="utf-8"
        )
    except OSError as error:
        reason = f"cannot write the log in {log_dir}: {error.strerror}"
        log.error("%s; logging to stderr only", reason)
        return reason
    handler.setFormatter(formatter)
    root.addHandler(handler)
    return None


class CrashGuard(QObject):
    """Catches exceptions nothing else caught (Qt slots included: PySide6 reports them
    through sys.excepthook), logs them with their traceback, records the time, and asks
    for the kiosk to go back to Home instead of dying.

    Signals:
        crashed(): an exception was caught; recover if it is safe.
    """

    crashed = Signal()

    def __init__(self, log_dir: Path) -> None:
        super().__init__()
        self._crash_file = log_dir / CRASH_NAME
        self._previous: Callable[..., object] | None = None

    def install(self) -> None:
        """Become sys.excepthook."""
        self._previous = sys.excepthook
        sys.excepthook = self._hook

    def uninstall(self) -> None:
        """Give sys.excepthook back."""
        if self._previous is not None:
            sys.excepthook = self._previous

    def last_crash(self) -> str | None:
        """When the last caught exception happened (also from earlier runs), or None."""
        try:
            return self._crash_file.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _hook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        text = "".join(traceback.format_exception(kind, error, trace))
        log.critical("Uncaught exception; going back to Home:\n%s", text)
        try:
            self._crash_file.parent.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            self._crash_file.write_text(f"{stamp} {kind.__name__}: {error}\n", encoding="utf-8")
        except OSError:
            pass  # a full disk must not turn one error into two
        # After the failing slot has returned, not inside it.
        QTimer.singleShot(0, self.crashed.emit)


class SystemdNotifier(QObject):
    """sd_notify without a dependency: READY=1 once the kiosk is up, then WATCHDOG=1 at
    half of $WATCHDOG_USEC, from a timer on the UI thread, so a hung event loop stops the
    heartbeat and systemd restarts the kiosk. Does nothing without $NOTIFY_SOCKET."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        super().__init__()
        env = dict(os.environ) if environ is None else environ
        self._address = env.get("NOTIFY_SOCKET", "")
        usec = env.get("WATCHDOG_USEC", "")
        self._interval_ms = int(usec) // 2000 if usec.isdigit() and int(usec) > 0 else 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.notify("WATCHDOG=1"))

    @property
    def active(self) -> bool:
        """True when a service manager listens."""
        return bool(self._address)

    def notify(self, message: str) -> bool:
        """Send *message*; False if it could not be sent (logged once per failure)."""
        if not self._address:
            return False
        address = self._address
        if address.startswith("@"):  # abstract socket namespace
            address = "\0" + address[1:]
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.connect(address)
                sock.sendall(message.encode("ascii"))
        except OSError as error:
            log.warning("Could not notify the service manager (%s): %s", message, error)
            return False
        return True

    def ready(self) -> None:
        """Tell systemd the kiosk is up, and start the heartbeat if it wants one."""
        self.notify("READY=1")
        if self._interval_ms:
            self._timer.start(self._interval_ms)

    def stop(self) -> None:
        """Stop the heartbeat (at exit)."""
        self._timer.stop()
        self.notify("STOPPING=1")


def single_instance_lock(path: Path) -> QLockFile | None:
    """Hold the one-kiosk-per-machine lock, or None if another kiosk holds it."""
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a lock left by a crashed kiosk is freed by its dead pid
    return lock if lock.tryLock(0) else None


def uptime_text(started: float, now: float | None = None) -> str:
    """How long the kiosk has run, as "2 d 3 h 4 min"."""
    seconds = int((now if now is not None else time.monotonic()) - started)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    return (
        " ".join(
            f"{value} {unit}"
            for value, unit in ((days, "d"), (hours, "h"), (minutes, "min"))
            if value
        )
        or "0 min"
    )
