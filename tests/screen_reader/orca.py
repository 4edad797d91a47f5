"""A real screen reader on a private desktop: Orca reading the kiosk under Xvfb.

`OrcaSession` starts, each in its own process group so that teardown can end it whole:

- Xvfb on a free display (it picks the number itself: ``-displayfd``);
- a private D-Bus session bus and the AT-SPI bus launcher (the accessibility bus);
- speech-dispatcher with the espeak-ng module, its sound sent to ALSA's null device
  (there is no sound card), on its own socket;
- Orca in its own PID namespace (``unshare -fp --mount-proc``: ``orca --replace`` and
  Orca's own start-up end every process named orca of the user, which would include
  another test run's), in the C.UTF-8 locale so that its role and state words ("push
  button", "expanded") are English, with a clean HOME and XDG folders, speech on and
  braille off, and its debug log (``--debug-file``) going to a pseudo-terminal: Orca
  opens that file with Python's default buffering, which holds 8 KiB back on a plain
  file but flushes each line on a terminal, so each ``SPEECH OUTPUT`` line is read the
  moment Orca speaks it;
- the kiosk, windowed, with a config of its own in the session's folder.

Keys go in through xdotool (XTEST), as from a keyboard: `press`. What Orca said comes
from the ``SPEECH OUTPUT`` lines of its debug log: `mark`, `spoken_since`, `wait_for`,
`wait_quiet`. Everything it started is ended in `close` (also on any error in start).
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]
AT_SPI_BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
# The programs a session needs; `missing_programs` names those that are not installed.
# Without the first two there is no screen reader to test (the tests skip); without any
# other the session cannot run (the tests fail, naming it: `make screen-reader-test`
# installs them all).
ESSENTIAL = ("orca", "Xvfb")
PROGRAMS = (*ESSENTIAL, "dbus-daemon", "speech-dispatcher", "xdotool", "unshare")
ESPEAK_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
SYSTEM_SPEECHD_MODULES = Path("/etc/speech-dispatcher/modules")

# One line of Orca's debug log that it spoke: "18:50:52.207398 - SPEECH OUTPUT: 'Screen
# reader on.'{'established': False}" (the voice, when not the default one, as
# " voice=uppercase" before it). A spoken text may span lines: Orca indents the
# following ones by 18 spaces.
_SPEECH = re.compile(
    r"^\d\d:\d\d:\d\d\.\d+ - SPEECH OUTPUT: '(?P<text>.*?)'(?: voice=\w+)? ?(?:\{[^\n]*\})?$",
    re.MULTILINE | re.DOTALL,
)
_CONTINUATION = "\n" + " " * 18


def missing_programs() -> list[str]:
    """What this machine lacks for an Orca session (empty: it can run one)."""
    missing = [program for program in PROGRAMS if shutil.which(program) is None]
    missing += [str(path) for path in (AT_SPI_BUS_LAUNCHER, ESPEAK_MODULE) if not path.exists()]
    return missing


def parse_speech(log: str) -> list[str]:
    """The texts Orca spoke, in order, from its debug log: each ``SPEECH OUTPUT`` line
    without the time, the quotes and the voice Orca logs with it."""
    return [m["text"].replace(_CONTINUATION, "\n") for m in _SPEECH.finditer(log)]


class OrcaTimeoutError(AssertionError):
    """Something the session waited for did not happen in time."""


@dataclass
class _Process:
    name: str
    popen: subprocess.Popen[bytes]


class OrcaSession:
    """Orca reading one kiosk on a private X display; a context manager.

    *workdir* receives the logs (orca-debug.log, kiosk.log, speech-dispatcher/, …), the
    kiosk's config and state, and the clean HOME; *kiosk_config* is the text of the
    kiosk's config file (its state and log folders are set to *workdir* first).
    """

    def __init__(
        self,
        workdir: Path,
        *,
        kiosk_config: str = "",
        size: str = "1280x800",
        python: str = sys.executable,
    ) -> None:
        self.workdir = workdir
        self._kiosk_config = kiosk_config
        self._size = size
        self._python = python
        self._processes: list[_Process] = []
        self._log_chunks: list[str] = []
        self._log_lock = threading.Lock()
        self._log_file = workdir / "orca-debug.log"
        self._reader: threading.Thread | None = None
        self._pty_master = self._pty_slave = -1
        self.display = ""
        self.window = ""
        self.env: dict[str, str] = {}

    # Life cycle --------------------------------------------------------------------

    def __enter__(self) -> OrcaSession:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self, timeout: float = 30.0) -> None:
        """Start everything, then wait until Orca has spoken the kiosk's window."""
        self._prepare_home()
        self._start_xvfb(timeout)
        self._start_dbus(timeout)
        self._start("at-spi-bus-launcher", [str(AT_SPI_BUS_LAUNCHER), "--launch-immediately"])
        self._start_speech_dispatcher(timeout)
        self._start_orca(timeout)
        self._start_kiosk(timeout)

    def close(self) -> None:
        """End every process group this session started, newest first: SIGTERM, then
        SIGKILL for those still there after two seconds."""
        for process in reversed(self._processes):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + 2.0
        for process in reversed(self._processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(max(0.0, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.popen.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(5.0)
        self._processes.clear()
        for fd in (self._pty_slave, self._pty_master):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._pty_master = self._pty_slave = -1
        if self._reader is not None:
            self._reader.join(2.0)
            self._reader = None

    # Keys and speech ---------------------------------------------------------------

    def press(self, *keys: str, delay_ms: int = 150) -> None:
        """Press *keys* (X key names: "Tab", "Return", "space", "Down", "shift+Tab") one
        after the other on the kiosk's window, giving it the X focus first if it lost it."""
        focused = self._xdotool("getwindowfocus").strip()
        if focused != self.window:
            self._xdotool("windowfocus", "--sync", self.window)
        self._xdotool("key", "--clearmodifiers", "--delay", str(delay_ms), *keys)

    def log(self) -> str:
        """Orca's debug log so far."""
        with self._log_lock:
            return "".join(self._log_chunks)

    def spoken(self) -> list[str]:
        """Everything Orca has spoken so far."""
        return parse_speech(self.log())

    def mark(self) -> int:
        """A mark for `spoken_since`: how many texts Orca has spoken so far."""
        return len(self.spoken())

    def spoken_since(self, mark: int) -> list[str]:
        """The texts Orca has spoken since *mark* (from `mark`)."""
        return self.spoken()[mark:]

    def wait_for(
        self, condition: Callable[[list[str]], bool], since: int, timeout: float = 10.0
    ) -> list[str]:
        """Wait until *condition* holds for what Orca spoke since *since*; return that.
        Raises OrcaTimeoutError, naming what was spoken, when it does not in *timeout*."""
        deadline = time.monotonic() + timeout
        while True:
            spoken = self.spoken_since(since)
            if condition(spoken):
                return spoken
            if time.monotonic() > deadline:
                raise OrcaTimeoutError(f"not in time ({timeout} s); Orca said: {spoken!r}")
            self._check_alive()
            time.sleep(0.05)

    def wait_quiet(self, since: int, quiet: float = 1.0, timeout: float = 8.0) -> list[str]:
        """What Orca spoke since *since*, once it has spoken something and then nothing
        for *quiet* seconds (or *timeout* passed: then whatever it said, maybe nothing)."""
        deadline = time.monotonic() + timeout
        count, changed = -1, time.monotonic()
        while True:
            spoken = self.spoken_since(since)
            now = time.monotonic()
            if len(spoken) != count:
                count, changed = len(spoken), now
            if (spoken and now - changed >= quiet) or now > deadline:
                return spoken
            self._check_alive()
            time.sleep(0.05)

    # Starting each part ------------------------------------------------------------

    def _prepare_home(self) -> None:
        home = self.workdir / "home"
        runtime = self.workdir / "run"
        for folder in (home / ".config", home / ".local/share", home / ".cache", runtime):
            folder.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        # speech-dispatcher's ALSA output goes nowhere: there is no sound card.
        (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "USER": os.environ.get("USER", "root"),
            "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            "NO_AT_BRIDGE": "0",
            "GTK_MODULES": "gail:atk-bridge",
        }

    def _start(
        self,
        name: str,
        args: Sequence[str],
        env: dict[str, str] | None = None,
        pass_fds: Sequence[int] = (),
        cwd: Path | None = None,
    ) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{name}.log").open("ab")
        try:
            popen = subprocess.Popen(
                list(args),
                env=env or self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                pass_fds=tuple(pass_fds),
                cwd=cwd,
            )
        finally:
            log.close()
        self._processes.append(_Process(name, popen))
        return popen

    def _start_xvfb(self, timeout: float) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self._start(
                "xvfb",
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    f"{self._size}x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                pass_fds=[write_fd],
            )
            os.close(write_fd)
            write_fd = -1
            number = _read_line(read_fd, timeout, "Xvfb's display number")
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        self.display = f":{number}"
        self.env["DISPLAY"] = self.display

    def _start_dbus(self, timeout: float) -> None:
        read_fd, write_fd = os.pipe()
        socket = self.workdir / "run" / "bus"
        try:
            self._start(
                "dbus",
                [
                    "dbus-daemon",
                    "--session",
                    "--nofork",
                    "--nopidfile",
                    f"--address=unix:path={socket}",
                    f"--print-address={write_fd}",
                ],
                pass_fds=[write_fd],
            )
            os.close(write_fd)
            write_fd = -1
            self.env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(read_fd, timeout, "D-Bus address")
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)

    def _start_speech_dispatcher(self, timeout: float) -> None:
        config = self.workdir / "speechd"
        config.mkdir(exist_ok=True)
        if not (config / "modules").exists():
            (config / "modules").symlink_to(SYSTEM_SPEECHD_MODULES)
        logs = self.workdir / "speech-dispatcher"
        logs.mkdir(exist_ok=True)
        (config / "speechd.conf").write_text(
            "LogLevel 3\n"
            f'LogDir "{logs}"\n'
            'AudioOutputMethod "alsa"\n'
            'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
            "DefaultModule espeak-ng\n"
            'DefaultLanguage "en"\n',
            encoding="utf-8",
        )
        socket = self.workdir / "run" / "speechd.sock"
        self._start(
            "speech-dispatcher",
            [
                "speech-dispatcher",
                "--run-single",
                "--timeout",
                "0",
                "--communication-method",
                "unix_socket",
                "--socket-path",
                str(socket),
                "--config-dir",
                str(config),
                "--log-dir",
                str(logs),
            ],
        )
        self.env["SPEECHD_ADDRESS"] = f"unix_socket:{socket}"
        _poll(socket.exists, timeout, "speech-dispatcher's socket", self._check_alive)

    def _start_orca(self, timeout: float) -> None:
        master, slave = pty.openpty()
        tty.setraw(slave)
        self._pty_master = master
        prefs = self.workdir / "orca-prefs"
        prefs.mkdir(exist_ok=True)
        # The parent keeps the terminal's other end open too: with none open, reading
        # the master fails (EIO) until Orca has opened it.
        self._pty_slave = slave
        self._start(
            "orca",
            [
                "unshare",
                "--fork",
                "--pid",
                "--mount-proc",
                "orca",
                "--user-prefs",
                str(prefs),
                "--enable",
                "speech",
                "--disable",
                "braille,key-echo",
                "--debug-file",
                os.ttyname(slave),
            ],
        )
        self._reader = threading.Thread(target=self._read_log, name="orca-log", daemon=True)
        self._reader.start()
        # Orca greets with "Screen reader on." once its speech works.
        self.wait_for(bool, 0, timeout)

    def _start_kiosk(self, timeout: float) -> None:
        config = self.workdir / "kiosk.toml"
        config.write_text(
            f'state_dir = "{self.workdir / "kiosk-state"}"\n'
            f'log_dir = "{self.workdir / "kiosk-log"}"\n' + self._kiosk_config,
            encoding="utf-8",
        )
        env = dict(self.env)
        env.pop("GTK_MODULES")
        env |= {
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            # A crash (Qt's accessibility bridge has had some) logs its Python stack.
            "PYTHONFAULTHANDLER": "1",
            # Its own one-kiosk lock: the machine's (/run/lock) is a real kiosk's.
            "FAQ_KIOSK_LOCK": str(self.workdir / "faq-kiosk.lock"),
        }
        popen = self._start(
            "kiosk",
            [
                self._python,
                "-m",
                "kiosk",
                "--windowed",
                "--size",
                self._size,
                "--config",
                str(config),
            ],
            env=env,
            cwd=ROOT,
        )
        since = self.mark()

        def find_window() -> bool:
            found = self._xdotool("search", "--onlyvisible", "--pid", str(popen.pid), check=False)
            self.window = found.split()[0] if found.split() else ""
            return bool(self.window)

        _poll(find_window, timeout, "the kiosk's window", self._check_alive)
        self._xdotool("windowfocus", "--sync", self.window)
        # Orca speaks the window's name when it becomes active.
        self.wait_for(lambda spoken: any("FAQ Kiosk" in s for s in spoken), since, timeout)

    # Helpers -----------------------------------------------------------------------

    def _read_log(self) -> None:
        with self._log_file.open("w", encoding="utf-8") as copy:
            while True:
                try:
                    data = os.read(self._pty_master, 65536)
                except OSError:  # Orca ended (EIO) or close() closed the terminal
                    return
                if not data:
                    return
                text = data.decode("utf-8", errors="replace")
                with self._log_lock:
                    self._log_chunks.append(text)
                copy.write(text)
                copy.flush()

    def _xdotool(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            check=False,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def _check_alive(self) -> None:
        for process in self._processes:
            if process.popen.poll() is not None:
                tail = self._tail(self.workdir / f"{process.name}.log")
                raise RuntimeError(
                    f"{process.name} ended (exit {process.popen.returncode}); its log:\n{tail}"
                )

    @staticmethod
    def _tail(path: Path, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"


def _read_line(fd: int, timeout: float, what: str) -> str:
    """The first line written to pipe *fd*, waiting up to *timeout* seconds."""
    import select

    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise OrcaTimeoutError(f"no {what} in {timeout} s")
        chunk = os.read(fd, 4096)
        if not chunk:
            raise RuntimeError(f"no {what}: the program ended")
        data += chunk
    return data.split(b"\n", 1)[0].decode().strip()


def _poll(
    condition: Callable[[], bool], timeout: float, what: str, check: Callable[[], None]
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise OrcaTimeoutError(f"no {what} in {timeout} s")
        check()
        time.sleep(0.1)
