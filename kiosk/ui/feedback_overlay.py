"""FeedbackOverlay: the feedback form's QR code full size, over the whole window.

The compact layout (ui/window.py) has no room for the feedback panel: its "Tell us what
you think" button opens this. It closes with its Close button, a touch outside the
card, the keypad's Back, Escape, and the reset for the next visitor (kiosk/app).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.system.i18n import Translator, qlocale
from kiosk.system.qr import QrRenderer
from kiosk.ui.button import TextButton
from kiosk.ui.overlay import Overlay
from kiosk.ui.qr_card import QrCard

#: Twice the side panel's code: ≈ 122 mm on a 24" 1080p screen, 60 mm on a 10" 1280x800.
FULL_QR_PX = 440


class FeedbackOverlay(Overlay):
    """The feedback code, its title and address, and a Close button."""

    def __init__(self, t: Translator, renderer: QrRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._t = t
        self.code = QrCard(renderer, FULL_QR_PX)
        self.code.set_horizontal(True)  # text beside the code where it fits
        self.close_button = TextButton(glyph="close")
        self.close_button.clicked.connect(self.back)
        self.card_layout.addWidget(self.code)
        self.card_layout.addWidget(self.close_button)
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def set_feedback(self, url: str) -> None:
        """The address of the feedback form."""
        self.code.set_code(url, url)

    def open_from(self, opener: QWidget | None) -> None:
        """Open; *opener* (the button that opened it) is where the keypad, and keyboard
        focus, go back to. A keyboard user's focus moves to the code's card."""
        self.return_to = opener
        self.open()
        if opener is not None and opener.hasFocus():
            self.code.setFocus(Qt.FocusReason.TabFocusReason)

    def back(self) -> bool:
        """Close (the visitor's Back, Escape, Close or a touch outside the card); whether
        it was open. Keyboard focus inside it goes back to the button that opened it."""
        was_open = self.isVisible()
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.isAncestorOf(focused)
        self.hide()
        if had_focus and self.return_to is not None and self.return_to.isVisible():
            self.return_to.setFocus(Qt.FocusReason.TabFocusReason)
        return was_open

    def retranslate(self) -> None:
        """Text in the current language."""
        t = self._t
        self.setLocale(qlocale(t.language))
        self.code.set_title(
            t.gettext("Tell us what you think"),
            t.gettext("QR code for the feedback form. Scan it with a phone camera."),
        )
        self.close_button.set_text(t.gettext("Close"))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()  # nothing below is pressed; a touch outside the card closes
        if not self.card.geometry().contains(event.position().toPoint()):
            self.back()
