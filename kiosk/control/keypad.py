"""Using the kiosk without sight or touch: keypad navigation in reading order, speech
mode, layered help, and choosing a language with the number keys (EZ Access style).

Up and Down move through every item on the screen (headings, questions, paragraphs, QR
labels, buttons) in reading order; Enter activates; Back closes the answer, then goes
Home; ? or F1 gives help about the item, then the screen, then the keys; + and - change
the volume. The first key press turns speech mode on: each move then speaks the item, its
role and state. Auto-repeat is ignored: one step per press.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from kiosk.config.keymap import KeyMap
from kiosk.speech.service import SpeechService, Utterance
from kiosk.state.session import FAQ, HOME, VisitorSession
from kiosk.system.i18n import N_, Translator
from kiosk.ui.accordion import QuestionHeader
from kiosk.ui.button import TextButton
from kiosk.ui.help_overlay import HelpOverlay
from kiosk.ui.overlay import Overlay
from kiosk.ui.toolbar import percent
from kiosk.ui.window import KioskWindow

# TRANSLATORS: spoken on Home to a visitor who cannot see the screen; say it in your
# language, with {key} the number key that chooses it.
CHOOSE_WITH_KEY = N_("For English, press {key}.")


def _sort_key(widget: QWidget, *, container: QWidget) -> tuple[int, int]:
    position = widget.mapTo(container, widget.rect().topLeft())
    return position.y(), position.x()


def _is_item(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:  # the labels inside a button belong to the button
        if isinstance(parent, QAbstractButton):
            return False
        parent = parent.parentWidget()
    if isinstance(widget, QAbstractButton):
        return True
    if isinstance(widget, QLabel):
        return bool(widget.text().strip() or widget.accessibleName().strip())
    return False


class KeypadNavigator(QObject):
    """Moves a highlight through the screen's items and speaks them in speech mode."""

    def __init__(
        self,
        *,
        window: KioskWindow,
        session: VisitorSession,
        speech: SpeechService,
        t: Translator,
        help_overlay: HelpOverlay,
        overlays: list[Overlay],
        key_map: KeyMap,
    ) -> None:
        super().__init__(window)
        self._window, self._session, self._speech, self._t = window, session, speech, t
        self._help, self._overlays, self._keys = help_overlay, overlays, key_map
        self._current: QWidget | None = None
        self._help_level = 0
        session.screen_changed.connect(lambda _screen: self._forget())
        session.reset_done.connect(self._forget)

    # -- items -----------------------------------------------------------------------------

    def sections(self) -> list[QWidget]:
        """The screen's parts in reading order."""
        window = self._window
        for overlay in self._overlays:
            if overlay.isVisible():
                return [overlay.card]
        if self._session.screen == HOME:
            home = window.home.scroll_area.widget()
            return [w for w in (window.toolbar, home, window.speech_bar) if w is not None]
        faq = window.faq.scroll_area.widget()
        bottom = window.speech_bar if window.speech_bar.isVisible() else window.faq.nav
        return [
            w
            for w in (window.toolbar, window.language_bar, faq, bottom, window.faq.feedback)
            if w is not None
        ]

    def items(self) -> list[QWidget]:
        """Every item a visitor can move to, in reading order."""
        ordered: list[QWidget] = []
        for section in self.sections():
            if not section.isVisible():
                continue
            found = [
                w
                for w in section.findChildren(QWidget)
                if w.isVisibleTo(self._window) and _is_item(w)
            ]
            ordered += sorted(found, key=partial(_sort_key, container=section))
        return ordered

    @property
    def current(self) -> QWidget | None:
        """The highlighted item."""
        return self._current

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        action = self._keys.action(event.key())
        digit = event.key() - Qt.Key.Key_1.value
        languages = list(self._window.home.buttons)
        if action is None and not (self._session.screen == HOME and 0 <= digit < len(languages)):
            return False
        if event.isAutoRepeat():
            return True  # one step per press
        self._help.hide()
        first_press = not self._session.speech_mode
        self._session.set_speech_mode(True)
        if action is None:
            self._session.choose_language(languages[digit])
            self._move_to(0)
        elif first_press and self._session.screen == HOME and action != "help":
            self._greet()
        else:
            self.act(action)
        return True

    def act(self, action: str) -> None:
        """Do what *action* asks."""
        if action != "help":
            self._help_level = 0
        items = self.items()
        index = items.index(self._current) if self._current in items else -1
        if action in ("down", "next"):
            at_end = index + 1 >= len(items)
            self._move_to(index if at_end else index + 1, at_end=at_end)
        elif action == "up":
            self._move_to(max(index - 1, 0))
        elif action == "select":
            self._select()
        elif action == "back":
            self._back()
        elif action == "help":
            self._give_help()
        elif action in ("volume_up", "volume_down"):
            (self._session.louder if action == "volume_up" else self._session.quieter)()
            volume = percent(self._session.volume, self._t.language)
            self._say(self._t.gettext("Volume: {volume}").format(volume=volume))

    # -- moves -----------------------------------------------------------------------------

    def _forget(self) -> None:
        self._mark(None)

    def _move_to(self, index: int, at_end: bool = False) -> None:
        items = self.items()
        if not items:
            return
        index = min(max(index, 0), len(items) - 1)
        self._mark(items[index])
        description = self.describe(items[index])
        if at_end:
            description = self._t.gettext("End of the screen.") + " " + description
        self._say(description)

    def _mark(self, widget: QWidget | None) -> None:
        previous, self._current = self._current, widget
        if isinstance(previous, QLabel):
            previous.setProperty("nav", None)
            previous.style().polish(previous)
        if widget is None:
            return
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self._window.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.setProperty("nav", "current")
            widget.style().polish(widget)
        _bring_into_view(widget)

    def _select(self) -> None:
        focused = self._window.focusWidget()
        current = focused if isinstance(focused, QAbstractButton) else self._current
        if isinstance(current, QAbstractButton) and current.isEnabled():
            before = self._speech.utterances
            current.click()
            if self._speech.utterances != before:
                return  # the button reads something aloud (Read aloud): let it be heard
            # The screen may have changed: stay on the pressed item if it is still there,
            # else start at the top of what is shown now.
            if current in self.items():
                self._mark(current)
                self._say(self.describe(current))
            else:
                self._move_to(0)
        elif current is not None:
            self._say(self.describe(current))

    def _back(self) -> None:
        open_id = self._session.open_question
        if self._session.screen == FAQ and open_id:
            self._session.set_open_question(None)
            header = self._window.faq.accordion.items[open_id].header
            self._mark(header)
            self._say(self.describe(header))
        elif self._session.screen == FAQ:
            self._session.go_home()
            self._move_to(0)

    # -- speech ----------------------------------------------------------------------------

    def _say(self, text: str, language: str | None = None) -> None:
        if self._session.speech_mode and text:
            self._speech.speak([Utterance(text, language or self._session.language)])

    def _greet(self) -> None:
        """On Home: which number key picks which language, each said in its own language."""
        utterances = [
            Utterance(self._t.gettext_in(lang, CHOOSE_WITH_KEY).format(key=index + 1), lang)
            for index, lang in enumerate(self._window.home.buttons)
        ]
        self._speech.speak(utterances)
        self._help.show_text("\n".join(u.text for u in utterances))

    def describe(self, widget: QWidget) -> str:
        """What is said for *widget*: its text, its role and its state."""
        t = self._t
        if isinstance(widget, QuestionHeader):
            items = list(self._window.faq.accordion.items.values())
            index = next(i for i, item in enumerate(items) if item.header is widget)
            state = (
                t.gettext("answer shown") if widget.is_expanded() else t.gettext("answer hidden")
            )
            return t.gettext("{title} Question {n} of {total}, {state}.").format(
                title=widget.text_shown(), n=index + 1, total=len(items), state=state
            )
        if isinstance(widget, TextButton):
            parts = [widget.accessibleName() or widget.text_shown(), t.gettext("button")]
            if widget.isCheckable() and widget.isChecked():
                parts.append(t.gettext("selected"))
            if not widget.isEnabled():
                parts.append(t.gettext("not available"))
            return ", ".join(parts) + "."
        if isinstance(widget, QLabel):
            text = widget.accessibleName() or widget.text()
            if widget.property("role") == "title":
                return t.gettext("{text}, heading.").format(text=text)
            return text.replace("\u200b", "")
        return widget.accessibleName()

    def _give_help(self) -> None:
        t, level = self._t, self._help_level
        self._help_level = (level + 1) % 3
        if level == 0 and self._current is not None:
            text = (
                self.describe(self._current)
                + " "
                + (
                    t.gettext("Press Enter to use it.")
                    if isinstance(self._current, QAbstractButton)
                    else t.gettext("Press Down for the next item.")
                )
            )
        elif level <= 1 and self._session.screen == HOME:
            choices = (
                t.gettext_in(lang, CHOOSE_WITH_KEY).format(key=index + 1)
                for index, lang in enumerate(self._window.home.buttons)
            )
            text = " ".join(
                [
                    t.gettext("This is the start screen. Press a number key to choose a language."),
                    *choices,
                ]
            )
        elif level <= 1:
            text = t.gettext(
                "These are the questions and answers. Move to a question and "
                "press Enter to hear its answer. Back closes the answer."
            )
        else:
            text = t.gettext(
                "Keys: Up and Down move. Enter chooses. Back or Left goes back. "
                "Plus and Minus change the volume. Question mark gives help."
            )
        self._help.show_text(text)
        self._say(text)


def _bring_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget, 16, 48)
