"""ScrollNav: large "Back up" / "More below" buttons for visitors who don't know to swipe."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QWidget

from kiosk.system.i18n import Translator
from kiosk.ui.button import TextButton


class ScrollNav(QWidget):
    """Page up/down buttons that follow a scroll bar; disabled (dashed) at either end.

    Signals:
        page_requested(int): -1 for a page up, +1 for a page down.
    """

    page_requested = Signal(int)

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("chrome", True)  # text grows to 125 % at most (ui/theme.py)
        self._t = t
        self.up = TextButton(glyph="chevron-up")
        self.down = TextButton(glyph="chevron-down")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(12)
        self._row.addWidget(self.up, 1)
        self._row.addWidget(self.down, 1)
        self.up.clicked.connect(lambda: self.page_requested.emit(-1))
        self.down.clicked.connect(lambda: self.page_requested.emit(+1))

    def follow(self, bar: QScrollBar) -> None:
        """Enable each button only while there is more to see in its direction."""

        def update() -> None:
            self.up.setEnabled(bar.value() > bar.minimum())
            self.down.setEnabled(bar.value() < bar.maximum())

        bar.valueChanged.connect(update)
        bar.rangeChanged.connect(update)
        update()

    def set_compact(self, compact: bool) -> None:
        """Compact chrome (ui/window.py): chevrons only, named "Scroll up"/"Scroll down"."""
        for button in (self.up, self.down):
            button.set_icon_only(compact)
        for button in (self.up, self.down):  # compact, they keep their size
            self._row.setStretchFactor(button, 0 if compact else 1)

    def retranslate(self) -> None:
        """Labels in the current language."""
        self.up.set_text(self._t.gettext("More above"), self._t.gettext("Scroll up"))
        self.down.set_text(self._t.gettext("More below"), self._t.gettext("Scroll down"))
