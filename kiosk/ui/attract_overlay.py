"""AttractOverlay: the calm screen between visitors: "Touch to start" in each language in
turn. The first touch only wakes the kiosk; it never presses what is below."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.system.i18n import N_, Translator, qlocale
from kiosk.ui.overlay import Overlay
from kiosk.ui.text import WrapLabel

TOUCH_TO_START = N_("Touch the screen to start")
CYCLE_MS = 4000


class AttractOverlay(Overlay):
    """Shown after a reset and after a long quiet spell on Home.

    Signals:
        woken(): the first touch or key; the overlay has closed.
    """

    woken = Signal()

    def __init__(self, t: Translator, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "attract")
        self._t = t
        self._languages = languages
        self._index = 0
        self.message = WrapLabel(role="title")
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.card_layout.addWidget(self.message)
        self._cycle = QTimer(self)
        self._cycle.setInterval(CYCLE_MS)
        self._cycle.timeout.connect(self._next)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def open(self) -> None:
        """Start the loop."""
        self._index = 0
        self._show_language()
        self._cycle.start()
        super().open()
        self.setFocus()

    def wake(self) -> None:
        """Close and say so."""
        if self.isVisible():
            self._cycle.stop()
            self.hide()
            self.woken.emit()

    def _next(self) -> None:
        self._index = (self._index + 1) % len(self._languages)
        self._show_language()

    def _show_language(self) -> None:
        language = self._languages[self._index]
        self.message.setLocale(qlocale(language))
        self.message.setText(self._t.gettext_in(language, TOUCH_TO_START))
        self.message.setAccessibleName(self.message.text())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.wake()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.wake()
