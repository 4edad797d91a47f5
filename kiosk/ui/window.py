"""KioskWindow: lays out the header (toolbar + language bar) above Home or the FAQ, and
chooses between the full and the compact chrome (`reflow`)."""

from __future__ import annotations

from enum import IntEnum
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import TEXT_SIZES
from kiosk.state.session import Screen
from kiosk.system.i18n import Translator, qlocale, text_direction
from kiosk.ui.accessibility import GROUP, set_accessible_role
from kiosk.ui.faq import FaqScreen
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.home import HomeScreen
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.notice_banner import NoticeBanner
from kiosk.ui.reading_order import Readable, ReadingItem, items_in
from kiosk.ui.scrolling import bring_into_view
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.toolbar import Toolbar


class Chrome(IntEnum):
    """How far the chrome around the answers is collapsed (`KioskWindow.reflow`)."""

    FULL = 0  #: toolbar and language buttons with their text, the feedback panel
    NO_PANEL = 1  #: the feedback code behind a button, scroll buttons as chevrons
    SYMBOLS = 2  #: and the toolbar as symbols, the languages as codes ("VI"): one row


class KioskWindow(QWidget):
    """The one top-level window. It arranges the views it is given (kiosk/app wires
    them) and follows the current language (locale and text direction)."""

    def __init__(
        self,
        t: Translator,
        *,
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
        self.header = header = QWidget()
        header_row = FlowLayout(header, spacing=24)
        header_row.addWidget(toolbar)
        header_row.addWidget(language_bar)
        speech_bar.hide()
        self.stack = QStackedWidget()
        # Not a "layered pane" for screen readers: an unnamed group, which they skip.
        set_accessible_role(self.stack, GROUP)
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
        self._banner: NoticeBanner | None = None
        self._t = t
        self._keypad_focus: QWidget | None = None
        self._text_size = TEXT_SIZES[0]
        self._chrome = Chrome.FULL
        self._reflow_timer = QTimer(self)
        self._reflow_timer.setSingleShot(True)
        self._reflow_timer.setInterval(0)
        self._reflow_timer.timeout.connect(self.reflow)
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def retranslate(self) -> None:
        """Carry the current language, so that screen readers pick its voice, and its
        direction: everything in the window (overlays too) mirrors for right to left."""
        self.setLocale(qlocale(self._t.language))
        self.setLayoutDirection(text_direction(self._t.language))
        self.reflow_later()  # labels in another language have other widths

    # -- full or compact chrome --------------------------------------------------------

    @property
    def chrome(self) -> Chrome:
        """How far the chrome is collapsed (`reflow`)."""
        return self._chrome

    def set_text_size(self, size: int) -> None:
        """The visitor's text size (the fonts are already set): lay out again for it."""
        self._text_size = size
        self.reflow_later()

    def reflow_later(self) -> None:
        """`reflow` once the events waiting now are done (once for several changes)."""
        self._reflow_timer.start()

    def reflow(self) -> None:
        """Full or compact chrome, by the room the answers get. With text enlarged on the
        FAQ screen, the chrome collapses as far as it must for an answer's text to get
        60 % of the window and 25 characters a line (ui/answer_room.py): first the
        feedback panel goes behind a button and the scroll buttons show their chevrons
        (FaqScreen.set_compact); then the toolbar shows its symbols and the language
        buttons their codes. Where no step is enough, the last one, which leaves the
        most room. The decision measures this window as it is laid out, so it holds for
        any screen shape; at 100 % the layout stays full."""
        if not self.isVisible():
            return  # shown later: showEvent comes back here
        chosen = Chrome.FULL
        if self.stack.currentWidget() is self.faq and self._text_size > TEXT_SIZES[0]:
            for chrome in Chrome:
                chosen = chrome
                self._set_chrome(chrome)
                self._lay_out_now()
                if self.faq.answer_room().fits():
                    break
        if self._set_chrome(chosen):
            self.update_tab_order_later()

    def _set_chrome(self, chrome: Chrome) -> bool:
        if chrome == self._chrome:
            return False
        self._chrome = chrome
        self.faq.set_compact(chrome >= Chrome.NO_PANEL)
        self.toolbar.set_compact(chrome >= Chrome.SYMBOLS)
        self.language_bar.set_compact(chrome >= Chrome.SYMBOLS)
        return True

    def _lay_out_now(self) -> None:
        # Geometry for the chrome as it is now, without waiting for the event loop.
        for widget in (self, self.header, self.faq):
            layout = widget.layout()
            if layout is not None:
                layout.activate()

    def reading_order(self) -> list[ReadingItem]:
        """What the current screen says, in order. FAQ: the toolbar, the language bar,
        then the answers (FaqScreen.reading_order). Home: the language buttons, then the
        toolbar, then the rest of Home (HomeScreen.reading_order)."""
        language = self._t.language
        if self.stack.currentWidget() is not self.faq:
            return self.home.reading_order(items_in(self.toolbar, language, self))
        header = [self.toolbar, self.language_bar]
        items = [item for part in header for item in items_in(part, language, self)]
        return items + self.faq.reading_order()

    def tab_stops(self) -> list[QWidget]:
        """The widgets Tab stops on, in reading order: each item's widget, or the card
        it is in when that is the Tab stop (a QR card), each once."""
        stops: list[QWidget] = []
        for item in self.reading_order():
            stop = tab_stop_for(item.widget, self)
            if stop is not None and stop not in stops:
                stops.append(stop)
        return stops

    def update_tab_order(self) -> None:
        """Chain the Tab stops of the current screen in its reading order."""
        stops = self.tab_stops()
        for first, second in pairwise(stops):
            QWidget.setTabOrder(first, second)

    def update_tab_order_later(self, *_changed: object) -> None:
        """`update_tab_order` once the layout has settled (after a change of content,
        open answer, language or text size)."""
        QTimer.singleShot(0, self, self.update_tab_order)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._banner is not None:
            self._banner.fit_to(event.size())
        self.update_tab_order_later()  # portrait and landscape order differently
        self.reflow_later()

    def focused_item(self) -> ReadingItem | None:
        """The button that has keyboard focus (Tab), if any."""
        focused = self.focusWidget()
        return focused.reading_item(self._t.language) if isinstance(focused, Readable) else None

    def show_keypad_focus(self, widget: QWidget | None) -> None:
        """Show where the keypad is (None: nowhere) and scroll it into view. A button
        takes keyboard focus (its focus ring shows); a text gets the "nav" highlight."""
        previous, self._keypad_focus = self._keypad_focus, widget
        if isinstance(previous, QLabel):
            previous.setProperty("nav", None)
            previous.style().polish(previous)
        if widget is None:
            return
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.setProperty("nav", "current")
            widget.style().polish(widget)
        bring_into_view(widget)

    def add_banner(self, banner: NoticeBanner) -> None:
        """Put *banner* above everything else on every screen (a notice)."""
        column = self.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(0, banner)
        self._banner = banner

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
        self.reflow_later()

    def show_speech_bar(self, visible: bool) -> None:
        """Show the speech controls at the foot of the current screen (on the FAQ screen
        they take the place of the scroll buttons), or hide them. At the foot they leave
        the header, and the feedback code beside the answers, where they are."""
        current = self.stack.currentWidget()
        screen = self.faq if current is self.faq else self.home
        screen.show_below(self.speech_bar if visible else None)
        if not visible:
            self.speech_bar.hide()
        self.update_tab_order_later()

    def show_screen(self, screen: str) -> None:
        """Show Home or the FAQ; the language bar and Home button belong to the FAQ screen."""
        on_home = screen == Screen.HOME
        keyboard_user = QApplication.focusWidget() not in (None, self)
        self.stack.setCurrentWidget(self.home if on_home else self.faq)
        self.language_bar.setVisible(not on_home)
        self.toolbar.set_home_visible(not on_home)
        self.reflow_later()
        self.update_tab_order()
        self.update_tab_order_later()
        if keyboard_user:  # keep keyboard users where the new screen begins
            first = self.home.first_focus() if on_home else self.faq.first_focus()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)


def tab_stop_for(widget: QWidget, window: QWidget) -> QWidget | None:
    """*widget* if Tab stops on it, else the nearest container below *window* that Tab
    stops on (a QR card for its labels), else None."""
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return current
        current = current.parentWidget()
    return None
