"""The last two good content archives, kept on disk, and when to go back to the older.

`ContentHistory` keeps, in a folder of the kiosk's state folder (`state_dir/content`),
copies of the newest archive the kiosk showed (`current`) and of the one before it
(`previous`), each with its signature, and a small state file (`state.json`, written
atomically) saying which is which, which archives were rolled back (never shown again,
by checksum), how often the kiosk crashed with the current one, and whether the last
run ended cleanly. The copy is what the kiosk verifies and loads, so the configured
file may change under it without harm.

A newly installed archive is on trial for `TRIAL_S`: if the kiosk crashes
`CRASHES_TO_ROLL_BACK` times within `CRASH_WINDOW_S` while it is current (an exception
the crash guard caught, or a run that never ended cleanly, counted when the next one
starts if it lasted at most a minute), the kiosk goes back to the previous archive
(`ContentStore`). A time is the wall clock (seconds since the epoch), since crashes are
counted across runs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.signing import SIG_SUFFIX, signature_path
from kiosk.system.files import atomic_write

log = logging.getLogger(__name__)

#: How long a newly installed archive is on trial, in seconds.
TRIAL_S = 15 * 60
#: Crashes within this many seconds roll a bundle on trial back.
CRASH_WINDOW_S = 60
CRASHES_TO_ROLL_BACK = 2
STATE_NAME = "state.json"
#: The history's folder in the kiosk's state folder.
HISTORY_FOLDER = "content"
_INCOMING = "incoming"
_MAX_STATE_BYTES = 64 * 1024
_MAX_REJECTED = 20


@dataclass(frozen=True)
class Kept:
    """One archive kept on disk: its file name in the folder, checksum and bundle."""

    name: str
    sha256: str
    bundle_id: str
    version: str
    installed: float

    def describe(self) -> str:
        return f"{self.bundle_id} version {self.version} (archive {self.sha256[:16]})"


@dataclass
class _State:
    current: Kept | None = None
    previous: Kept | None = None
    rejected: list[str] = field(default_factory=list)
    crashes: list[float] = field(default_factory=list)
    running: bool = False
    started: float = 0.0
    last_rollback: str | None = None


class ContentHistory:
    """The kept archives in *folder*; *clock* is the wall clock (tests pass a fake)."""

    def __init__(self, folder: Path, clock: Callable[[], float] = time.time) -> None:
        self.folder, self._clock = folder, clock
        self._state = self._read()

    @property
    def current(self) -> Kept | None:
        """The newest good archive (the one shown, unless the config names another)."""
        return self._state.current

    @property
    def previous(self) -> Kept | None:
        """The good archive before it, what a rollback goes back to."""
        return self._state.previous

    @property
    def last_rollback(self) -> str | None:
        """When and why the kiosk last went back automatically (also from earlier runs)."""
        return self._state.last_rollback

    def path(self, kept: Kept) -> Path:
        """The kept copy of an archive."""
        return self.folder / kept.name

    def is_rejected(self, sha256: str) -> bool:
        """True if the archive with this checksum was rolled back (and so is refused)."""
        return sha256 in self._state.rejected

    def stage(self, source: Path) -> Path:
        """Copy the archive *source* and its signature, if any, into the folder; return
        the copy, to be verified and loaded, then `adopt`ed or `discard`ed. Raises OSError."""
        incoming = self.folder / _INCOMING
        shutil.rmtree(incoming, ignore_errors=True)
        incoming.mkdir(parents=True)
        staged = incoming / "archive.faqbundle"
        shutil.copyfile(source, staged)
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(signature_path(source), staged.with_name(staged.name + SIG_SUFFIX))
        return staged

    def discard(self) -> None:
        """Remove what `stage` copied."""
        shutil.rmtree(self.folder / _INCOMING, ignore_errors=True)

    def adopt(self, staged: Path, sha256: str, bundle_id: str, version: str) -> bool:
        """Keep the verified *staged* archive as the current one (the current becomes the
        previous, the previous is deleted); True if it is new. Raises OSError."""
        state = self._state
        if state.current is not None and state.current.sha256 == sha256:
            self.discard()
            return False
        kept = Kept(f"{sha256[:16]}.faqbundle", sha256, bundle_id, version, self._clock())
        target = self.folder / kept.name
        staged.replace(target)
        signature = staged.with_name(staged.name + SIG_SUFFIX)
        target_signature = target.with_name(target.name + SIG_SUFFIX)
        if signature.exists():
            signature.replace(target_signature)
        else:
            target_signature.unlink(missing_ok=True)
        self.discard()
        old = state.previous
        state.previous, state.current, state.crashes = state.current, kept, []
        self._write()
        if old is not None and old.name not in (kept.name, getattr(state.previous, "name", "")):
            self._remove(old)
        log.info("Content %s kept; the one before it: %s", kept.describe(), _name(state.previous))
        return True

    def note_start(self) -> bool:
        """A kiosk run starts: count a crash if the last one never ended cleanly and
        lasted at most `CRASH_WINDOW_S` (the service manager stops the kiosk with SIGTERM,
        which ends it without a clean stop too: a kiosk that ran longer is taken as
        stopped, not crashed). True if that makes a rollback due (`roll_back`)."""
        state, now = self._state, self._clock()
        unclean = state.running and now - state.started <= CRASH_WINDOW_S
        state.running, state.started = True, now
        self._write()
        if unclean:
            log.warning("The last kiosk run ended within a minute, not cleanly: a crash")
            return self.note_crash()
        return False

    def note_stop(self) -> None:
        """The kiosk run ends cleanly."""
        self._state.running = False
        self._write()

    def note_crash(self) -> bool:
        """Count a crash with the current archive; True if a rollback is due: it is on
        trial and crashed `CRASHES_TO_ROLL_BACK` times within `CRASH_WINDOW_S`."""
        state, now = self._state, self._clock()
        if state.current is None or state.previous is None:
            return False
        if now - state.current.installed > TRIAL_S:
            return False
        state.crashes = [t for t in state.crashes if now - t <= CRASH_WINDOW_S] + [now]
        self._write()
        return len(state.crashes) >= CRASHES_TO_ROLL_BACK

    def roll_back(self, why: str) -> Kept | None:
        """Refuse the current archive from now on and make the previous one current;
        return it (None, changing nothing, if there is no previous one)."""
        state = self._state
        bad, good = state.current, state.previous
        if bad is None or good is None:
            return None
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self._clock()))
        state.last_rollback = f"{stamp}: {bad.describe()} {why}; rolled back to {good.describe()}"
        state.rejected = [*state.rejected, bad.sha256][-_MAX_REJECTED:]
        state.current, state.previous, state.crashes = good, None, []
        self._write()
        self._remove(bad)
        log.error("Content rolled back automatically: %s", state.last_rollback)
        return good

    def _remove(self, kept: Kept) -> None:
        path = self.path(kept)
        for stale in (path, path.with_name(path.name + SIG_SUFFIX)):
            with contextlib.suppress(OSError):
                stale.unlink()

    def _read(self) -> _State:
        path = self.folder / STATE_NAME
        try:
            with path.open("rb") as file:
                data: Any = json.loads(file.read(_MAX_STATE_BYTES))
            return _State(
                current=_kept(data.get("current")),
                previous=_kept(data.get("previous")),
                rejected=[str(sha) for sha in data.get("rejected", [])],
                crashes=[float(t) for t in data.get("crashes", [])],
                running=bool(data.get("running", False)),
                started=float(data.get("started", 0.0)),
                last_rollback=data.get("last_rollback") or None,
            )
        except FileNotFoundError:
            return _State()
        except (OSError, ValueError, TypeError, AttributeError) as error:
            log.warning("Content history %s unreadable (%s); starting afresh", path, error)
            return _State()

    def _write(self) -> None:
        try:
            data = json.dumps(asdict(self._state), indent=2) + "\n"
            atomic_write(self.folder / STATE_NAME, data.encode(), new_mode=0o644)
        except OSError as error:  # a full disk must not cost the kiosk its content
            log.error("Content history %s cannot be written (%s)", self.folder, error)


def _kept(data: Any) -> Kept | None:
    if data is None:
        return None
    return Kept(
        Path(str(data["name"])).name,
        str(data["sha256"]),
        str(data["bundle_id"]),
        str(data["version"]),
        float(data["installed"]),
    )


def _name(kept: Kept | None) -> str:
    return kept.describe() if kept is not None else "none"
