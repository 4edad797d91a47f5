"""Lock-down for a public kiosk: the keys that would close or escape it do nothing, there
are no context menus, and only staff know the way in: hold the top-left corner for 3 s,
or press Ctrl+Alt+Shift+S on a keyboard or programmable keypad."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

STAFF_HOLD_MS = 3000
CORNER_PX = 120
STAFF_CHORD = (
    Qt.Key.Key_S,
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier,
)

_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier


def is_escape_key(event: QKeyEvent) -> bool:
    """Keys that close windows or leave an application: Escape, Alt+F4, Ctrl+Q, Ctrl+W."""
    key, modifiers = event.key(), event.modifiers()
    return (
        key == Qt.Key.Key_Escape
        or (key == Qt.Key.Key_F4 and bool(modifiers & _ALT))
        or (key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(modifiers & _CTRL))
    )


class LockDown(QObject):
    """Application-wide event filter for the kiosk window.

    Signals:
        staff_requested(): the staff gesture or chord was made.
        escape_pressed(): Escape was pressed (and kept from closing anything); it closes
            the feedback code shown full size.
    """

    staff_requested = Signal()
    escape_pressed = Signal()

    def __init__(self, window: QWidget, hold_ms: int = STAFF_HOLD_MS) -> None:
        super().__init__(window)
        self._window = window
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self._held)
        self._pressed: QWidget | None = None
        self._swallow_release = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if event.key() == STAFF_CHORD[0] and event.modifiers() == STAFF_CHORD[1]:
                if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                    self.staff_requested.emit()
                return True
            if (
                kind == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape
                and not event.isAutoRepeat()
            ):
                self.escape_pressed.emit()
            return is_escape_key(event)
        if isinstance(event, QMouseEvent) and isinstance(watched, QWidget):
            return self._mouse(watched, event)
        return False

    def _mouse(self, watched: QWidget, event: QMouseEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            position = self._window.mapFromGlobal(event.globalPosition().toPoint())
            if _in_corner(position):
                self._pressed = watched
                self._hold.start()
        elif kind == QEvent.Type.MouseMove and self._hold.isActive():
            if not _in_corner(self._window.mapFromGlobal(event.globalPosition().toPoint())):
                self._hold.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._hold.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True  # the hold opened the staff sheet; it was not a tap
        return False

    def _held(self) -> None:
        # Whatever the finger pressed must not act when it lifts.
        if isinstance(self._pressed, QAbstractButton):
            self._pressed.setDown(False)
        self._swallow_release = True
        self.staff_requested.emit()


def _in_corner(position: QPoint) -> bool:
    return 0 <= position.x() < CORNER_PX and 0 <= position.y() < CORNER_PX
