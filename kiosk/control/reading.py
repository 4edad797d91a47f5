"""ReadAloud: what "Read aloud" reads, and the highlight that follows the voice.

It reads the open answer (question, paragraphs, then its links), or, with no answer
open, the FAQ's title and questions, or on Home the welcome in every language, each in
its own voice. The sentence being spoken gets a visible band (background *and*
underline, so not colour alone) and is kept scrolled into view.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QLabel

from kiosk.speech.sentences import Sentence, split_sentences
from kiosk.speech.service import SpeechService, SpeechState, Utterance
from kiosk.state.session import Screen, VisitorSession
from kiosk.ui.faq import FaqScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.reading_order import ReadingItem, plain
from kiosk.ui.scrolling import bring_line_into_view


@dataclass(frozen=True)
class Part:
    """One sentence to read: where it is shown and in which language."""

    label: QLabel
    language: str
    sentence: Sentence

    @property
    def utterance(self) -> Utterance:
        return Utterance(plain(self.sentence.text), self.language)


class SentenceHighlight:
    """Marks one sentence inside a label; `clear` puts the label back as it was."""

    def __init__(self) -> None:
        self._label: QLabel | None = None
        self._plain = ""
        self._marked = ""

    def show(self, part: Part, band: str) -> None:
        """Mark *part*'s sentence with a *band* background and an underline."""
        self.clear()
        label, sentence = part.label, part.sentence
        text = label.text()
        self._label, self._plain = label, text
        self._marked = (
            _html(text[: sentence.start])
            + f'<span style="background-color:{band}; text-decoration: underline;">'
            + _html(text[sentence.start : sentence.end])
            + "</span>"
            + _html(text[sentence.end :])
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(self._marked)

    def clear(self) -> None:
        """Remove the mark (unless the label has been given new text since)."""
        label, self._label = self._label, None
        if label is not None and label.text() == self._marked:
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(self._plain)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class ReadAloud(QObject):
    """Chooses what to read, has SpeechService read it, and highlights it."""

    def __init__(
        self,
        speech: SpeechService,
        session: VisitorSession,
        home: HomeScreen,
        faq: FaqScreen,
        band_colour: Callable[[], str],
    ) -> None:
        super().__init__()
        self._speech, self._session = speech, session
        self._home, self._faq = home, faq
        self._band_colour = band_colour
        self._target: tuple[str, str | None] | None = None
        self._parts: list[Part] = []
        self._highlight = SentenceHighlight()
        speech.sentence_started.connect(self._on_sentence)
        speech.state_changed.connect(self._on_state)

    def toggle(self) -> None:
        """Toolbar Read aloud / Stop."""
        if self._speech.state != SpeechState.IDLE:
            self.stop()
        else:
            self.read_current()

    def read_current(self) -> None:
        """Read what the screen shows: Home's welcome, the open answer, or the FAQ list."""
        if self._session.screen == Screen.HOME:
            self._read(("home", None))
        else:
            self._read(
                ("question", self._session.open_question)
                if self._session.open_question
                else ("faq", None)
            )

    def read_question(self, question_id: str) -> None:
        """Read question *question_id* and its answer."""
        self._read(("question", question_id))

    def stop(self) -> None:
        """Stop reading (any new action of the visitor's does this)."""
        self._speech.stop()

    def restart_in_current_language(self) -> None:
        """After a language switch: read the same thing again, now in the new language."""
        if self._speech.state != SpeechState.IDLE and self._target is not None:
            self._read(self._target)

    def parts(self) -> list[Part]:
        """The sentences being read (for tests and diagnostics)."""
        return list(self._parts)

    def _read(self, target: tuple[str, str | None]) -> None:
        self._highlight.clear()
        self._target = target
        self._parts = self._collect(target)
        self._speech.speak([part.utterance for part in self._parts])

    def _collect(self, target: tuple[str, str | None]) -> list[Part]:
        kind, question_id = target
        items: list[ReadingItem]
        if kind == "home":
            items = self._home.welcome()
        elif kind == "question" and question_id is not None:
            items = self._faq.answer(question_id) or self._faq.overview()
        else:
            items = self._faq.overview()
        return [
            Part(item.label, item.language, sentence)
            for item in items
            if not item.label.isHidden() and item.label.text()
            for sentence in split_sentences(item.label.text())
            if self._speech.availability(item.language) is None
        ]

    @Slot(int)
    def _on_sentence(self, index: int) -> None:
        if not 0 <= index < len(self._parts):
            return
        part = self._parts[index]
        self._highlight.show(part, self._band_colour())
        text_length = max(len(part.label.text()), 1)
        bring_line_into_view(part.label, part.sentence.start / text_length)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == SpeechState.IDLE:
            self._highlight.clear()
