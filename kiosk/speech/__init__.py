"""Offline speech: pyttsx3 synthesizes sentences to WAV files in a worker process, Qt
Multimedia plays them, and `SpeechService` ties the two together behind signals."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.speech.player import AudioPlayer


def default_cache_dir() -> Path:
    """Where synthesized sentences are kept between runs."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or tempfile.gettempdir()
        return Path(base) / "FaqKiosk" / "cache" / "speech"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "faq-kiosk" / "speech"


def make_player() -> AudioPlayer:
    """A new AudioPlayer (imports Qt Multimedia on first use)."""
    from kiosk.speech.player import AudioPlayer

    return AudioPlayer()
