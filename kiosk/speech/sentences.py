"""Splitting text into the sentences that are synthesized, played and highlighted one by one.

A sentence longer than `MAX_SENTENCE_CHARS` is cut into pieces, each synthesized, played and
highlighted as a sentence of its own: at clause punctuation (, ; : – —) if it can, else at a
space, else anywhere but inside a character and its combining marks. So no one sentence
takes the worker long enough to time out, and the highlight moves while a long one is read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A sentence ends at . ! ? or … (plus closing quotes or brackets) followed by white space and
# a capital letter, a digit, an opening quote or Spanish ¿ ¡. So "8.o grado", "K-8," and
# "$626K." inside a sentence do not split it.
_BOUNDARY = r"""(?<=[.!?…])["”’)\]]*\s+(?=[¿¡"“‘(\[]?[^\W_a-z])"""
# Where a long sentence is cut first: after clause punctuation followed by white space.
_CLAUSE_BREAK = r"""[,;:–—،、，；：]["”’)\]]*(?=\s)"""

#: The invisible break point the screen puts into long words and addresses
#: (kiosk/ui/text.py): not a character of the text, so it never moves a cut.
ZERO_WIDTH_SPACE = "\u200b"
#: The longest piece synthesized at once, in characters (about 25 s of speech).
MAX_SENTENCE_CHARS = 400
#: A cut at clause punctuation or a space is taken only this far into the piece, or later,
#: so that a comma near the start does not leave a piece of one or two words.
MIN_CUT_FRACTION = 0.25


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its words and where it sits in the text."""

    text: str
    start: int
    end: int


def split_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """The sentences of *text*, in order, none longer than *limit* characters (longer ones
    are cut into pieces, see above); stray punctuation (". .") is dropped. Zero-width
    spaces do not count: *text* is cut where the same text without them is."""
    if ZERO_WIDTH_SPACE not in text:
        return _split(text, limit)
    # Offsets in the text without break points, mapped back to the text with them.
    shown_at = [index for index, char in enumerate(text) if char != ZERO_WIDTH_SPACE]
    shown_at.append(len(text))
    sentences = []
    for sentence in _split(text.replace(ZERO_WIDTH_SPACE, ""), limit):
        start, end = shown_at[sentence.start], shown_at[sentence.end - 1] + 1
        sentences.append(Sentence(text[start:end], start, end))
    return sentences


def _split(text: str, limit: int) -> list[Sentence]:
    sentences = []
    start = 0
    for boundary in [*re.finditer(_BOUNDARY, text), None]:  # compiled once, when first used
        end = boundary.start() if boundary else len(text)
        # Keep closing quotes with their sentence; the white space goes.
        piece_end = end
        while piece_end < len(text) and boundary and text[piece_end] in '"”’)]':
            piece_end += 1
        sentences += _pieces(text, start, piece_end, limit)
        if boundary:
            start = boundary.end()
    return sentences


def _pieces(text: str, start: int, end: int, limit: int) -> list[Sentence]:
    """The stripped pieces of ``text[start:end]``, each at most *limit* characters."""
    pieces: list[Sentence] = []
    while True:
        start, end = _strip(text, start, end)
        if not any(char.isalnum() for char in text[start:end]):
            return pieces
        if end - start <= limit:
            pieces.append(Sentence(text[start:end], start, end))
            return pieces
        cut = _cut(text, start, limit)
        piece_start, piece_end = _strip(text, start, cut)
        pieces.append(Sentence(text[piece_start:piece_end], piece_start, piece_end))
        start = cut


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """*start* and *end* moved past white space at either end of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end the piece that starts at *start* (not starting with white space): at
    most *limit* characters on, at the last clause break, else the last space, else hard."""
    window = text[start : start + limit]
    earliest = round(limit * MIN_CUT_FRACTION)
    clause_ends = [match.end() for match in re.finditer(_CLAUSE_BREAK, window)]
    if clause_ends and clause_ends[-1] >= earliest:
        return start + clause_ends[-1]
    spaces = [match.start() for match in re.finditer(r"\s", window)]
    if spaces and spaces[-1] >= earliest:
        return start + spaces[-1]
    cut = limit  # no space: a hard cut, but not between a letter and its combining marks
    while cut > 1 and unicodedata.combining(text[start + cut]):
        cut -= 1
    return start + cut
