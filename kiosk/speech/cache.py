"""The folder synthesized sentences are cached in, and what to do when it cannot be used.

A full disk (ENOSPC), a folder the kiosk may not write (EACCES) or a path through a file
(ENOTDIR) would otherwise make every Read aloud fail: the kiosk then uses a private
temporary folder instead, and says why in staff diagnostics.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FALLBACK_PREFIX = "faq-kiosk-speech-"


@dataclass(frozen=True)
class CacheFolder:
    """The folder in use and, if it is not the configured one, why (a diagnostics line)."""

    path: Path
    problem: str | None = None


def unwritable_reason(folder: Path) -> str | None:
    """None if sentences can be written to *folder* (made if missing), else why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(dir=folder, prefix=".probe-", suffix=".part")
        try:
            os.write(descriptor, b"RIFF")
        finally:
            os.close(descriptor)
            Path(probe).unlink(missing_ok=True)
    except OSError as error:
        return error.strerror or str(error)
    return None


def fallback(unusable: Path, why: str) -> CacheFolder:
    """A fresh private temporary folder, standing in for *unusable* (which failed: *why*)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=FALLBACK_PREFIX))
    except OSError as error:  # no temporary folder either: say so, keep the configured one
        return CacheFolder(
            unusable,
            f"Speech cache: {unusable} unusable ({why}); no temporary folder either "
            f"({error.strerror or error})",
        )
    return CacheFolder(folder, f"Speech cache: {unusable} unusable ({why}); using {folder}")


def usable_cache(preferred: Path) -> CacheFolder:
    """*preferred* if it can be written to, else a fallback."""
    why = unwritable_reason(preferred)
    return CacheFolder(preferred) if why is None else fallback(preferred, why)
