"""Overlay: a layer over the whole window (idle question, attract loop, staff sheet).

It covers its window, dims what is below, takes every touch (nothing below is pressed
by mistake) and holds its content in a centred card.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class Overlay(QFrame):
    """A full-window layer with a centred card; `card_layout` receives the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QFrame()
        self.card.setProperty("role", "card")
        self.card.setMaximumWidth(1100)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(40, 32, 40, 32)
        self.card_layout.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def attach(self, window: QWidget) -> None:
        """Cover *window*, following its size."""
        self.setParent(window)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def open(self) -> None:
        """Show on top of everything else in the window."""
        self.raise_()
        self.show()
