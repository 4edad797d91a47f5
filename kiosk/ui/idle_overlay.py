"""IdleOverlay: "Are you still there?" with a large countdown and one large button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.system.i18n import Translator, qlocale
from kiosk.ui.button import TextButton
from kiosk.ui.overlay import Overlay
from kiosk.ui.text import WrapLabel


class IdleOverlay(Overlay):
    """Asks whether the visitor is still there; any touch answers yes.

    Signals:
        still_here(): the visitor answered.
    """

    still_here = Signal()

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._t = t
        self._seconds = 0
        self.question = WrapLabel(role="title")
        self.count = WrapLabel(role="phone")
        self.count.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.explanation = WrapLabel()
        self.button = TextButton(glyph="check", role="title")
        self.button.setProperty("primary", True)
        for widget in (self.question, self.count, self.explanation, self.button):
            self.card_layout.addWidget(widget)
        self.button.clicked.connect(self.still_here)
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def set_seconds(self, seconds: int) -> None:
        """Show *seconds* left."""
        self._seconds = seconds
        self._show_seconds()

    def question_text(self) -> str:
        """The question, for reading it aloud."""
        return self.question.text()

    def retranslate(self) -> None:
        """Text in the current language."""
        t = self._t
        self.setLocale(qlocale(t.language))
        self.question.setText(t.gettext("Are you still there?"))
        self.button.set_text(t.gettext("I'm still here"))
        self._show_seconds()

    def _show_seconds(self) -> None:
        self.count.setText(str(self._seconds))
        self.explanation.setText(
            self._t.ngettext(
                "The screen starts over in {n} second for the next visitor.",
                "The screen starts over in {n} seconds for the next visitor.",
                self._seconds,
            ).format(n=self._seconds)
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.still_here.emit()  # a touch anywhere on the question counts
        event.accept()
