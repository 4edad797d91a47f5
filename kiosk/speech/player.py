"""AudioPlayer: plays one WAV file at a time on the system's default output.

With no audio device Qt Multimedia still runs through the file's duration and reaches
the end (PITFALLS.md), so the speech state machine never waits forever.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QtAudio

log = logging.getLogger(__name__)


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
        self._output = QAudioOutput(QMediaDevices.defaultAudioOutput(), self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.errorOccurred.connect(self._on_error)
        # Follow the default output (headphones plugged into the kiosk, say).
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(
            lambda: self._output.setDevice(QMediaDevices.defaultAudioOutput())
        )

    def play(self, path: str) -> None:
        """Play *path* from its start (whatever was playing stops)."""
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def stop(self) -> None:
        """Stop at once; no `finished` follows."""
        self._player.stop()

    def pause(self) -> None:
        """Pause where it is."""
        self._player.pause()

    def resume(self) -> None:
        """Go on from where it paused."""
        self._player.play()

    def set_volume(self, percent: int) -> None:
        """Output volume, 0-100 (perceived loudness, not raw amplitude)."""
        linear = QtAudio.convertVolume(
            percent / 100,
            QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale,
        )
        self._output.setVolume(float(linear))

    def is_playing(self) -> bool:
        """True while sound is playing (not paused, not stopped)."""
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.finished.emit()

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.PlayingState:
            self.playing.emit()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        log.error("Audio playback failed: %s (%s)", message, error)
        self.error.emit(message)
