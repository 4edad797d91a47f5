"""StaffPanel: the sheet reception staff open with the hidden gesture.

"Reset now" needs no PIN. The PIN pad unlocks diagnostics, reloading the content, rolling
back to the content shown before and (when the config allows) leaving the kiosk. The PIN
is never shown, only dots.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.pin import MAX_PIN_DIGITS
from kiosk.state.pin_guard import PinOutcome, PinResult
from kiosk.system.i18n import Translator, qlocale
from kiosk.ui.button import TextButton
from kiosk.ui.overlay import Overlay
from kiosk.ui.scrolling import kinetic_scroll_area
from kiosk.ui.text import WrapLabel

#: The PIN pad's digit keys.
DIGITS = "0123456789"


class StaffPanel(Overlay):
    """Staff controls.

    Signals:
        reset_requested(), pin_entered(str), reload_requested(), rollback_requested(),
        exit_requested(), closed().
    """

    reset_requested = Signal()
    pin_entered = Signal(str)
    reload_requested = Signal()
    rollback_requested = Signal()
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._t = t
        self._digits = ""
        self._pin_configured = False
        self._allow_exit = False
        self._message = ""
        self._locked_s = 0
        self.title = WrapLabel(role="question")
        self.reset_now = TextButton(glyph="replay")
        self.reset_now.setProperty("primary", True)
        self.close_button = TextButton(glyph="minus")
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.reset_now, 1)
        top.addWidget(self.close_button, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._pin_page())
        self.pages.addWidget(self._diagnostics_page())
        self.card_layout.addWidget(self.title)
        self.card_layout.addLayout(top)
        self.card_layout.addWidget(self.pages)
        self.reset_now.clicked.connect(self.reset_requested)
        self.close_button.clicked.connect(self.closed)
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def _pin_page(self) -> QWidget:
        page = QWidget()
        text = QVBoxLayout()
        text.setSpacing(12)
        self.pin_prompt = WrapLabel()
        self.pin_dots = WrapLabel(role="phone")
        self.pin_message = WrapLabel(role="secondary")
        for label in (self.pin_prompt, self.pin_dots, self.pin_message):
            text.addWidget(label)
        text.addStretch(1)
        pad = QGridLayout()
        pad.setSpacing(12)
        self.keys: dict[str, TextButton] = {}
        for index, key in enumerate("123456789C0K"):
            button = TextButton("" if key in "CK" else key)
            # Named "PIN key" to the keypad voice and screen readers: nobody near the
            # kiosk may hear which digits staff press.
            button.setProperty("secret", key in DIGITS)
            button.clicked.connect(lambda _c=False, k=key: self._key(k))
            pad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        # Text beside the pad on a wide screen, above it on a tall one.
        self._pin_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self._pin_layout.setSpacing(24)
        self._pin_layout.addLayout(text, 1)
        self._pin_layout.addLayout(pad, 1)
        return page

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= 1.2 * event.size().height()
        self._pin_layout.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def _diagnostics_page(self) -> QWidget:
        page = QWidget()
        layout = QGridLayout(page)
        layout.setSpacing(12)
        self.diagnostics = WrapLabel()
        area = kinetic_scroll_area(self.diagnostics)
        area.setMinimumHeight(240)
        self.diagnostics_message = WrapLabel(role="secondary")  # how a reload went
        self.diagnostics_message.hide()
        self.reload = TextButton(glyph="replay")
        self.rollback = TextButton(glyph="replay")
        self.rollback.setEnabled(False)  # until there is previous content
        self.exit = TextButton(glyph="stop")
        layout.addWidget(area, 0, 0, 1, 2)
        layout.addWidget(self.diagnostics_message, 1, 0, 1, 2)
        layout.addWidget(self.reload, 2, 0)
        layout.addWidget(self.rollback, 2, 1)
        layout.addWidget(self.exit, 3, 0, 1, 2)
        self.reload.clicked.connect(self.reload_requested)
        self.rollback.clicked.connect(self.rollback_requested)
        self.exit.clicked.connect(self.exit_requested)
        return page

    @property
    def takes_digits(self) -> bool:
        """True while the PIN pad is shown and usable: typed digits belong to it."""
        return (
            self.isVisible()
            and self.pages.currentIndex() == 0
            and self._pin_configured
            and not self._locked_s
        )

    def type_digit(self, digit: str) -> None:
        """A digit typed on a keyboard or keypad, as if its key was pressed."""
        if digit in DIGITS and self.takes_digits:
            self._key(digit)

    # -- slots -----------------------------------------------------------------------------

    def open_locked(self, pin_configured: bool, allow_exit: bool, locked_s: int) -> None:
        """Open on the PIN pad (or, without a PIN, on "Reset now" alone)."""
        self._pin_configured, self._allow_exit = pin_configured, allow_exit
        self._digits = ""
        self.show_message("")
        self.pages.setCurrentIndex(0)
        for widget in (*self.keys.values(), self.pin_prompt, self.pin_dots):
            widget.setVisible(pin_configured)  # without a PIN only the reason stays
        self._locked_s = 0
        self.show_lock(locked_s)
        self.open()

    def show_pin_result(self, result: PinResult) -> None:
        """Unlock, or say why not."""
        self._digits = ""
        t = self._t
        if result.outcome == PinOutcome.OK:
            self.pages.setCurrentIndex(1)
            self._message = ""
        elif result.outcome == PinOutcome.LOCKED:
            self._message = ""
        else:
            self._message = t.ngettext(
                "Wrong PIN. {n} try left.", "Wrong PIN. {n} tries left.", result.tries_left
            ).format(n=result.tries_left)
        self.show_lock(result.locked_s if result.outcome == PinOutcome.LOCKED else 0)

    def show_diagnostics(self, lines: list[str]) -> None:
        """Fill the diagnostics page."""
        self.diagnostics.setText("\n".join(lines))

    def set_rollback_available(self, available: bool) -> None:
        """Enable "Roll back to the previous content" only when there is some."""
        self.rollback.setEnabled(available)

    def show_message(self, message: str) -> None:
        """A line on the page shown: under the PIN pad, or above the diagnostics'
        buttons (a reload's result)."""
        self._message = message
        self.diagnostics_message.setText(message)
        self.diagnostics_message.setVisible(bool(message))
        self._show_pad()

    def retranslate(self) -> None:
        """Text in the current language."""
        t = self._t
        self.setLocale(qlocale(t.language))
        self.title.setText(t.gettext("Staff"))
        self.reset_now.set_text(t.gettext("Reset now for the next visitor"))
        self.close_button.set_text(t.gettext("Close"))
        self.pin_prompt.setText(t.gettext("Enter the staff PIN for diagnostics and settings."))
        for digit in DIGITS:
            self.keys[digit].setAccessibleName(t.gettext("PIN key"))
        self.keys["C"].set_text(t.gettext("Clear"))
        self.keys["K"].set_text(t.gettext("OK"))
        self.reload.set_text(t.gettext("Reload content"))
        self.rollback.set_text(t.gettext("Roll back to the previous content"))
        self.exit.set_text(t.gettext("Exit the kiosk"))
        self._show_pad()

    def _show_pad(self) -> None:
        # The digits entered (as dots), the message under the pad, and whether Exit shows.
        t = self._t
        self.pin_dots.setText("•" * len(self._digits) or " ")
        self.pin_dots.setAccessibleName(
            t.ngettext("{n} digit entered", "{n} digits entered", len(self._digits)).format(
                n=len(self._digits)
            )
        )
        message = self._message
        if self._locked_s:
            message = t.gettext("Too many wrong PINs. Try again in {s} s.").format(s=self._locked_s)
        if not self._pin_configured:
            message = t.gettext("No staff PIN is set: only Reset now is available.")
        self.pin_message.setText(message)
        self.exit.setVisible(self._allow_exit)

    # -- pad -------------------------------------------------------------------------------

    def show_lock(self, locked_s: int) -> None:
        """Disable the pad for *locked_s* more seconds (0: usable)."""
        self._locked_s = locked_s
        for button in self.keys.values():
            button.setEnabled(locked_s == 0)
        self._show_pad()

    def _key(self, key: str) -> None:
        if key == "C":
            self._digits = ""
        elif key == "K":
            if self._digits:
                self.pin_entered.emit(self._digits)
            return
        elif len(self._digits) < MAX_PIN_DIGITS:
            self._digits += key
        self._show_pad()
