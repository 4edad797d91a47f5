"""SpeechService: reads a list of sentences aloud, one cached WAV after another.

Synthesis runs in the worker process (speech/synthesizer.py); playback in Qt Multimedia
(speech/player.py); this object only sequences them and reports through signals. The
next two sentences are made while one plays, so speech flows without gaps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.config import MAX_SPEECH_RATE, MIN_SPEECH_RATE
from kiosk.speech.protocol import resolve_voice
from kiosk.speech.synthesizer import Job, SpeechProblem, Synthesizer

if TYPE_CHECKING:  # Qt Multimedia loads with the first player, not at start-up
    from kiosk.speech.player import AudioPlayer

log = logging.getLogger(__name__)


class SpeechState(StrEnum):
    """Whether the kiosk is reading aloud."""

    IDLE = "idle"
    SPEAKING = "speaking"
    PAUSED = "paused"


PREFETCH = 2
# Words per minute relative to the configured rate, for the visitor's speed buttons.


class Speed(StrEnum):
    """The visitor's speech speed choice, slowest first."""

    SLOWER = "slower"
    NORMAL = "normal"
    FASTER = "faster"


SPEED_FACTORS = {Speed.SLOWER: 0.75, Speed.NORMAL: 1.0, Speed.FASTER: 1.3}


def rate_for(configured: int, speed: Speed) -> int:
    """The speaking rate for the visitor's *speed* choice."""
    return min(max(round(configured * SPEED_FACTORS[speed]), MIN_SPEECH_RATE), MAX_SPEECH_RATE)


@dataclass(frozen=True)
class Utterance:
    """One sentence and the language it is in."""

    text: str
    language: str


