"""AudioPlayer: plays one WAV file at a time on the system's default output.

The WAVs are our own (espeak-ng's 22050 Hz mono 16-bit PCM), so they go straight to a
QAudioSink: no demuxer, no decoder thread. (QMediaPlayer's FFmpeg backend was tried
first: its stop() waits for its own thread while Python holds the GIL, and that thread
may be logging a Qt warning to a Python message handler, so both can wait for ever; under
rapid stop/play it also crashed. See README, "Speech".)

Without an audio device the sink cannot open; the player then runs each file through on
its own clock, so the speech state machine still reaches the end of every sentence.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

POLL_MS = 20


def default_output_name() -> str:
    """The default audio output's description, or "" when there is none."""
    device = QMediaDevices.defaultAudioOutput()
    return "" if device.isNull() else str(device.description())


class AudioPlayer(QObject):
    """Plays WAV files.

    Signals:
        playing(): sound has started.
        finished(): the file played to its end.
        error(str): the file could not be played.
    """

    playing = Signal()
    finished = Signal()
    error = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._sink: QAudioSink | None = None
        self._sink_format: QAudioFormat | None = None
        self._buffer = QBuffer(self)
        self._volume = 1.0
        self._duration_ms = 0
        self._elapsed_ms = 0  # played before the last resume
        self._clock = QElapsedTimer()
        self._active = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_end)
        self._devices = QMediaDevices(self)
        # Headphones plugged in (a new default output): the next sentence uses it.
        self._devices.audioOutputsChanged.connect(self._drop_sink)

    def play(self, path: str) -> None:
        """Play *path* from its start (whatever was playing stops)."""
        self._halt()
        try:
            with wave.open(str(Path(path)), "rb") as audio:
                frames = audio.readframes(audio.getnframes())
                audio_format = QAudioFormat()
                audio_format.setSampleRate(audio.getframerate())
                audio_format.setChannelCount(audio.getnchannels())
                audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
                self._duration_ms = round(1000 * audio.getnframes() / audio.getframerate())
        except (OSError, EOFError, wave.Error) as problem:
            log.error("Cannot play %s: %s", path, problem)
            self.error.emit(str(problem))
            return
        self._buffer.close()
        self._buffer.setData(QByteArray(frames))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = self._sink_for(audio_format)
        if sink is not None:
            sink.start(self._buffer)
        self._elapsed_ms = 0
        self._clock.start()
        self._active = True
        self._poll.start()
        self.playing.emit()

    def stop(self) -> None:
        """Stop at once; no `finished` follows."""
        self._halt()

    def pause(self) -> None:
        """Pause where it is."""
        if self._active:
            self._elapsed_ms += self._clock.elapsed()
            self._active = False
            self._poll.stop()
            if self._sink is not None and self._sink.state() != QtAudio.State.StoppedState:
                self._sink.suspend()

    def resume(self) -> None:
        """Go on from where it paused."""
        if not self._active and self._duration_ms:
            self._clock.start()
            self._active = True
            self._poll.start()
            if self._sink is not None and self._sink.state() == QtAudio.State.SuspendedState:
                self._sink.resume()

    def set_volume(self, percent: int) -> None:
        """Output volume, 0-100 (perceived loudness, not raw amplitude)."""
        self._volume = float(
            QtAudio.convertVolume(
                percent / 100,
                QtAudio.VolumeScale.LogarithmicVolumeScale,
                QtAudio.VolumeScale.LinearVolumeScale,
            )
        )
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def is_playing(self) -> bool:
        """True while a file plays (not paused, not stopped)."""
        return self._active

    def is_silent(self) -> bool:
        """True when no sound is going out."""
        return self._sink is None or self._sink.state() != QtAudio.State.ActiveState

    # -- internals ---------------------------------------------------------------------

    def _sink_for(self, audio_format: QAudioFormat) -> QAudioSink | None:
        if self._sink is None or self._sink_format != audio_format:
            self._drop_sink()
            device = QMediaDevices.defaultAudioOutput()
            if device.isNull():
                return None  # no device: the clock alone plays the file through
            self._sink = QAudioSink(device, audio_format, self)
            self._sink.setVolume(self._volume)
            self._sink_format = audio_format
        return self._sink

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink, self._sink_format = None, None

    def _halt(self) -> None:
        self._active = False
        self._poll.stop()
        self._duration_ms = 0
        if self._sink is not None:
            self._sink.stop()

    def _check_end(self) -> None:
        played = self._elapsed_ms + self._clock.elapsed()
        sink = self._sink
        draining = sink is not None and sink.state() == QtAudio.State.ActiveState
        if played >= self._duration_ms and not draining:
            self._halt()
            self.finished.emit()
