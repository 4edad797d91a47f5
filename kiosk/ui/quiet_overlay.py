"""The quiet-hours screen: black, nothing on it; the first touch or key only wakes the
kiosk (like the attract screen), it never presses what is below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.overlay import Overlay


class QuietOverlay(Overlay):
    """Covers the window outside opening hours (`attach` it), with no card.

    Signals:
        woken(): a touch or key while shown; the overlay has closed.
    """

    woken = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "quiet")
        # Black in every theme, so its own style sheet rather than the theme's.
        self.setStyleSheet("QFrame { background: #000000; }")
        self.card.hide()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def rest(self) -> None:
        """Blank the window."""
        self.show()
        self.raise_()
        self.setFocus()

    def wake(self) -> None:
        """Show the kiosk again (and say so, if it was resting)."""
        if self.isVisible():
            self.hide()
            self.woken.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.wake()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.wake()
