"""TextButton: a large push button whose text wraps instead of being cut off.

QPushButton draws its text on one line and elides nothing, so at 200 % a long
Vietnamese label would be clipped; this button holds a wrapping label (and an
optional painted glyph) in a layout and takes its size from them. Enter and Space
both press it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.glyph import Glyph
from kiosk.ui.reading_order import ReadingItem, Role
from kiosk.ui.text import WrapLabel
from kiosk.ui.theme import TARGET_PX


class _ButtonLabel(WrapLabel):
    """The button's label, which reports its font changes (the glyph is sized to it)."""

    def __init__(self, text: str, role: str | None, font_changed: Callable[[], None]) -> None:
        super().__init__(text, role)
        self._font_changed = font_changed

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._font_changed()


class TextButton(QPushButton):
    """A button with wrapping text and an optional leading glyph."""

    def __init__(
        self,
        text: str = "",
        glyph: str | None = None,
        role: str | None = None,
        glyph_after: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.glyph = Glyph(glyph) if glyph else None
        self.label = _ButtonLabel(text, role, self._fit_glyph)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(14)
        layout.addWidget(self.label, 1)
        if self.glyph is not None:
            layout.insertWidget(
                1 if glyph_after else 0, self.glyph, 0, Qt.AlignmentFlag.AlignVCenter
            )
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # Keyboard focus only: a touch must not leave a focus ring behind.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.set_text(text)

    def set_text(self, text: str, accessible_name: str | None = None) -> None:
        """Show *text*; the accessible name is *accessible_name* or the text itself."""
        self.label.setText(text)
        self.setAccessibleName(accessible_name or text)
        self.updateGeometry()

    def set_icon_only(self, icon_only: bool) -> None:
        """Show only the glyph (the compact chrome, ui/window.py), or the text too. The
        accessible name stays the whole text, so the button is still named and spoken."""
        self.label.setVisible(not icon_only or self.glyph is None)
        self.updateGeometry()

    def text_shown(self) -> str:
        """The visible text (QPushButton.text() stays empty: the label draws it)."""
        return self.label.text()

    def reading_item(self, language: str) -> ReadingItem:
        """This button as the keypad and screen readers name it."""
        return ReadingItem(
            self,
            self.label,
            self.accessibleName() or self.text_shown(),
            Role.BUTTON,
            language,
            checked=self.isCheckable() and self.isChecked(),
            enabled=self.isEnabled(),
            secret=bool(self.property("secret")),
        )

    def _fit_glyph(self) -> None:
        # The glyph follows the label's font (text size and type role).
        if self.glyph is not None:
            self.glyph.set_size(round(self.label.fontMetrics().height() * 0.7))

    def _bounded(self, hint: QSize) -> QSize:
        return hint.expandedTo(QSize(TARGET_PX, TARGET_PX))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        layout = self.layout()
        return self._bounded(layout.sizeHint() if layout else super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        layout = self.layout()
        return self._bounded(layout.minimumSize() if layout else super().minimumSizeHint())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        layout = self.layout()
        needed = layout.heightForWidth(width) if layout else -1
        return max(TARGET_PX, needed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.animateClick()
            return
        super().keyPressEvent(event)
