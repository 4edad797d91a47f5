"""Splitting text into the sentences that are synthesized, played and highlighted one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? or … (plus closing quotes or brackets) followed by white space and
# a capital letter, a digit, an opening quote or Spanish ¿ ¡. So "8.o grado", "K-8," and
# "$626K." inside a sentence do not split it.
_BOUNDARY = r"""(?<=[.!?…])["”’)\]]*\s+(?=[¿¡"“‘(\[]?[^\W_a-z])"""


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its words and where it sits in the text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of *text*, in order; stray punctuation (". .") is dropped."""
    sentences = []
    start = 0
    for boundary in [*re.finditer(_BOUNDARY, text), None]:  # compiled once, when first used
        end = boundary.start() if boundary else len(text)
        # Keep closing quotes with their sentence; the white space goes.
        piece_end = end
        while piece_end < len(text) and boundary and text[piece_end] in '"”’)]':
            piece_end += 1
        piece = text[start:piece_end].strip()
        if any(char.isalnum() for char in piece):
            first = start + (len(text[start:piece_end]) - len(text[start:piece_end].lstrip()))
            sentences.append(Sentence(piece, first, first + len(piece)))
        if boundary:
            start = boundary.end()
    return sentences
