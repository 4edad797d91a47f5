"""HelpOverlay: the keypad help, on screen as it is spoken. Any key or touch closes it."""

from __future__ import annotations

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.overlay import Overlay
from kiosk.ui.text import WrapLabel


class HelpOverlay(Overlay):
    """Shows one help text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = WrapLabel()
        self.card_layout.addWidget(self.text)

    def show_text(self, text: str) -> None:
        """Show *text* on top of the screen."""
        self.text.setText(text)
        self.open()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.hide()
