"""Keeping the kiosk up: a rotating log file, a catch-all for exceptions, the systemd
watchdog heartbeat, and one kiosk per machine (what IT reads about it:
`kiosk.system.status_files`)."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.system.files import default_state_dir

log = logging.getLogger(__name__)

LOG_NAME = "faq-kiosk.log"
CRASH_NAME = "last-crash.txt"
LOCK_NAME = "faq-kiosk.lock"


def default_log_dir(platform: str = sys.platform) -> Path:
    """Where the log goes when the config says nothing."""
    if platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "FaqKiosk" / "logs"
    return default_state_dir(platform)


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, which remembers why it could not be written (a disk that
    filled while the kiosk runs) instead of printing a traceback for every record;
    `problem` clears once a record is written again."""

    problem: str | None = None
    _failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)
        if not self._failed:
            self.problem = None

    def close(self) -> None:
        # Closing flushes what a full disk would not take: lose it, do not raise.
        try:
            super().close()
        except OSError:
            self.stream = None

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        self._failed = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or str(error)
        if self.problem is None:  # once per failure, not once per record
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            self.problem = f"cannot write {self.baseFilename} since {stamp}: {reason}"
            print(f"faq-kiosk: {self.problem}; logging to stderr only", file=sys.stderr)


def setup_logging(log_dir: Path) -> Callable[[], str | None]:
    """Log to stderr and to a rotating file in *log_dir* (5 x 1 MB). Returns a function
    saying why the file cannot be written now (None: it can). A full or read-only disk,
    at start or later, never stops the kiosk."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not any(type(h) is logging.StreamHandler for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(formatter)
        root.addHandler(stream)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = LogFile(log_dir / LOG_NAME, maxBytes=1_000_000, backupCount=4, encoding="utf-8")
    except OSError as error:
        reason = f"cannot write the log in {log_dir}: {error.strerror}"
        log.error("%s; logging to stderr only", reason)
        return lambda: reason
    handler.setFormatter(formatter)
    root.addHandler(handler)
    return lambda: handler.problem


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
    heartbeat and systemd restarts the kiosk. With *alive* (the window painted a frame
    recently: `kiosk.system.frames`), a beat is sent only while it says so, so a hung
    paint or a window that shows nothing stops the heartbeat too. Does nothing without
    $NOTIFY_SOCKET."""

    def __init__(
        self, environ: dict[str, str] | None = None, alive: Callable[[], bool] | None = None
    ) -> None:
        super().__init__()
        env = dict(os.environ) if environ is None else environ
        self._address = env.get("NOTIFY_SOCKET", "")
        usec = env.get("WATCHDOG_USEC", "")
        self._interval_ms = int(usec) // 2000 if usec.isdigit() and int(usec) > 0 else 0
        self._alive = alive
        self._withheld = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.beat)

    def beat(self) -> bool:
        """Send WATCHDOG=1 if the kiosk is alive; whether it was sent."""
        if self._alive is not None and not self._alive():
            if not self._withheld:  # once per stretch, not every beat
                log.error("No frame painted recently: withholding the watchdog heartbeat")
            self._withheld = True
            return False
        if self._withheld:
            log.info("Frames are painted again: heartbeat resumed")
            self._withheld = False
        return self.notify("WATCHDOG=1")

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


class InstanceLock:
    """The one-kiosk-per-machine lock: an exclusive lock on an open file, which the
    system frees when the process ends however it ends (no stale lock after a crash or
    a power cut). Other users can take it too: the file is opened read-only when it is
    someone else's, which is enough to lock it."""

    def __init__(self, descriptor: int | None) -> None:
        self._descriptor = descriptor  # None: no lock could be taken; nothing to free

    def unlock(self) -> None:
        """Let the next kiosk start."""
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the file drops the lock
            self._descriptor = None


def machine_lock_path(environ: Mapping[str, str], platform: str = sys.platform) -> Path:
    """Where the one-kiosk lock lives: one path per machine whatever the user or session
    (/run/lock on Linux; ProgramData on Windows). $FAQ_KIOSK_LOCK names another file
    (tests; a machine with two seats, each with its own kiosk)."""
    if environ.get("FAQ_KIOSK_LOCK"):
        return Path(environ["FAQ_KIOSK_LOCK"])
    if platform.startswith("win"):
        return Path(environ.get("PROGRAMDATA", r"C:\ProgramData")) / "FaqKiosk" / LOCK_NAME
    run_lock = Path("/run/lock")
    return (run_lock if run_lock.is_dir() else Path(tempfile.gettempdir())) / LOCK_NAME


def single_instance_lock(path: Path) -> InstanceLock | None:
    """Hold the one-kiosk lock at *path*, or None if another kiosk holds it. Raises
    OSError if the lock file cannot be opened at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nofollow = getattr(os, "O_NOFOLLOW", 0)  # /run/lock is world-writable: no symlinks
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | nofollow, 0o644)
    except PermissionError:  # another user's lock file: reading is enough to lock it
        descriptor = os.open(path, os.O_RDONLY | nofollow)
    if not _try_lock(descriptor):
        os.close(descriptor)
        return None
    with contextlib.suppress(OSError):  # the pid, for people; the lock is what counts
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))
    return InstanceLock(descriptor)


def _try_lock(descriptor: int) -> bool:
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
