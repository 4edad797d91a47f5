"""Plain helpers and types the tests share (fixtures stay in the conftest files)."""

from __future__ import annotations

import ctypes.util
import shutil
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QImage

from kiosk.app import Kiosk
from kiosk.cli.audit import AUDIT_SIZES
from kiosk.content import load_bundle
from kiosk.speech.synthesizer import Synthesizer
from kiosk.system import resources
from kiosk.ui.answer_room import MIN_ANSWER_SHARE, MIN_CHARS_PER_LINE
from kiosk.ui.qr_card import QrCard

REPO = Path(__file__).resolve().parents[1]
# The district's published FAQ, the text the bundled content must match verbatim.
SEED = REPO / "tests" / "data" / "sro-faq-source.txt"

#: The bundled FAQ's languages, in order.
LANGUAGES = load_bundle(resources.content_dir()).languages
SIZES = AUDIT_SIZES
#: A pixel on a 24" 1080p screen, in mm (QR codes must be ≥ 30 mm there).
MM_PER_PX_24_INCH_1080P = 0.277
#: The room the open answer's text must have at 200 % (share of the window, characters
#: per line; kiosk/ui/answer_room.py), by screen shape. 800 px wide cannot hold 25
#: characters of the 64 px body text (about 37 px each: 925 px): there it must get the
#: most the width allows, 17.
ROOM_AT_200 = {
    "landscape": (MIN_ANSWER_SHARE, MIN_CHARS_PER_LINE),
    "portrait": (MIN_ANSWER_SHARE, MIN_CHARS_PER_LINE),
    "small": (MIN_ANSWER_SHARE, MIN_CHARS_PER_LINE),
    "small-portrait": (MIN_ANSWER_SHARE, 17.0),
}
#: The bundled FAQ's question ids, in order.
QUESTION_IDS = (
    "why-remove-sros",
    "family-feedback",
    "how-many-sros",
    "when-removed",
    "supports-timeline",
    "savings",
    "imminent-threat",
    "service-gaps",
    "staff-roles",
    "mental-health-ratio",
    "contact",
)


def discard(kiosk: Kiosk) -> None:
    """Close and delete a kiosk's window now (deleteLater would wait for an event loop)."""
    kiosk.window.close()
    shiboken6.delete(kiosk.window)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, offset: float = 0.0) -> None:
        self.now = 1000.0 + offset

    def __call__(self) -> float:
        return self.now


class FakeDetector:
    """A screen reader detector the test switches by hand (`set`)."""

    def __init__(self, running: bool = False) -> None:
        self.running = running
        self._report: Callable[[bool], None] | None = None

    def start(self, report: Callable[[bool], None]) -> None:
        """Report the current answer now, and later on every `set`."""
        self._report = report
        report(self.running)

    def set(self, running: bool) -> None:
        """A screen reader starts (True) or stops (False)."""
        self.running = running
        if self._report is not None:
            self._report(running)


LiveKioskFactory = Callable[..., tuple[Kiosk, FakeClock]]


@dataclass
class Rendered:
    """A kiosk after rendering, and the image it produced."""

    kiosk: Kiosk
    image: QImage


Renderer = Callable[..., Rendered]


def feedback_shown(kiosk: Kiosk) -> tuple[QrCard, QImage]:
    """The feedback card a visitor sees, and the window's image with it: the panel's,
    or in the compact layout the one its button opens full size (opened here)."""
    from kiosk.cli.screenshot import settle

    window = kiosk.window
    if window.faq.compact:
        window.faq.feedback_button.click()
        settle(kiosk)
        assert kiosk.feedback_overlay.isVisible()
        return kiosk.feedback_overlay.code, window.grab().toImage()
    return window.faq.feedback, window.grab().toImage()


HAS_ESPEAK = (
    ctypes.util.find_library("espeak-ng") is not None
    or ctypes.util.find_library("espeak") is not None
)
needs_espeak = pytest.mark.skipif(
    not HAS_ESPEAK, reason="espeak-ng is not installed (Debian: apt-get install espeak-ng)"
)

SynthFactory = Callable[..., Synthesizer]


def wav_seconds(path: Path) -> float:
    """Duration of a WAV file."""
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def question_table(text: str, question_id: str) -> tuple[int, int]:
    """Where `[questions.<id>]` starts and ends (the next table) in a bundle file's text."""
    start = text.index(f"[questions.{question_id}]")
    following = text.find("\n[", start + 1)
    return start, len(text) if following < 0 else following + 1


def edit_question(folder: Path, language: str, question_id: str, old: str, new: str) -> None:
    """Replace *old* (which must be there) by *new* in one question of `<language>.toml`."""
    path = folder / f"{language}.toml"
    text = path.read_text(encoding="utf-8")
    start, end = question_table(text, question_id)
    table = text[start:end]
    assert old in table, f"{old!r} is not in {question_id} of {path.name}"
    path.write_text(text[:start] + table.replace(old, new, 1) + text[end:], encoding="utf-8")


def remove_question(folder: Path, language: str, question_id: str) -> None:
    """Take one question's translation out of `<language>.toml`."""
    path = folder / f"{language}.toml"
    text = path.read_text(encoding="utf-8")
    start, end = question_table(text, question_id)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def titled_bundle(bundled: Path, folder: Path, title: str, version: str) -> Path:
    """A copy of the bundled content in *folder* whose English title is *title* (what a
    test reads off the screen) and whose version is *version*."""
    shutil.copytree(bundled, folder)
    english = folder / "en.toml"
    text = english.read_text(encoding="utf-8")
    english.write_text(
        text.replace('title = "SRO Frequently Asked Questions"', f'title = "{title}"', 1),
        encoding="utf-8",
    )
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('version = "2021.1"', f'version = "{version}"', 1), encoding="utf-8"
    )
    return folder


def signed_archive(folder: Path, out: Path, key: Path | None) -> Path:
    """Pack the bundle in *folder* into *out* and, with a private *key* file, sign it
    (really: kiosk.content.archive and kiosk.content.signing)."""
    from kiosk.content.archive import pack
    from kiosk.content.signing import read_private_key, sign

    pack(folder, out)
    if key is not None:
        sign(out, read_private_key(key))
    return out
