"""KioskWindow: lays out the header (toolbar + language bar) above Home or the FAQ."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.state.session import HOME
from kiosk.ui.faq import FaqScreen
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.home import HomeScreen
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.toolbar import Toolbar


class KioskWindow(QWidget):
    """The one top-level window. It arranges the views it is given; app.py wires them."""

    def __init__(
        self,
        toolbar: Toolbar,
        language_bar: LanguageBar,
        speech_bar: SpeechBar,
        home: HomeScreen,
        faq: FaqScreen,
    ) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setWindowTitle("FAQ Kiosk")
        self.toolbar, self.language_bar, self.home, self.faq = toolbar, language_bar, home, faq
        self.speech_bar = speech_bar
        header = QWidget()
        header_row = FlowLayout(header, spacing=24)
        header_row.addWidget(toolbar)
        header_row.addWidget(language_bar)
        speech_bar.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(home)
        self.stack.addWidget(faq)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 0)
        column.setSpacing(12)
        column.addWidget(header)
        column.addWidget(self.stack, 1)
        # The window itself holds focus until a key is used, so a touch visitor never
        # sees a focus ring; Tab moves into the buttons.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocus()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._close_allowed = False

    def allow_close(self) -> None:
        """Let the next close request through (staff chose Exit)."""
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Alt+F4, the window manager's close button, a stray Ctrl+W: a kiosk stays up.
        if self._close_allowed:
            event.accept()
        else:
            event.ignore()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if QApplication.focusWidget() is None:
            self.setFocus()  # no focus ring until a key is pressed
        super().showEvent(event)

    def show_speech_bar(self, visible: bool) -> None:
        """Show the speech controls at the foot of the current screen (on the FAQ screen
        they take the place of the scroll buttons), or hide them. At the foot they leave
        the header, and the feedback code beside the answers, where they are."""
        current = self.stack.currentWidget()
        screen = self.faq if current is self.faq else self.home
        screen.show_below(self.speech_bar if visible else None)
        if not visible:
            self.speech_bar.hide()

    def show_screen(self, screen: str) -> None:
        """Show HOME or FAQ; the language bar and Home button belong to the FAQ screen."""
        on_home = screen == HOME
        keyboard_user = QApplication.focusWidget() not in (None, self)
        self.stack.setCurrentWidget(self.home if on_home else self.faq)
        self.language_bar.setVisible(not on_home)
        self.toolbar.set_home_visible(not on_home)
        if keyboard_user:  # keep keyboard users where the new screen begins
            first = self.home.first_focus() if on_home else self.faq.first_focus()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
