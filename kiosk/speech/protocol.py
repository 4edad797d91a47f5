"""The speech worker's protocol: typed messages over a multiprocessing Pipe.

The kiosk side (kiosk/speech/synthesizer.py) and the worker (kiosk/speech/worker.py)
send each other these frozen dataclasses; the Pipe pickles them, so they hold only
strings, numbers and tuples.

    kiosk → worker   ListVoices            → Voices
                     Synthesize            → Done | Failed | Unwritable
                     Quit                  (the worker exits)
    worker → kiosk   Ready | Fatal         once, at start-up (after Fatal the worker exits)
    reader → kiosk   Died                  the pipe closed: the worker is gone

One Synthesize is in the worker at a time; its `job` comes back in Done or Failed, so a
late answer from a replaced worker is recognised and dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple


class Voice(NamedTuple):
    """One voice the engine offers."""

    id: str  # the engine's id, e.g. espeak-ng's "gmw/en-us"
    name: str
    languages: tuple[str, ...]


def resolve_voice(wanted: str, voices: Sequence[Voice]) -> str | None:
    """The engine id of the voice the config calls *wanted*: matched against ids, the last
    part of ids (espeak-ng's "gmw/en-us"), names and languages, ignoring case."""
    wanted = wanted.casefold()
    for voice_id, name, languages in voices:
        candidates = {voice_id, voice_id.rsplit("/", 1)[-1], name, *languages}
        if wanted in {candidate.casefold() for candidate in candidates}:
            return voice_id
    return None


@dataclass(frozen=True)
class ListVoices:
    """Ask for the engine's voices."""


@dataclass(frozen=True)
class Synthesize:
    """Write *text* in *voice_id* at *rate* words per minute to the WAV file *path*."""

    job: str
    text: str
    voice_id: str
    rate: int
    path: str


@dataclass(frozen=True)
class Quit:
    """Exit."""


Request = ListVoices | Synthesize | Quit


@dataclass(frozen=True)
class Ready:
    """The engine started; requests may come."""


@dataclass(frozen=True)
class Fatal:
    """The engine cannot start (no espeak-ng, no SAPI5, …); the worker exits."""

    why: str


@dataclass(frozen=True)
class Voices:
    """The answer to ListVoices."""

    voices: tuple[Voice, ...]


@dataclass(frozen=True)
class Done:
    """Synthesize *job* succeeded: the WAV is at *path*."""

    job: str
    path: str


@dataclass(frozen=True)
class Failed:
    """Synthesize *job* failed (the worker stays usable)."""

    job: str
    why: str


@dataclass(frozen=True)
class Unwritable:
    """Synthesize *job* failed because *folder* cannot be written to (full, read-only, not
    a folder): *why* is the system's message (strerror)."""

    job: str
    folder: str
    why: str


@dataclass(frozen=True)
class Died:
    """Not sent by the worker: the kiosk's reader thread says the pipe closed."""


Reply = Ready | Fatal | Voices | Done | Failed | Unwritable | Died
