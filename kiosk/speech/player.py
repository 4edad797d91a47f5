"""AudioPlayer: plays one WAV file at a time on the system's default output.

The WAVs are our own (espeak-ng's 22050 Hz mono 16-bit PCM), so they go straight to a
QAudioSink: no demuxer, no decoder thread. (QMediaPlayer's FFmpeg backend was tried
first: its stop() waits for its own thread while Python holds the GIL, and that thread
may be logging a Qt warning to a Python message handler, so both can wait for ever; under
rapid stop/play it also crashed. See README, "Speech".)

Without an audio device the sink cannot open; the player then runs each file through on
its own clock, so the speech state machine still reaches the end of every sentence.

A keypad move is to be heard within 300 ms of its key (docs/architecture.md, "Keypad
speech keeps up"): playback starts at the first audible sample (espeak-ng begins most
sentences with up to about 55 ms of silence), and a change in the list of audio outputs
only moves playback when the default output itself changed, continuing the sentence there.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

POLL_MS = 20
#: Samples quieter than this (of 32767, about -60 dBFS) at a file's start are skipped.
SILENCE = 32


def audible_start(frames: bytes, channels: int) -> int:
    """The byte offset of the first frame in *frames* (16-bit PCM, *channels* interleaved)
    with a sample at or above SILENCE; len(frames) if there is none."""
    samples = memoryview(frames)[: len(frames) - len(frames) % 2].cast("h")
    for index, sample in enumerate(samples):
        if abs(sample) >= SILENCE:
            return (index - index % channels) * 2
    return len(frames)


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
        self._file_format: QAudioFormat | None = None  # the playing file's
        self._buffer = QBuffer(self)
        self._volume = 1.0
        self._duration_ms = 0
        self._elapsed_ms = 0  # played before the last resume
        self._clock = QElapsedTimer()
        self._active = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_end)
        self._device_id = b""  # the output the sink plays to
        self._devices = QMediaDevices(self)
        # Headphones plugged in (a new default output): speech moves there.
        self._devices.audioOutputsChanged.connect(self._outputs_changed)

    def play(self, path: str) -> None:
        """Play *path* from its start (whatever was playing stops)."""
        self._halt()
        try:
            with wave.open(str(Path(path)), "rb") as audio:
                frames = audio.readframes(audio.getnframes())
                frames = frames[audible_start(frames, audio.getnchannels()) :]
                audio_format = QAudioFormat()
                audio_format.setSampleRate(audio.getframerate())
                audio_format.setChannelCount(audio.getnchannels())
                audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
                frame_count = len(frames) // (2 * audio.getnchannels())
                self._duration_ms = round(1000 * frame_count / audio.getframerate())
        except (OSError, EOFError, wave.Error) as problem:
            log.error("Cannot play %s: %s", path, problem)
            self.error.emit(str(problem))
            return
        self._file_format = audio_format
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
            elif self._sink is None and self._file_format is not None:  # the output changed
                sink = self._sink_for(self._file_format)
                if sink is not None:
                    sink.start(self._buffer)

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
            self._device_id = bytes(device.id().data())
        return self._sink

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink, self._sink_format, self._device_id = None, None, b""

    def _outputs_changed(self) -> None:
        """The list of outputs changed. Qt also says so when it first lists them, just
        after the first sentence started: dropping the sink then silenced that sentence
        while the clock ran on. So the sink stays unless the default output is another
        one; then what is playing goes on from where it was, on the new output."""
        if self._sink is None:
            return
        device = QMediaDevices.defaultAudioOutput()
        if not device.isNull() and bytes(device.id().data()) == self._device_id:
            return
        self._drop_sink()
        if self._active and self._file_format is not None:
            sink = self._sink_for(self._file_format)
            if sink is not None:
                sink.start(self._buffer)  # the buffer is where the old sink left it

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
