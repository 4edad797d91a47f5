"""The toolbar on every screen: Home, text size (A−, size, A+), high contrast, and
Read aloud / Stop (with the reason when reading aloud is not available)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.config import TEXT_SIZES
from kiosk.speech.synthesizer import SpeechProblem
from kiosk.system.i18n import Translator, qlocale
from kiosk.ui.accessibility import TOGGLE, set_accessible_role
from kiosk.ui.button import TextButton
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.text import WrapLabel


def speech_problem_text(t: Translator, problem: str | None) -> str:
    """What the visitor is told about a speech problem (SpeechService reasons)."""
    if problem is None:
        return ""
    if problem == SpeechProblem.NO_ENGINE:
        return t.gettext("Reading aloud is not available on this kiosk.")
    if problem == SpeechProblem.NO_VOICE:
        return t.gettext("Reading aloud is not available in this language.")
    return t.gettext("Reading aloud stopped because of a problem. Please try again.")


def percent(value: int, language: str) -> str:
    """*value* % formatted the way *language* writes percentages (CLDR; "100%" for a
    language CLDR does not know)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import format_percent

    try:
        return str(format_percent(value / 100, locale=Locale.parse(language, sep="-")))
    except (UnknownLocaleError, ValueError, OSError):
        return f"{value}%"


