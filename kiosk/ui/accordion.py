"""The accordion of questions: one header button per question, one answer open at a time.

Expanded state is shown by a chevron (right/down) *and* the words "Show answer" /
"Hide answer", and reported to assistive technology (see ui/accessibility.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import ContentBundle
from kiosk.content.model import TranslationState
from kiosk.system.i18n import Translator, endonym, qlocale
from kiosk.system.qr import QrRenderer
from kiosk.ui.accessibility import announce_expanded, offer_text
from kiosk.ui.button import TextButton
from kiosk.ui.qr_card import QrCard
from kiosk.ui.reading_order import ReadingItem, Role, label_item
from kiosk.ui.text import WrapLabel, show_breakable

ANSWER_QR_PX = 220
#: The header's dynamic property the style sheet draws an open question by (ui/theme.py).
EXPANDED = "expanded"


class QuestionHeader(TextButton):
    """The tappable question: chevron, question text and its shown/hidden state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(glyph="chevron-right", role="question", parent=parent)
        # Not checkable: a screen reader would call it a toggle button and say "checked";
        # it reports expanded/collapsed instead (ui/accessibility.py).
        self._expanded = False
        self.state_label = WrapLabel(role="secondary")
        self.state_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = self.layout()
        assert isinstance(row, QHBoxLayout)
        column = QVBoxLayout()
        column.setSpacing(4)
        row.removeWidget(self.label)
        column.addWidget(self.label)
        column.addWidget(self.state_label)
        row.addLayout(column, 1)
        self._position: tuple[int, int] | None = None

    def set_position(self, number: int, total: int) -> None:
        """Which question this is (1-based) of how many, for "Question 2 of 9"."""
        self._position = (number, total)

    def reading_item(self, language: str) -> ReadingItem:
        """The question, its place in the list and whether its answer is shown."""
        return ReadingItem(
            self,
            self.label,
            self.text_shown(),
            Role.QUESTION,
            language,
            enabled=self.isEnabled(),
            expanded=self.is_expanded(),
            position=self._position,
        )

    def is_expanded(self) -> bool:
        """Whether this question's answer is shown (read by the accessible interface)."""
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        """Show the answer as shown or hidden (style, chevron) and announce the change.
        The session decides what is open; a tap only asks (Accordion.question_toggled)."""
        if expanded == self._expanded:
            return
        self._expanded = expanded
        self.setProperty(EXPANDED, expanded)
        self.style().unpolish(self)
        self.style().polish(self)
        if self.glyph is not None:
            self.glyph.set_shape("chevron-down" if expanded else "chevron-right")
        announce_expanded(self, expanded)


