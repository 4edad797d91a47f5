"""Run something once a window has painted its first frame (never before)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint reaches the screen: the next turn of the event loop.
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_first_frame(window: QWidget, callback: Callable[[], None]) -> None:
    """Call *callback* once, just after *window* first paints."""
    _FirstPaint(window, callback)
