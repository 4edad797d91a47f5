"""The FAQ screen: title, the accordion in a kinetic scroll area, scroll buttons, and the
feedback QR code (side panel in landscape, footer in portrait; in the compact layout, a
"Tell us what you think" button beside the scroll buttons that opens it full size)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.config import TEXT_SIZES
from kiosk.content import ContentBundle
from kiosk.system.i18n import Translator, qlocale
from kiosk.system.qr import QrRenderer
from kiosk.ui.accessibility import GROUP, set_accessible_role
from kiosk.ui.accordion import Accordion
from kiosk.ui.answer_room import AnswerRoom, answer_room
from kiosk.ui.button import TextButton
from kiosk.ui.qr_card import QrCard
from kiosk.ui.reading_order import ReadingItem, items_in, label_item
from kiosk.ui.scroll_nav import ScrollNav
from kiosk.ui.scrolling import kinetic_scroll_area
from kiosk.ui.text import WrapLabel

FEEDBACK_QR_PX = 220  # ≈ 61 mm on a 24" 1080p screen; ≥ 30 mm asked for
SCROLL_MARGIN = 16
#: The list's side margins: normally, and in the compact layout (more room for text).
LIST_SIDE_PX, COMPACT_LIST_SIDE_PX = 24, 8
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum width" (PySide6 does not export it)
#: The landscape side panel's width: at 100 % text, and what it grows per percent more.
PANEL_PX_AT_100, PANEL_PX_PER_PERCENT = 340, 1.6


class FaqScreen(QWidget):
    """Questions and answers in one language.

    Signals:
        question_toggled(str): the visitor tapped a question.
        read_requested(str): the visitor asked for a question's answer to be read aloud.
        feedback_requested(): the visitor asked for the feedback code full size (the
            compact layout's "Tell us what you think" button).
    """

    question_toggled = Signal(str)
    read_requested = Signal(str)
    feedback_requested = Signal()

    def __init__(self, t: Translator, renderer: QrRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        set_accessible_role(self, GROUP)
        self._t = t
        self._open: str | None = None
        self._text_size = 100
        self.title = WrapLabel(role="title")
        self.hint = WrapLabel(role="secondary")
        self.accordion = Accordion(renderer, t)
        self.accordion.question_toggled.connect(self.question_toggled)
        self.accordion.read_requested.connect(self.read_requested)

        content = QWidget()
        content.setObjectName("ScrollContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(LIST_SIDE_PX, 16, LIST_SIDE_PX, 24)
        self._column = column
        column.setSpacing(16)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.accordion)
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content)

        self.nav = ScrollNav(t)
        self.nav.follow(self.scroll_area.verticalScrollBar())
        self.nav.page_requested.connect(self._page)

        self.feedback = QrCard(renderer, FEEDBACK_QR_PX)
        # Always on screen, like the toolbar: its text grows to 125 % at most.
        self.feedback.setProperty("chrome", True)
        # The compact layout's stand-in for the card, in the row of the scroll buttons.
        self.feedback_button = TextButton(glyph="qr")
        self.feedback_button.clicked.connect(self.feedback_requested)
        self.feedback_button.hide()
        self.foot, self._foot_row = self._foot(self.nav, self.feedback_button)
        self._compact = False
        self._main = QVBoxLayout()
        self._main.setSpacing(12)
        self._main.addWidget(self.scroll_area, 1)
        self._main.addWidget(self.foot)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(12, 0, 12, 12)
        self._layout.setSpacing(16)
        self._layout.addLayout(self._main, 1)
        self._layout.addWidget(self.feedback, 0)
        self._landscape: bool | None = None
        self._set_landscape(True)
        self._bundle: ContentBundle | None = None
        self._below: QWidget | None = None
        t.language_changed.connect(self.retranslate)

    @staticmethod
    def _foot(*buttons: QWidget) -> tuple[QWidget, QHBoxLayout]:
        # The row under the questions: the scroll buttons (and the feedback button).
        foot = QWidget()
        foot.setProperty("chrome", True)  # text grows to 125 % at most (ui/theme.py)
        row = QHBoxLayout(foot)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        for button in buttons:
            row.addWidget(button, 1)
        return foot, row

    def set_content(self, bundle: ContentBundle) -> None:
        """Show *bundle* (in the current language); the open question stays open."""
        self._bundle = bundle
        if set(self.accordion.items) != set(bundle.question_ids):
            self.accordion.set_questions(bundle)
        self.retranslate()

    # -- what the screen says ----------------------------------------------------------

    def reading_order(self) -> list[ReadingItem]:
        """Everything on the screen in reading order: the title, the questions and the
        open answer, then what is below them (scroll buttons or speech controls), then
        the feedback code."""
        language, window = self._t.language, self.window()
        below = self._below if self._below is not None and self._below.isVisible() else None
        content = self.scroll_area.widget()
        sections = [w for w in (content, self.foot, below, self.feedback) if w is not None]
        return [item for section in sections for item in items_in(section, language, window)]

    def overview(self) -> list[ReadingItem]:
        """The title, the hint and every question (what Read aloud reads with no answer
        open)."""
        language = self._t.language
        items = [label_item(self.title, language), label_item(self.hint, language)]
        return items + [q.header.reading_item(language) for q in self.accordion.items.values()]

    def answer(self, question_id: str) -> list[ReadingItem]:
        """The question *question_id*, its paragraphs and its links; empty if unknown."""
        item = self.accordion.items.get(question_id)
        return item.reading_items(self._t.language) if item is not None else []

    def question(self, question_id: str) -> ReadingItem | None:
        """The header of question *question_id*."""
        item = self.accordion.items.get(question_id)
        return item.header.reading_item(self._t.language) if item is not None else None

    def first_focus(self) -> QWidget | None:
        """Where keyboard focus starts on this screen: the open question, else the first."""
        items = self.accordion.items
        item = items.get(self._open or "") or next(iter(items.values()), None)
        return item.header if item is not None else None

    def show_below(self, widget: QWidget | None) -> None:
        """Show *widget* (the speech controls) in place of the scroll buttons, or (None)
        the scroll buttons again."""
        self._below = widget
        if widget is not None:
            self._main.addWidget(widget)
            widget.show()
        self.nav.setVisible(widget is None)
        self._show_foot()

    def _show_foot(self) -> None:
        # The row of the scroll buttons, while it holds something: the speech controls
        # take the scroll buttons' place, but the compact layout's feedback button stays
        # (speech mode speaks every keypad move, and the keypad must still reach it).
        self.foot.setVisible(self.nav.isVisibleTo(self) or self._compact)

    @property
    def compact(self) -> bool:
        """Whether the compact layout is shown (`set_compact`)."""
        return self._compact

    def set_compact(self, compact: bool) -> None:
        """The compact layout (ui/window.py decides when): no feedback panel or footer
        but a "Tell us what you think" button beside the scroll buttons, which show
        their chevrons only, and narrower margins around the questions; or the usual
        layout."""
        if compact == self._compact:
            return
        self._compact = compact
        self.feedback.setVisible(not compact)
        self.feedback_button.setVisible(compact)
        self.nav.set_compact(compact)
        self._foot_row.setStretchFactor(self.nav, 0 if compact else 1)
        side = COMPACT_LIST_SIDE_PX if compact else LIST_SIDE_PX
        margins = self._column.contentsMargins()
        self._column.setContentsMargins(side, margins.top(), side, margins.bottom())
        self._show_foot()
        self._scroll_open_into_view_later()

    def set_feedback(self, url: str) -> None:
        """The address of the feedback form."""
        self.feedback.set_code(url, url)

    def set_open(self, question_id: str | None) -> None:
        """Open *question_id* (None: close all) and bring its whole answer into view."""
        self._open = question_id
        self.accordion.set_open(question_id)
        self._scroll_open_into_view_later()

    def set_text_size(self, size: int) -> None:
        """Re-lay out for a new text size (the side panel grows with its text)."""
        self._text_size = size
        self._apply_panel_width()
        self._scroll_open_into_view_later()

    def scroll_to_top(self) -> None:
        """Back to the first question."""
        self.scroll_area.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        """The content and the interface strings in the current language."""
        t = self._t
        if self._bundle is not None:
            self.setLocale(qlocale(t.language))
            self.title.setText(self._bundle.title(t.language))
            # A named group: a screen reader says the title on entering the screen.
            self.setAccessibleName(self._bundle.title(t.language))
            self.accordion.show_text(self._bundle, t.language)
            self._scroll_open_into_view_later()
        self.hint.setText(t.gettext("Touch a question to see its answer."))
        self.scroll_area.setAccessibleName(t.gettext("Questions and answers"))
        self.nav.retranslate()
        self.feedback_button.set_text(t.gettext("Tell us what you think"))
        self.feedback.set_title(
            t.gettext("Tell us what you think"),
            t.gettext("QR code for the feedback form. Scan it with a phone camera."),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._set_landscape(event.size().width() >= event.size().height())
        super().resizeEvent(event)

    def _set_landscape(self, landscape: bool) -> None:
        if landscape == self._landscape:
            return
        self._landscape = landscape
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        self.feedback.set_horizontal(not landscape)
        self._apply_panel_width()

    def _apply_panel_width(self) -> None:
        if self._landscape:
            extra = self._text_size - TEXT_SIZES[0]
            self.feedback.setFixedWidth(round(PANEL_PX_AT_100 + PANEL_PX_PER_PERCENT * extra))
            self._layout.setAlignment(self.feedback, Qt.AlignmentFlag.AlignTop)
        else:
            self.feedback.setMinimumWidth(0)
            self.feedback.setMaximumWidth(QWIDGETSIZE_MAX)
            self._layout.setAlignment(self.feedback, Qt.AlignmentFlag(0))

    def _page(self, direction: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.value() + direction * max(bar.pageStep() - 80, 80))

    def _scroll_open_into_view_later(self) -> None:
        # Heights settle after the layout runs; scroll once they have.
        QTimer.singleShot(0, self, self.scroll_open_into_view)

    def open_answer_views(self, overlap: int) -> list[int]:
        """Scroll positions that together show the whole open question: where it is now
        (its top, once scrolled into view), then one more per screenful down to its end,
        each repeating *overlap* px of the one before. Empty with nothing open."""
        item = self.accordion.items.get(self._open or "")
        content = self.scroll_area.widget()
        if item is None or content is None:
            return []
        bar = self.scroll_area.verticalScrollBar()
        view = self.scroll_area.viewport().height()
        end = item.mapTo(content, item.rect().topLeft()).y() + item.height()
        positions = [bar.value()]
        while positions[-1] + view < end and positions[-1] < bar.maximum():
            positions.append(min(positions[-1] + view - overlap, bar.maximum()))
        return positions

    def answer_room(self) -> AnswerRoom:
        """The room the open answer's text has (kiosk/ui/answer_room.py); with none open,
        the room a paragraph of any answer would have."""
        item = self.accordion.items.get(self._open or "")
        shown = [p for p in item.paragraphs if p.isVisible()] if item is not None else []
        return answer_room(self.scroll_area, shown[0] if shown else None, self._text_inset())

    def _text_inset(self) -> int:
        # What of the viewport's width is not an answer's text: the list's margins, the
        # answer's border and margins.
        content = self.scroll_area.widget()
        column = content.layout() if content is not None else None
        inset = 0
        if column is not None:
            margins = column.contentsMargins()
            inset += margins.left() + margins.right()
        item = next(iter(self.accordion.items.values()), None)
        if item is not None:
            answer = item.answer
            frame, layout = answer.contentsMargins(), answer.layout()
            inset += frame.left() + frame.right()
            if layout is not None:
                margins = layout.contentsMargins()
                inset += margins.left() + margins.right()
        return inset

    def show_scrolled(self, position: int) -> None:
        """Scroll the questions to *position* (one of `open_answer_views`)."""
        self.scroll_area.verticalScrollBar().setValue(position)

    def scroll_open_into_view(self) -> None:
        """Scroll so the open answer is wholly visible (its top, if it is taller)."""
        item = self.accordion.items.get(self._open or "")
        content = self.scroll_area.widget()
        if item is None or content is None:
            return
        content_layout = content.layout()
        if content_layout is not None:
            content_layout.activate()
        top = item.mapTo(content, item.rect().topLeft()).y() - SCROLL_MARGIN
        bottom = top + item.height() + 2 * SCROLL_MARGIN
        bar = self.scroll_area.verticalScrollBar()
        view = self.scroll_area.viewport().height()
        if bottom - top > view or top < bar.value():
            bar.setValue(top)
        elif bottom > bar.value() + view:
            bar.setValue(bottom - view)
