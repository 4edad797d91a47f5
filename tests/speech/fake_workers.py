"""Stand-in worker processes (importable, for `spawn`), used *beside* the real engine tests.

They speak the worker protocol (kiosk/speech/protocol.py) but write short generated tones,
hang on demand, or fail to start.
"""

from __future__ import annotations

import math
import os
import struct
import time
import wave
from multiprocessing.connection import Connection
from pathlib import Path

from kiosk.speech.protocol import Done, Fatal, ListVoices, Ready, Synthesize, Voice, Voices

FAKE_VOICES = (
    Voice("fake/en-us", "Fake English", ("en-us",)),
    Voice("fake/es-419", "Fake Spanish", ("es-419",)),
    Voice("fake/vi", "Fake Vietnamese", ("vi",)),
)


def write_tone(path: Path, seconds: float = 0.3) -> None:
    """A short 440 Hz tone as a 22050 Hz mono 16-bit WAV (what espeak-ng writes)."""
    rate = 22050
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(int(rate * seconds))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)


def tone_main(conn: Connection) -> None:
    """A worker that answers every sentence with a tone; "HANG" in a sentence hangs it."""
    conn.send(Ready())
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        match request:
            case ListVoices():
                conn.send(Voices(FAKE_VOICES))
            case Synthesize(job, text, _voice, _rate, path):
                if "HANG" in text:
                    time.sleep(3600)
                if "CRASH" in text:
                    os._exit(3)
                write_tone(Path(path))
                conn.send(Done(job, path))
            case _:
                return


def fatal_main(conn: Connection) -> None:
    """A worker whose engine cannot start."""
    conn.send(Fatal("RuntimeError: no speech engine on this machine"))


def dying_main(conn: Connection) -> None:
    """A worker that dies before it says anything."""
    os._exit(1)
