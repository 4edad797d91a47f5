"""TextButton: a large push button whose text wraps instead of being cut off.

QPushButton draws its text on one line and elides nothing, so at 200 % a long
Vietnamese label would be clipped; this button holds a wrapping label (and an
optional painted glyph) in a layout and takes its size from them. Enter and Space
both press it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.glyph import Glyph
from kiosk.ui.text import WrapLabel
from kiosk.ui.theme import TARGET_PX


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
        self.label = WrapLabel(text, role)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.installEventFilter(self)
        self.glyph = Glyph(glyph) if glyph else None
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

    def text_shown(self) -> str:
        """The visible text (QPushButton.text() stays empty: the label draws it)."""
        return self.label.text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The style sheet sets the label's font per text size; the glyph follows it.
        if watched is self.label and event.type() == QEvent.Type.FontChange and self.glyph:
            self.glyph.set_size(round(self.label.fontMetrics().height() * 0.7))
        return super().eventFilter(watched, event)

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
