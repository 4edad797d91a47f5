"""The notice banner: a closure or emergency notice at the top of every screen, in the
visitor's language (the others when they switch); a tap or Enter reads it aloud in
every language it has."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.system.i18n import Translator, qlocale
from kiosk.ui.accessibility import GROUP, set_accessible_role
from kiosk.ui.scrolling import kinetic_scroll_area
from kiosk.ui.text import WrapLabel

#: The banner's border (ui/theme.py), the window's side margin and the scroll bar's width.
BORDER_PX, WINDOW_MARGIN_PX, SCROLLBAR_PX = 6, 12, 24
_ACTIVATE = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class NoticeBanner(QFrame):
    """Shows a notice's texts (`show_texts`); hidden without one.

    Signals:
        read_requested(): the visitor tapped the notice (or pressed Enter on it).
    """

    read_requested = Signal()

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")
        # A Tab stop and a named group: a screen reader says "Notice" and the text.
        set_accessible_role(self, GROUP)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._t = t
        self._column = column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        # One language at a time, the visitor's (at 200 % three would fill the screen);
        # a tap reads it aloud in every language it has. A long notice scrolls inside
        # the banner, which takes at most a third of the window (`fit_to`).
        self.label = WrapLabel(role="question")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.scroll_area = kinetic_scroll_area(self.label)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column.addWidget(self.scroll_area)
        self.texts: list[tuple[str, str]] = []
        self._window: QSize | None = None
        self.hide()

    def fit_to(self, window: QSize) -> None:
        """As high as the text needs at the width of a *window* that size, and at most a
        third of its height (then the text scrolls)."""
        self._window = QSize(window)
        margins = self._column.contentsMargins()
        frame = 2 * BORDER_PX + margins.left() + margins.right()
        width = window.width() - 2 * WINDOW_MARGIN_PX - frame - SCROLLBAR_PX
        needed = self.label.heightForWidth(max(width, 1))
        chrome = 2 * BORDER_PX + margins.top() + margins.bottom()
        self.scroll_area.setFixedHeight(max(1, min(needed, window.height() // 3 - chrome)))

    def show_texts(self, texts: list[tuple[str, str]]) -> None:
        """Show a notice's (language, text) pairs, or hide with none."""
        self.texts = list(texts)
        self.retranslate()
        self.setVisible(bool(texts))

    def shown_language(self) -> str | None:
        """The language shown: the current one if the notice has it, else its first."""
        languages = [language for language, _text in self.texts]
        if self._t.language in languages:
            return self._t.language
        return languages[0] if languages else None

    def retranslate(self) -> None:
        """The notice in the current language, and the banner's name in it."""
        shown = self.shown_language()
        text = dict(self.texts).get(shown, "") if shown else ""
        self.label.setText(text)
        if shown:
            self.label.setLocale(qlocale(shown))
        self.setAccessibleName(self._t.gettext("Notice"))
        self.setAccessibleDescription(text)
        if self._window is not None:
            self.fit_to(self._window)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.rect().contains(event.position().toPoint()):
            self.read_requested.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in _ACTIVATE:
            self.read_requested.emit()
            return
        super().keyPressEvent(event)
