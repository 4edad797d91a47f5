"""The visitor session: what one visitor has changed, and the reset to a fresh one.

All state changes go through methods that emit signals, so views never go stale.
Idle timing and staff reset connect to `reset()` (docs/architecture.md, "Visitor session").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from kiosk.config import DEFAULT_VOLUME, TEXT_SIZES, Config
from kiosk.speech.service import Speed


class Screen(StrEnum):
    """The two screens a visitor sees."""

    HOME = "home"
    FAQ = "faq"


SPEEDS = tuple(Speed)
#: Volume steps; the floor keeps speech from going silent by accident.
VOLUME_STEP = MIN_VOLUME = 10
MAX_VOLUME = 100


@dataclass(frozen=True)
class SessionDefaults:
    """What a new visitor starts with."""

    language: str
    text_size: int
    high_contrast: bool
    volume: int = DEFAULT_VOLUME

    @classmethod
    def from_config(cls, config: Config) -> SessionDefaults:
        """Defaults taken from the deployment config."""
        return cls(
            config.default_language,
            config.display_text_size,
            config.display_theme == "high-contrast",
            config.speech_volume,
        )


class VisitorSession(QObject):
    """State of the current visitor's use of the kiosk.

    Signals:
        language_changed(str), screen_changed(str), open_question_changed(object: str|None),
        text_size_changed(int), high_contrast_changed(bool), speech_speed_changed(str),
        volume_changed(int), speech_mode_changed(bool), visit_started(), reset_done().
    """

    language_changed = Signal(str)
    screen_changed = Signal(str)
    open_question_changed = Signal(object)
    text_size_changed = Signal(int)
    high_contrast_changed = Signal(bool)
    speech_speed_changed = Signal(str)
    volume_changed = Signal(int)
    speech_mode_changed = Signal(bool)
    visit_started = Signal()
    reset_done = Signal()

    def __init__(self, defaults: SessionDefaults) -> None:
        super().__init__()
        self._defaults = defaults
        self._language = defaults.language
        self._screen = Screen.HOME
        self._open_question: str | None = None
        self._text_size = defaults.text_size
        self._high_contrast = defaults.high_contrast
        self._speech_speed = Speed.NORMAL
        self._volume = defaults.volume
        self._speech_mode = False
        # A visit: from the first language chosen after a reset to the next reset.
        self._visiting = False
        self._visits = 0

    @property
    def language(self) -> str:
        """The language the visitor reads in."""
        return self._language

    @property
    def screen(self) -> Screen:
        """Screen.HOME or Screen.FAQ."""
        return self._screen

    @property
    def visiting(self) -> bool:
        """Whether a visitor has chosen a language since the last reset (what the reset
        itself changes belongs to no visit)."""
        return self._visiting

    @property
    def visits(self) -> int:
        """Visits since the session was made (the kiosk started)."""
        return self._visits

    @property
    def open_question(self) -> str | None:
        """Id of the question whose answer is open, if any."""
        return self._open_question

    @property
    def text_size(self) -> int:
        """Text size in percent (one of config.TEXT_SIZES)."""
        return self._text_size

    @property
    def high_contrast(self) -> bool:
        """Whether the high-contrast theme is on."""
        return self._high_contrast

    @property
    def speech_speed(self) -> Speed:
        """How fast speech goes: one of SPEEDS."""
        return self._speech_speed

    @property
    def volume(self) -> int:
        """Speech volume in percent."""
        return self._volume

    @property
    def speech_mode(self) -> bool:
        """Whether every move is spoken (keypad or "Speak everything")."""
        return self._speech_mode

    def set_speech_mode(self, on: bool) -> None:
        """Turn speech mode on or off."""
        if on != self._speech_mode:
            self._speech_mode = on
            self.speech_mode_changed.emit(on)

    def is_fresh(self) -> bool:
        """True if nothing differs from what a new visitor gets (nothing to reset)."""
        return (
            self._screen == Screen.HOME
            and self._open_question is None
            and self._language == self._defaults.language
            and self._text_size == self._defaults.text_size
            and self._high_contrast == self._defaults.high_contrast
            and self._speech_speed == Speed.NORMAL
            and self._volume == self._defaults.volume
            and not self._speech_mode
        )

    def choose_language(self, language: str) -> None:
        """Show the FAQ in *language* (from Home or the language bar)."""
        self.set_language(language)
        self._set_screen(Screen.FAQ)

    def set_language(self, language: str) -> None:
        """Switch language; the open question stays open."""
        if language != self._language:
            self._language = language
            self.language_changed.emit(language)

    def go_home(self) -> None:
        """Back to the language choice; answers are collapsed."""
        self.set_open_question(None)
        self._set_screen(Screen.HOME)

    def toggle_question(self, question_id: str) -> None:
        """Open *question_id*'s answer (closing any other), or close it if open."""
        self.set_open_question(None if self._open_question == question_id else question_id)

    def set_open_question(self, question_id: str | None) -> None:
        """Open exactly *question_id* (None: close all)."""
        if question_id != self._open_question:
            self._open_question = question_id
            self.open_question_changed.emit(question_id)

    def larger_text(self) -> None:
        """One step up in text size, up to 200 %."""
        self._step_text(+1)

    def smaller_text(self) -> None:
        """One step down in text size, down to 100 %."""
        self._step_text(-1)

    def set_text_size(self, size: int) -> None:
        """Jump to *size* percent (one of config.TEXT_SIZES)."""
        if size not in TEXT_SIZES:
            raise ValueError(f"text size must be one of {TEXT_SIZES}, not {size}")
        self._set_text_size(size)

    def set_high_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme on or off."""
        if on != self._high_contrast:
            self._high_contrast = on
            self.high_contrast_changed.emit(on)

    def slower_speech(self) -> None:
        """One step slower (normal → slower)."""
        self._set_speed(SPEEDS[max(SPEEDS.index(self._speech_speed) - 1, 0)])

    def faster_speech(self) -> None:
        """One step faster (normal → faster)."""
        self._set_speed(SPEEDS[min(SPEEDS.index(self._speech_speed) + 1, len(SPEEDS) - 1)])

    def louder(self) -> None:
        """Volume up one step, up to 100 %."""
        self._set_volume(min(self._volume + VOLUME_STEP, MAX_VOLUME))

    def quieter(self) -> None:
        """Volume down one step, down to 10 % (never silent by accident)."""
        self._set_volume(max(self._volume - VOLUME_STEP, MIN_VOLUME))

    def reset(self) -> None:
        """Back to a fresh session for the next visitor."""
        self._visiting = False
        self.set_open_question(None)
        self.set_language(self._defaults.language)
        self.set_text_size(self._defaults.text_size)
        self.set_high_contrast(self._defaults.high_contrast)
        self._set_speed(Speed.NORMAL)
        self._set_volume(self._defaults.volume)
        self.set_speech_mode(False)
        self._set_screen(Screen.HOME)
        self.reset_done.emit()

    def _step_text(self, step: int) -> None:
        index = min(max(TEXT_SIZES.index(self._text_size) + step, 0), len(TEXT_SIZES) - 1)
        self._set_text_size(TEXT_SIZES[index])

    def _set_text_size(self, size: int) -> None:
        if size != self._text_size:
            self._text_size = size
            self.text_size_changed.emit(size)

    def _set_speed(self, speed: Speed) -> None:
        if speed != self._speech_speed:
            self._speech_speed = speed
            self.speech_speed_changed.emit(speed)

    def _set_volume(self, volume: int) -> None:
        if volume != self._volume:
            self._volume = volume
            self.volume_changed.emit(volume)

    def _set_screen(self, screen: Screen) -> None:
        if screen != self._screen:
            self._screen = screen
            self.screen_changed.emit(screen)
        if screen == Screen.FAQ and not self._visiting:
            self._visiting = True
            self._visits += 1
            self.visit_started.emit()
