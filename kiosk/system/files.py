"""Files the kiosk writes and must never leave half-written: the staff PIN file, the PIN
lock-out state. Written to a temporary file beside the target, flushed to disk, then
renamed over it, so a crash or power cut leaves either the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path


def default_state_dir(platform: str = sys.platform) -> Path:
    """Where the kiosk keeps what must survive a restart, when the config says nothing:
    beside the log (the kiosk user's ~/.local/state/faq-kiosk; ProgramData on Windows)."""
    if platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "FaqKiosk" / "state"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "faq-kiosk"


def real_target(path: Path) -> Path:
    """*path* with every symlink followed: writing a link's target keeps the link (an
    admin's /etc/faq-kiosk/config.toml -> /srv/kiosk/config.toml stays a link)."""
    return Path(os.path.realpath(path))


def atomic_write(
    path: Path, data: bytes, new_mode: int = 0o600, new_group: int | None = None
) -> None:
    """Replace *path* (its symlinks followed) with *data*. An existing file keeps its
    mode, owner and group (a file that is 0640 root:kiosk stays readable by the kiosk);
    a new one gets *new_mode* (and *new_group*). Raises OSError if it cannot be written;
    then the old file is untouched."""
    target = real_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    mode = stat.S_IMODE(old.st_mode) if old is not None else new_mode
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(partial, flags, 0o600)  # never readable by others while written
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if hasattr(os, "chown"):  # Windows: the folder's ACL applies
            if old is not None:
                os.chown(partial, old.st_uid, old.st_gid)
            elif new_group is not None:
                os.chown(partial, -1, new_group)
        os.chmod(partial, mode)  # noqa: PTH101
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def others_can_read(path: Path) -> bool:
    """True if every user of this machine may read *path* (POSIX modes; False on
    Windows, where the installer's ACL guards the folder)."""
    if os.name == "nt":
        return False
    return bool(path.stat().st_mode & stat.S_IROTH)