class QuestionItem(QFrame):
    """One question: its header and (when open) its answer with any link codes."""

    def __init__(
        self, question_id: str, renderer: QrRenderer, t: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question_id = question_id
        self._renderer = renderer
        self._t = t
        self.header = QuestionHeader()
        self.answer = QFrame()
        self.answer.setProperty("role", "answer")
        self._answer_layout = QVBoxLayout(self.answer)
        self._answer_layout.setContentsMargins(28, 16, 16, 24)
        self._answer_layout.setSpacing(20)
        self.read_button = TextButton(glyph="speaker")
        self._answer_layout.addWidget(self.read_button)
        # Says when this answer's translation is not reviewed (unreviewed_translations).
        self.review_note = WrapLabel(role="secondary")
        self.review_note.hide()
        self._answer_layout.addWidget(self.review_note)
        self.paragraphs: list[WrapLabel] = []
        self.link_cards: list[QrCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.answer)
        self.answer.hide()

    def set_expanded(self, expanded: bool) -> None:
        """Show or hide the answer, with the chevron and state text to match."""
        if self.header.is_expanded() == expanded and self.answer.isHidden() != expanded:
            return  # already so: a reset closes every item, most of them closed
        self.header.set_expanded(expanded)
        self.answer.setVisible(expanded)
        self._show_state()
        self._set_text_reachable()

    def _set_text_reachable(self) -> None:
        # Tab stops on each paragraph and link card of the open answer, none when closed.
        policy = self.answer_focus_policy()
        for widget in (*self.paragraphs, *self.link_cards):
            widget.setFocusPolicy(policy)

    def _show_state(self) -> None:
        t, expanded = self._t, self.header.is_expanded()
        self.header.state_label.setText(
            t.gettext("Hide answer") if expanded else t.gettext("Show answer")
        )
        self.header.setAccessibleDescription(
            t.gettext("Answer shown") if expanded else t.gettext("Answer hidden")
        )

    def show_text(self, bundle: ContentBundle, language: str) -> None:
        """Fill in the question, answer and links in *language*."""
        question = bundle.question(language, self.question_id)
        self.setLocale(qlocale(language))
        # Said as the accessible Locale attribute, so a screen reader picks the voice.
        self.header.setLocale(qlocale(language))
        self.header.set_text(question.title)
        self._show_state()
        self.read_button.set_text(self._t.gettext("Read this answer aloud"))
        self._show_review(bundle, language)
        while len(self.paragraphs) < len(question.answer):
            label = WrapLabel()
            offer_text(label)
            label.setFocusPolicy(self.answer_focus_policy())
            self._answer_layout.insertWidget(len(self.paragraphs) + 2, label)
            self.paragraphs.append(label)
        for index, label in enumerate(self.paragraphs):
            shown = index < len(question.answer)
            label.setVisible(shown)
            if shown:
                show_breakable(label, question.answer[index])
        self._show_links(bundle, language)

    def answer_focus_policy(self) -> Qt.FocusPolicy:
        """How the answer's paragraphs and link cards take focus: by Tab while it is open."""
        return Qt.FocusPolicy.TabFocus if self.header.is_expanded() else Qt.FocusPolicy.NoFocus

    def _show_review(self, bundle: ContentBundle, language: str) -> None:
        state = bundle.state(language, self.question_id)
        note = ""
        if bundle.mark_unreviewed and state == TranslationState.NEW:
            source = endonym(bundle.source_language)
            note = self._t.gettext(
                "This answer is not translated yet: it is shown in {language}."
            ).format(language=source)
        elif bundle.mark_unreviewed and state != TranslationState.REVIEWED:
            note = self._t.gettext("This translation has not been reviewed yet.")
        self.review_note.setText(note)
        self.review_note.setVisible(bool(note))

    def reading_items(self, language: str) -> list[ReadingItem]:
        """The question, its review note, its paragraphs and its links, as read aloud."""
        labels: list[WrapLabel] = [self.review_note, *self.paragraphs]
        for card in self.link_cards:
            labels += [card.title, card.address, card.note]
        return [self.header.reading_item(language)] + [
            label_item(label, language) for label in labels if not label.isHidden()
        ]

    def _show_links(self, bundle: ContentBundle, language: str) -> None:
        t = self._t
        links = bundle.links_for(self.question_id)
        while len(self.link_cards) < len(links):
            card = QrCard(
                self._renderer, ANSWER_QR_PX, phone=links[len(self.link_cards)].kind == "phone"
            )
            card.set_horizontal(True)
            card.setFocusPolicy(self.answer_focus_policy())
            self._answer_layout.addWidget(card)
            self.link_cards.append(card)
        for card, link in zip(self.link_cards, links, strict=False):
            label = bundle.link_label(language, link.id)
            if link.url:
                card.set_code(link.url, link.shown_text)
                how = (
                    t.gettext("QR code to call {what}.")
                    if link.kind == "phone"
                    else t.gettext("QR code for {what}. Scan it with a phone camera.")
                )
                card.set_title(label, how.format(what=label))
            else:
                card.set_title(label, "")
                card.set_note(t.gettext("Ask the front office staff for this."))


class Accordion(QWidget):
    """All questions of the bundle, in order.

    Signals:
        question_toggled(str): the visitor tapped a question header.
        read_requested(str): the visitor asked for an answer to be read aloud.
    """

    question_toggled = Signal(str)
    read_requested = Signal(str)

    def __init__(self, renderer: QrRenderer, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._t = t
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(16)
        self.items: dict[str, QuestionItem] = {}
        self._open: str | None = None

    def set_questions(self, bundle: ContentBundle) -> None:
        """Build one item per question of *bundle* (replacing what was there)."""
        for item in self.items.values():
            self._layout.removeWidget(item)
            item.deleteLater()
        self.items = {}
        for number, question_id in enumerate(bundle.question_ids, start=1):
            item = QuestionItem(question_id, self._renderer, self._t)
            item.header.set_position(number, len(bundle.question_ids))
            item.header.clicked.connect(
                lambda _checked=False, qid=question_id: self.question_toggled.emit(qid)
            )
            item.read_button.clicked.connect(
                lambda _checked=False, qid=question_id: self.read_requested.emit(qid)
            )
            self._layout.addWidget(item)
            self.items[question_id] = item
        self.set_open(self._open if self._open in self.items else None)

    def show_text(self, bundle: ContentBundle, language: str) -> None:
        """Show every question in *language*."""
        for item in self.items.values():
            item.show_text(bundle, language)

    def set_open(self, question_id: str | None) -> None:
        """Open *question_id*'s answer and close every other."""
        self._open = question_id
        for item_id, item in self.items.items():
            item.set_expanded(item_id == question_id)