class SpeechService(QObject):
    """Speaks sentences; stop, pause, resume and replay act at once.

    Signals:
        started(): speaking began.
        sentence_started(int): sentence *index* (of the list given to `speak`) is playing.
        finished(): the last sentence played to its end.
        failed(str): speech stopped on a problem (synthesizer reason: "timeout",
            "crashed", "error", "no-voice", "no-engine").
        state_changed(str): a SpeechState (IDLE, SPEAKING or PAUSED).
        voices_changed(): what `availability` says may have changed.
    """

    started = Signal()
    sentence_started = Signal(int)
    finished = Signal()
    failed = Signal(str)
    state_changed = Signal(str)
    voices_changed = Signal()

    def __init__(
        self,
        synthesizer: Synthesizer,
        player_factory: Callable[[], AudioPlayer],
        voices: Mapping[str, str],
        rate: int,
        volume: int,
    ) -> None:
        super().__init__()
        self._synth = synthesizer
        self._player_factory = player_factory
        self._player: AudioPlayer | None = None
        self._voices = dict(voices)
        self._rate = rate
        self._volume = volume
        self._utterances: list[Utterance] = []
        self._jobs: list[Job] = []
        self._index = 0
        self._playing_current = False
        self._state = SpeechState.IDLE
        synthesizer.ready.connect(self._on_ready)
        synthesizer.failed.connect(self._on_failed)
        synthesizer.voices_known.connect(lambda _voices: self.voices_changed.emit())
        synthesizer.engine_failed.connect(lambda _why: self.voices_changed.emit())

    # -- state --------------------------------------------------------------------------

    @property
    def state(self) -> SpeechState:
        """IDLE, SPEAKING or PAUSED."""
        return self._state

    @property
    def rate(self) -> int:
        """Speaking rate in words per minute."""
        return self._rate

    @property
    def volume(self) -> int:
        """Volume in percent."""
        return self._volume

    @property
    def utterances(self) -> list[Utterance]:
        """What the last `speak` is reading (or read)."""
        return list(self._utterances)

    def availability(self, language: str) -> str | None:
        """None if *language* can be spoken, else why not (SpeechProblem.NO_ENGINE or
        NO_VOICE). Before the engine has listed its voices, a configured voice is assumed
        to exist."""
        if self._synth.engine_error is not None:
            return SpeechProblem.NO_ENGINE
        name = self._voices.get(language)
        if not name:
            return SpeechProblem.NO_VOICE
        voices = self._synth.voices
        if voices is not None and resolve_voice(name, voices) is None:
            return SpeechProblem.NO_VOICE
        return None

    def cache_status(self) -> str:
        """The speech cache folder in use, and why if it is not the configured one."""
        return self._synth.cache_problem or f"Speech cache: {self._synth.cache_folder}"

    def prepared(self, utterance: Utterance) -> bool:
        """True if *utterance* is made already at the current rate: speaking it needs no
        synthesis, only the audio output."""
        return self._synth.cached(self._job(utterance))

    def voice_for(self, language: str) -> str | None:
        """The configured voice name for *language*."""
        return self._voices.get(language)

    # -- actions ------------------------------------------------------------------------

    def warm_up(self, utterances: Sequence[Utterance] = ()) -> None:
        """Start the engine and make *utterances* in the background, so a visitor's first
        tap speaks fast. Call after the first frame is shown. The audio output opens with
        the first sentence played: Qt Multimedia's backend costs about 17 MiB and 40 ms,
        which a kiosk nobody has asked to speak need not pay."""
        self._synth.start()
        for utterance in utterances:
            if self.availability(utterance.language) is None:
                self._synth.request(self._job(utterance), urgent=False)

    def speak(self, utterances: Sequence[Utterance]) -> None:
        """Read *utterances* in order (whatever was being read stops). Sentences in a
        language without a voice are skipped; if none is left, `failed` says why."""
        self._halt()
        spoken = [u for u in utterances if self.availability(u.language) is None]
        if not spoken:
            reasons = {self.availability(u.language) for u in utterances} - {None}
            self.failed.emit(
                SpeechProblem.NO_ENGINE
                if SpeechProblem.NO_ENGINE in reasons
                else SpeechProblem.NO_VOICE
            )
            return
        self._utterances = list(spoken)
        self._jobs = [self._job(u) for u in spoken]
        self._index = 0
        self._set_state(SpeechState.SPEAKING)
        self.started.emit()
        self._advance()

    def stop(self) -> None:
        """Stop at once (within one event-loop turn)."""
        self._halt()

    def pause(self) -> None:
        """Pause in the middle of the sentence."""
        if self._state == SpeechState.SPEAKING:
            if self._player is not None:
                self._player.pause()
            self._set_state(SpeechState.PAUSED)

    def resume(self) -> None:
        """Go on from where speech paused."""
        if self._state == SpeechState.PAUSED:
            self._set_state(SpeechState.SPEAKING)
            if self._playing_current and self._player is not None:
                self._player.resume()
            else:
                self._advance()

    def replay(self) -> None:
        """Read the last list of sentences again from the start."""
        if self._utterances:
            self.speak(list(self._utterances))

    def set_rate(self, rate: int) -> None:
        """Change the speaking rate; the current sentence restarts at the new rate."""
        if rate == self._rate:
            return
        self._rate = rate
        if self._state != SpeechState.IDLE:
            self._jobs = [self._job(u) for u in self._utterances]
            if self._player is not None:
                self._player.stop()
            self._playing_current = False
            self._synth.cancel_urgent()
            if self._state == SpeechState.SPEAKING:
                self._advance()

    def shutdown(self) -> None:
        """Stop speaking and end the worker process (at exit)."""
        self._halt()
        self._synth.shutdown()

    def set_volume(self, percent: int) -> None:
        """Change the volume at once."""
        self._volume = percent
        if self._player is not None:
            self._player.set_volume(percent)

    # -- sequencing ---------------------------------------------------------------------

    def _job(self, utterance: Utterance) -> Job:
        return self._synth.job(utterance.text, self._voices.get(utterance.language, ""), self._rate)

    def _ensure_player(self) -> AudioPlayer:
        if self._player is None:
            self._player = self._player_factory()
            self._player.set_volume(self._volume)
            self._player.finished.connect(self._on_played)
            self._player.error.connect(lambda _message: self._on_played())
        return self._player

    def _set_state(self, state: SpeechState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _halt(self) -> None:
        if self._player is not None:
            self._player.stop()
        self._synth.cancel_urgent()
        self._playing_current = False
        self._set_state(SpeechState.IDLE)

    def _advance(self) -> None:
        self._ensure_player()
        for job in self._jobs[self._index : self._index + 1 + PREFETCH]:
            self._synth.request(job)

    @Slot(str, str)
    def _on_ready(self, key: str, path: str) -> None:
        if (
            self._state == SpeechState.SPEAKING
            and not self._playing_current
            and self._jobs
            and key == self._jobs[self._index].key
        ):
            self._playing_current = True
            self._ensure_player().play(path)
            self.sentence_started.emit(self._index)

    @Slot(str, str)
    def _on_failed(self, key: str, reason: str) -> None:
        if self._state != SpeechState.IDLE and self._jobs and key == self._jobs[self._index].key:
            log.error("Speech stopped: %s", reason)
            self._halt()
            self.failed.emit(reason)

    def _on_played(self) -> None:
        if self._state == SpeechState.IDLE or not self._playing_current:
            return
        self._playing_current = False
        self._index += 1
        if self._index >= len(self._jobs):
            self._set_state(SpeechState.IDLE)
            self.finished.emit()
        elif self._state == SpeechState.SPEAKING:
            self._advance()