class Toolbar(QWidget):
    """Home and display controls.

    Signals:
        home_requested(), smaller_text_requested(), larger_text_requested(),
        high_contrast_toggled(bool), read_aloud_clicked(), speak_everything_toggled(bool).
    """

    home_requested = Signal()
    smaller_text_requested = Signal()
    larger_text_requested = Signal()
    high_contrast_toggled = Signal(bool)
    read_aloud_clicked = Signal()
    speak_everything_toggled = Signal(bool)

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("chrome", True)  # text grows to 125 % at most (ui/theme.py)
        self._t = t
        self._text_size = TEXT_SIZES[0]
        self.home = TextButton(glyph="house")
        self.smaller = TextButton("A", glyph="minus", glyph_after=True)
        self.size_label = WrapLabel()
        self.larger = TextButton("A", glyph="plus", glyph_after=True)
        self.contrast = TextButton(glyph="check")
        self.contrast.setCheckable(True)
        self.read_aloud = TextButton(glyph="speaker")
        self.speak_all = TextButton(glyph="check")
        self.speak_all.setCheckable(True)
        set_accessible_role(self.speak_all, TOGGLE)  # a toggle button, pressed when on
        self.speech_note = WrapLabel(role="secondary")
        self.speech_note.hide()
        self._speaking = False
        self._compact = False
        self._problem: str | None = None
        layout = FlowLayout(self)
        for widget in (
            self.home,
            self.smaller,
            self.size_label,
            self.larger,
            self.contrast,
            self.read_aloud,
            self.speak_all,
            self.speech_note,
        ):
            layout.addWidget(widget)
        self.read_aloud.clicked.connect(self.read_aloud_clicked)
        self.speak_all.toggled.connect(self.speak_everything_toggled)
        self.home.clicked.connect(self.home_requested)
        self.smaller.clicked.connect(self.smaller_text_requested)
        self.larger.clicked.connect(self.larger_text_requested)
        self.contrast.toggled.connect(self._on_contrast_toggled)
        self._on_contrast_toggled(False)
        self.set_text_size(TEXT_SIZES[0])
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def set_home_visible(self, visible: bool) -> None:
        """The Home button is hidden on the Home screen itself."""
        self.home.setVisible(visible)

    def set_compact(self, compact: bool) -> None:
        """Compact chrome (ui/window.py): Home, high contrast, Read aloud and Speak
        everything show their symbols only (named and spoken as before; the toggles
        with a check mark in it when on); or their text."""
        self._compact = compact
        for button in (self.home, self.contrast, self.read_aloud, self.speak_all):
            button.set_icon_only(compact)
        self._show_contrast_state(self.contrast.isChecked())
        self._show_speak_all_state(self.speak_all.isChecked())

    def set_text_size(self, size: int) -> None:
        """Show the current text size; A− and A+ stop at the ends of the range."""
        self._text_size = size
        self.smaller.setEnabled(size > TEXT_SIZES[0])
        self.larger.setEnabled(size < TEXT_SIZES[-1])
        self._show_text_size()

    def set_high_contrast(self, on: bool) -> None:
        """Reflect the theme without emitting `high_contrast_toggled`."""
        self.contrast.blockSignals(True)
        self.contrast.setChecked(on)
        self.contrast.blockSignals(False)
        self._show_contrast_state(on)

    def set_speaking(self, speaking: bool) -> None:
        """Read aloud becomes Stop while the kiosk reads."""
        self._speaking = speaking
        if self.read_aloud.glyph is not None:
            self.read_aloud.glyph.set_shape("stop" if speaking else "speaker")
        self._show_read_aloud()

    def set_speech_mode(self, on: bool) -> None:
        """Reflect speech mode without emitting `speak_everything_toggled`."""
        self.speak_all.blockSignals(True)
        self.speak_all.setChecked(on)
        self.speak_all.blockSignals(False)
        self._show_speak_all_state(on)

    def set_speech_problem(self, problem: str | None, blocking: bool = False) -> None:
        """Show why reading aloud failed or is unavailable (a SpeechService reason), or
        nothing. *blocking*: Read aloud cannot work at all, so it is disabled."""
        self._problem = problem
        self.read_aloud.setEnabled(not blocking)
        self._show_speech_problem()

    def retranslate(self) -> None:
        """Show every label in the current language."""
        t = self._t
        self.setLocale(qlocale(t.language))
        self.home.set_text(t.gettext("Home"), t.gettext("Home: choose another language"))
        self.smaller.set_text("A", t.gettext("Smaller text"))
        self.larger.set_text("A", t.gettext("Larger text"))
        self.contrast.set_text(t.gettext("High contrast"))
        self.speak_all.set_text(t.gettext("Speak everything"))
        self._show_speak_all_state(self.speak_all.isChecked())
        self._show_text_size()
        self._show_contrast_state(self.contrast.isChecked())
        self._show_read_aloud()
        self._show_speech_problem()

    def _show_text_size(self) -> None:
        t = self._t
        size = percent(self._text_size, t.language)
        self.size_label.setText(size)
        self.size_label.setAccessibleName(t.gettext("Text size: {size}").format(size=size))

    def _show_read_aloud(self) -> None:
        t = self._t
        if self._speaking:
            self.read_aloud.set_text(t.gettext("Stop"), t.gettext("Stop reading aloud"))
        else:
            self.read_aloud.set_text(t.gettext("Read aloud"))

    def _show_speech_problem(self) -> None:
        note = speech_problem_text(self._t, self._problem)
        self.speech_note.setText(note)
        self.speech_note.setVisible(bool(note))
        self.read_aloud.setAccessibleDescription(note)

    def _show_toggle(self, button: TextButton, symbol: str, on: bool) -> None:
        # A check mark beside the text when on; compact, the toggle's symbol, with a
        # check mark in it when on (ui/glyph.py).
        if button.glyph is None:
            return
        if self._compact:
            button.glyph.set_shape(f"{symbol}-on" if on else symbol)
        else:
            button.glyph.set_shape("check")
        button.glyph.setVisible(on or self._compact)

    def _show_speak_all_state(self, on: bool) -> None:
        self._show_toggle(self.speak_all, "speech", on)

    def _show_contrast_state(self, on: bool) -> None:
        self._show_toggle(self.contrast, "contrast", on)
        self.contrast.setAccessibleDescription(
            self._t.gettext("On") if on else self._t.gettext("Off")
        )

    def _on_contrast_toggled(self, on: bool) -> None:
        self._show_contrast_state(on)
        self.high_contrast_toggled.emit(on)
