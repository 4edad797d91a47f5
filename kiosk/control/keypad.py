"""Using the kiosk without sight or touch: keypad navigation in reading order, speech
mode, layered help, and choosing a language with the number keys (EZ Access style).

Up and Down move through every item on the screen (headings, questions, paragraphs, QR
labels, buttons) in reading order; Enter activates; Back closes the answer, then goes
Home; ? or F1 gives help about the item, then the screen, then the keys; + and - change
the volume. The first key press turns speech mode on: each move then speaks the item, its
role and state. Auto-repeat is ignored: one step per press.

Two voices never speak at once: while a screen reader runs (`ScreenReaderWatch`), the
navigator takes no key at all, so Orca or NVDA and Qt's own focus handling get them;
speech mode stays off, and turning it on (keypad or toolbar) is undone; if it was on when
the screen reader started, it goes off and what the keypad was saying stops. Read aloud
still reads the content when the visitor presses it: that is the kiosk's content, asked
for, not its interface voiced.

Each move must be heard within 300 ms of its key (docs/architecture.md, "Keypad speech
keeps up"): what the keypad can say on a screen is a small fixed set, so `phrases()` lists
it and the speech service makes it in the background before it is needed: after the first
frame (Home), after the key that turns speech mode on (the screen as it is while the
keypad speaks: "Stop reading aloud", the speech bar), and in speech mode whenever the
screen, its language or the open question changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.config.keymap import KeyMap, KeypadAction
from kiosk.speech.service import SpeechService, Utterance
from kiosk.state.session import Screen, VisitorSession
from kiosk.system.i18n import N_, Translator
from kiosk.system.screen_reader import ScreenReaderWatch
from kiosk.ui.faq import FaqScreen
from kiosk.ui.help_overlay import HelpOverlay
from kiosk.ui.home import HomeScreen
from kiosk.ui.overlay import Overlay
from kiosk.ui.reading_order import ReadingItem, Role
from kiosk.ui.staff_panel import StaffPanel
from kiosk.ui.toolbar import percent
from kiosk.ui.window import KioskWindow

# TRANSLATORS: spoken on Home to a visitor who cannot see the screen; say it in your
# language, with {key} the number key that chooses it.
CHOOSE_WITH_KEY = N_("For English, press {key}.")

#: What a PIN key press says, instead of the digit.
DIGIT_ENTERED = N_("Digit entered")


class KeypadNavigator(QObject):
    """Moves a highlight through the screen's items and speaks them in speech mode."""

    def __init__(
        self,
        *,
        window: KioskWindow,
        home: HomeScreen,
        faq: FaqScreen,
        session: VisitorSession,
        speech: SpeechService,
        t: Translator,
        help_overlay: HelpOverlay,
        overlays: list[Overlay],
        pin_pad: StaffPanel,
        key_map: KeyMap,
        screen_reader: ScreenReaderWatch,
    ) -> None:
        super().__init__(window)
        self._window, self._home, self._faq = window, home, faq
        self._session, self._speech, self._t = session, speech, t
        self._help, self._overlays, self._keys = help_overlay, overlays, key_map
        self._pin_pad = pin_pad
        self._current: QWidget | None = None  # the highlighted item's widget
        self._help_level = 0
        self._screen_reader = screen_reader
        self._said: list[Utterance] = []  # what the keypad last gave the speech service
        session.screen_changed.connect(lambda _screen: self._forget())
        session.reset_done.connect(self._forget)
        session.speech_mode_changed.connect(self._keep_speech_mode_off)
        # What the keypad will say next is made before it is asked for (in speech mode),
        # queued after what a key press says itself (`_in_key`).
        self._in_key = False
        self._unprepared = False
        session.screen_changed.connect(lambda _screen: self._prepare())
        session.language_changed.connect(lambda _language: self._prepare())
        session.open_question_changed.connect(lambda _question: self._prepare())
        screen_reader.changed.connect(self._screen_reader_changed)

    # -- items -----------------------------------------------------------------------------

    def items(self) -> list[ReadingItem]:
        """Every item a visitor can move to, in reading order: an open overlay's, else the
        screen's."""
        for overlay in self._overlays:
            if overlay.isVisible():
                return overlay.reading_order(self._session.language)
        return self._window.reading_order()

    def phrases(self) -> list[Utterance]:
        """Everything a keypad move can say on the screen shown now: each item as `describe`
        says it, the last one also after "End of the screen.", and on Home the greeting.
        (Help and volume are said when asked for; they are not moves. The help overlay is
        left out: the next key closes it.)"""
        language = self._session.language
        overlay = next((o for o in self._overlays if o.isVisible()), None)
        if overlay is None or overlay is self._help:
            items = self._window.reading_order()
        else:
            items = overlay.reading_order(language)
        said = [self.describe(item) for item in items]
        if said:
            said.append(self._t.gettext("End of the screen.") + " " + said[-1])
        phrases = [Utterance(text, language) for text in said if text]
        if self._session.screen == Screen.HOME:
            phrases = self._greeting() + phrases
        return phrases

    def _prepare(self) -> None:
        """Have the speech service make this screen's phrases in the background: now, or,
        during a key press, once the key's own speech has been asked for (so the worker
        makes that first)."""
        if self._in_key:
            self._unprepared = True
        elif self._session.speech_mode and not self._screen_reader.running:
            self._speech.warm_up(self.phrases())

    @property
    def current(self) -> QWidget | None:
        """The widget of the highlighted item."""
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
        if self._pin_pad.takes_digits and Qt.Key.Key_0.value <= event.key() <= Qt.Key.Key_9.value:
            # Typed digits go to the PIN pad alone, and are never said (with a screen
            # reader too: its digit keys are all "PIN key", so typing is the way in).
            if not event.isAutoRepeat():
                self._pin_pad.type_digit(chr(event.key()))
                self._say(self._t.gettext(DIGIT_ENTERED))
            return True
        if self._screen_reader.running:
            return False  # with a screen reader, every other key is the screen reader's
        action = self._keys.action(event.key())
        digit = event.key() - Qt.Key.Key_1.value
        languages = self._home.languages
        on_home = self._session.screen == Screen.HOME
        if action is None and not (on_home and 0 <= digit < len(languages)):
            return False
        if event.isAutoRepeat():
            return True  # one step per press
        self._in_key, self._unprepared = True, False
        try:
            self._take(action, digit)
        finally:
            self._in_key = False
        if self._unprepared:
            self._prepare()
        return True

    def _take(self, action: KeypadAction | None, digit: int) -> None:
        languages = self._home.languages
        self._help.hide()
        first_press = not self._session.speech_mode
        self._session.set_speech_mode(True)
        if first_press:
            self._prepare()  # the screen as it is while the keypad speaks
        if action is None:
            self._session.choose_language(languages[digit])
            self._move_to(0)
        elif first_press and self._session.screen == Screen.HOME and action != KeypadAction.HELP:
            self._greet()
        else:
            self.act(action)

    def act(self, action: KeypadAction) -> None:
        """Do what *action* asks."""
        if action != KeypadAction.HELP:
            self._help_level = 0
        items = self.items()
        index = self._index_of(self._current, items)
        if action in (KeypadAction.DOWN, KeypadAction.NEXT):
            at_end = index + 1 >= len(items)
            self._move_to(index if at_end else index + 1, at_end=at_end)
        elif action == KeypadAction.UP:
            self._move_to(max(index - 1, 0))
        elif action == KeypadAction.SELECT:
            self._select()
        elif action == KeypadAction.BACK:
            self._back()
        elif action == KeypadAction.HELP:
            self._give_help()
        elif action in (KeypadAction.VOLUME_UP, KeypadAction.VOLUME_DOWN):
            (self._session.louder if action == KeypadAction.VOLUME_UP else self._session.quieter)()
            volume = percent(self._session.volume, self._t.language)
            self._say(self._t.gettext("Volume: {volume}").format(volume=volume))

    # -- moves -----------------------------------------------------------------------------

    @staticmethod
    def _index_of(widget: QWidget | None, items: list[ReadingItem]) -> int:
        return next((i for i, item in enumerate(items) if item.widget is widget), -1)

    def _current_item(self) -> ReadingItem | None:
        items = self.items()
        index = self._index_of(self._current, items)
        return items[index] if index >= 0 else None

    def _forget(self) -> None:
        self._mark(None)

    def _move_to(self, index: int, at_end: bool = False) -> None:
        items = self.items()
        if not items:
            return
        item = items[min(max(index, 0), len(items) - 1)]
        self._mark(item)
        description = self.describe(item)
        if at_end:
            description = self._t.gettext("End of the screen.") + " " + description
        self._say(description)

    def _mark(self, item: ReadingItem | None) -> None:
        self._current = item.widget if item is not None else None
        self._window.show_keypad_focus(self._current)

    def _select(self) -> None:
        item = self._window.focused_item() or self._current_item()
        if item is not None and item.activatable and item.enabled:
            before = self._speech.utterances
            item.activate()
            if item.secret:
                self._say(self._t.gettext(DIGIT_ENTERED))
                return
            if self._speech.utterances != before:
                return  # the button reads something aloud (Read aloud): let it be heard
            # The screen may have changed: stay on the pressed item if it is still there,
            # else start at the top of what is shown now.
            items = self.items()
            index = self._index_of(item.widget, items)
            if index >= 0:
                self._mark(items[index])
                self._say(self.describe(items[index]))
            else:
                self._move_to(0)
        elif item is not None:
            self._say(self.describe(item))

    def _back(self) -> None:
        for overlay in self._overlays:  # an overlay that closes with Back (feedback code)
            if overlay.isVisible() and overlay.back():
                self._move_to(self._index_of(overlay.return_to, self.items()))
                return
        open_id = self._session.open_question
        if self._session.screen == Screen.FAQ and open_id:
            self._session.set_open_question(None)
            header = self._faq.question(open_id)
            if header is not None:
                self._mark(header)
                self._say(self.describe(header))
        elif self._session.screen == Screen.FAQ:
            self._session.go_home()
            self._move_to(0)

    # -- speech ----------------------------------------------------------------------------

    def _screen_reader_changed(self, running: bool) -> None:
        """A screen reader started: keypad speech goes off, and stops if it was speaking
        (Read aloud's reading goes on). It stopped: the next key starts speech mode again."""
        if not running:
            return
        self._help.hide()
        self._forget()
        speaking_ours = bool(self._said) and self._speech.utterances == self._said
        self._session.set_speech_mode(False)
        if speaking_ours:
            self._speech.stop()
        self._said = []

    def _keep_speech_mode_off(self, on: bool) -> None:
        """Speech mode is never on while a screen reader runs (the toolbar's Speak
        everything included)."""
        if on and self._screen_reader.running:
            self._session.set_speech_mode(False)

    def _speak(self, utterances: list[Utterance]) -> None:
        self._said = utterances
        self._speech.speak(utterances)

    def _say(self, text: str, language: str | None = None) -> None:
        if self._session.speech_mode and text:
            self._speak([Utterance(text, language or self._session.language)])

    def _greeting(self) -> list[Utterance]:
        """On Home: which number key picks which language, each said in its own language."""
        return [
            Utterance(self._t.gettext_in(lang, CHOOSE_WITH_KEY).format(key=index + 1), lang)
            for index, lang in enumerate(self._home.languages)
        ]

    def _greet(self) -> None:
        utterances = self._greeting()
        self._speak(utterances)
        self._help.show_text("\n".join(u.text for u in utterances))

    def describe(self, item: ReadingItem) -> str:
        """What is said for *item*: its text, its role and its state."""
        t = self._t
        if item.role == Role.QUESTION:
            number, total = item.position or (0, 0)
            state = t.gettext("answer shown") if item.expanded else t.gettext("answer hidden")
            return t.gettext("{title} Question {n} of {total}, {state}.").format(
                title=item.text, n=number, total=total, state=state
            )
        if item.role == Role.BUTTON:
            parts = [item.text, t.gettext("button")]
            if item.checked:
                parts.append(t.gettext("selected"))
            if not item.enabled:
                parts.append(t.gettext("not available"))
            return ", ".join(parts) + "."
        if item.role == Role.HEADING:
            return t.gettext("{text}, heading.").format(text=item.text)
        return item.text

    def _give_help(self) -> None:
        t, level = self._t, self._help_level
        self._help_level = (level + 1) % 3
        current = self._current_item()
        if level == 0 and current is not None:
            text = (
                self.describe(current)
                + " "
                + (
                    t.gettext("Press Enter to use it.")
                    if current.activatable
                    else t.gettext("Press Down for the next item.")
                )
            )
        elif level <= 1 and self._session.screen == Screen.HOME:
            choices = (
                t.gettext_in(lang, CHOOSE_WITH_KEY).format(key=index + 1)
                for index, lang in enumerate(self._home.languages)
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
