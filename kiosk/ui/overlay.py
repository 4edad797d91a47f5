"""Overlay: a layer over the whole window (idle question, attract loop, staff sheet).

It covers its window, dims what is below, takes every touch (nothing below is pressed
by mistake) and holds its content in a centred card.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.reading_order import ReadingItem, items_in

CARD_MAX_WIDTH = 1100
MARGIN = 32


class Overlay(QFrame):
    """A full-window layer with a centred card; `card_layout` receives the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        # Like the toolbar, an overlay's text grows to 125 % at most (ui/theme.py), so that
        # it fits a 1280x800 screen at 200 %.
        self.setProperty("chrome", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QFrame()
        self.card.setProperty("role", "card")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(40, 32, 40, 32)
        self.card_layout.setSpacing(24)
        # Stretches, not alignment flags: an aligned widget gets its size hint, and the
        # wrapped text in the card needs the height it asks for at the card's width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        #: Where the keypad goes when the visitor's Back closes this (`back`).
        self.return_to: QWidget | None = None
        self.hide()

    def attach(self, window: QWidget) -> None:
        """Cover *window*, following its size."""
        self.setParent(window)
        window.installEventFilter(self)
        self._fit(window)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._fit(watched)
        return False

    def _fit(self, window: QWidget) -> None:
        self.setGeometry(window.rect())
        self.card.setFixedWidth(max(min(CARD_MAX_WIDTH, window.width() - 2 * MARGIN), 320))

    def reading_order(self, language: str) -> list[ReadingItem]:
        """What the card says, in reading order."""
        return items_in(self.card, language, self.window())

    def back(self) -> bool:
        """The visitor pressed Back: close if this overlay closes so, and say whether it
        did (most do not: the idle question waits for an answer)."""
        return False

    def open(self) -> None:
        """Show on top of everything else in the window."""
        self.raise_()
        self.show()
