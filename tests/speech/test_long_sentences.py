"""Very long sentences (issue 12, "bad day"): they are cut into pieces short enough to
synthesize within the worker's timeout, nothing of them is lost, and the real engine reads
a paragraph that used to time out on every attempt."""

from __future__ import annotations

import ctypes
import unicodedata
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.speech.sentences import MAX_SENTENCE_CHARS, split_sentences
from kiosk.speech.worker import _patch_espeak_driver
from tests.helpers import SynthFactory, needs_espeak, wav_seconds

LONG_CHARS = 12_000
CLAUSES = {
    "en": "every school has an emergency plan and a team that practises it, ",
    "vi": "mỗi trường học đều có kế hoạch cho trường hợp khẩn cấp và một đội ngũ, ",
}


def long_sentence(clause: str, chars: int = LONG_CHARS) -> str:
    """One sentence of *chars* characters made of *clause* again and again."""
    return (clause * (chars // len(clause) + 1))[:chars].rstrip(" ,") + "."


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("language", list(CLAUSES))
@pytest.mark.parametrize("punctuation", ["clauses", "spaces only"])
def test_long_sentence_is_cut_into_short_pieces_keeping_every_word(
    language: str, punctuation: str
) -> None:
    clause = CLAUSES[language]
    if punctuation == "spaces only":
        clause = clause.replace(",", "")
    text = long_sentence(clause)
    pieces = split_sentences(text)
    assert len(pieces) >= LONG_CHARS // MAX_SENTENCE_CHARS
    assert all(len(piece.text) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert [word for piece in pieces for word in words(piece.text)] == words(text)
    for piece in pieces:
        assert text[piece.start : piece.end] == piece.text
    if punctuation == "clauses":  # cut at the commas, not in the middle of a clause
        assert all(piece.text.endswith(",") for piece in pieces[:-1])


def test_a_sentence_without_spaces_is_cut_hard_but_never_inside_a_letter() -> None:
    # Decomposed Vietnamese: a hard cut must not part a letter from its combining marks.
    text = unicodedata.normalize("NFD", "trườnghọckhẩncấp" * 800)
    pieces = split_sentences(text)
    assert all(len(piece.text) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert "".join(piece.text for piece in pieces) == text
    assert not any(unicodedata.combining(piece.text[0]) for piece in pieces)


def test_short_sentences_are_not_cut() -> None:
    text = "Every school has a plan, a team, and a drill: each term. Then, the next."
    assert [s.text for s in split_sentences(text)] == [
        "Every school has a plan, a team, and a drill: each term.",
        "Then, the next.",
    ]


@needs_espeak
def test_audio_buffer_grows_in_place() -> None:
    """`bytes +=` copied all the audio so far on every callback: synthesis time grew with
    the square of the sentence's length (a 40,000-character Vietnamese sentence: 46 s)."""
    from pyttsx3.drivers import _espeak
    from pyttsx3.drivers.espeak import EspeakDriver

    _patch_espeak_driver()
    driver = EspeakDriver.__new__(EspeakDriver)  # no engine: only the callback is used
    driver._speaking, driver._data_buffer, driver._text_to_say = True, b"", ""
    events = (_espeak.EVENT * 1)()
    events[0].type = _espeak.EVENT_LIST_TERMINATED
    samples = (ctypes.c_short * 1000)(*range(1000))
    driver._onSynth(samples, 1000, events)
    buffer = driver._data_buffer
    for _ in range(9):
        driver._onSynth(samples, 1000, events)
    assert driver._data_buffer is buffer  # the same object, grown, not copied
    assert bytes(buffer) == bytes(samples) * 10


@needs_espeak
def test_long_vietnamese_paragraph_is_read_to_the_end(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    """40,000 characters in one sentence took 46 s to synthesize, past the 5 s timeout on
    every attempt; cut into pieces, each is made well within it."""
    synth = make_synth()  # the kiosk's default timeout
    clauses = "".join(f"{CLAUSES['vi'][:-2]} {number}, " for number in range(600))
    pieces = split_sentences(long_sentence(clauses, 40_000))
    jobs = [synth.job(piece.text, "vi", 175) for piece in pieces]
    made: dict[str, Path] = {}
    synth.ready.connect(lambda key, path: made.__setitem__(key, Path(path)))
    failures: list[str] = []
    synth.failed.connect(lambda key, reason: failures.append(reason))
    for job in jobs:
        synth.request(job)
    qtbot.waitUntil(lambda: len(made) == len(jobs) or bool(failures), timeout=60_000)
    assert failures == []
    seconds = [wav_seconds(made[job.key]) for job in jobs]
    # About 60 words a piece at 175 words a minute: some seconds each, none empty.
    assert all(5 < duration < 60 for duration in seconds[:-1])
