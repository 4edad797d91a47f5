"""SpeechBar: the controls shown while the kiosk reads aloud: pause/resume, replay,
speed (slower / faster) and volume (quieter / louder)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.config import DEFAULT_VOLUME
from kiosk.speech.service import SpeechState, Speed
from kiosk.state.session import MAX_VOLUME, MIN_VOLUME, SPEEDS
from kiosk.system.i18n import Translator, qlocale
from kiosk.ui.button import TextButton
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.text import WrapLabel
from kiosk.ui.toolbar import percent


class SpeechBar(QWidget):
    """Speech controls.

    Signals:
        pause_toggled(), replay_requested(), slower_requested(), faster_requested(),
        quieter_requested(), louder_requested().
    """

    pause_toggled = Signal()
    replay_requested = Signal()
    slower_requested = Signal()
    faster_requested = Signal()
    quieter_requested = Signal()
    louder_requested = Signal()

    def __init__(self, t: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("chrome", True)  # text grows to 125 % at most (ui/theme.py)
        self._t = t
        self._paused = False
        self._speed = Speed.NORMAL
        self._volume = DEFAULT_VOLUME  # until set_volume gives the session's
        self.pause = TextButton(glyph="pause")
        self.replay = TextButton(glyph="replay")
        self.slower = TextButton(glyph="minus")
        self.speed_label = WrapLabel()
        self.faster = TextButton(glyph="plus")
        self.quieter = TextButton(glyph="minus")
        self.volume_label = WrapLabel()
        self.louder = TextButton(glyph="plus")
        layout = FlowLayout(self)
        for widget in (
            self.pause,
            self.replay,
            self.slower,
            self.speed_label,
            self.faster,
            self.quieter,
            self.volume_label,
            self.louder,
        ):
            layout.addWidget(widget)
        self.pause.clicked.connect(self.pause_toggled)
        self.replay.clicked.connect(self.replay_requested)
        self.slower.clicked.connect(self.slower_requested)
        self.faster.clicked.connect(self.faster_requested)
        self.quieter.clicked.connect(self.quieter_requested)
        self.louder.clicked.connect(self.louder_requested)
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def set_state(self, state: str) -> None:
        """Show Pause while speaking, Resume while paused."""
        self._paused = state == SpeechState.PAUSED
        if self.pause.glyph is not None:
            self.pause.glyph.set_shape("play" if self._paused else "pause")
        self._show_pause()

    def set_speed(self, speed: str) -> None:
        """Show the speed; the slowest and fastest disable their button."""
        self._speed = Speed(speed)
        self.slower.setEnabled(speed != SPEEDS[0])
        self.faster.setEnabled(speed != SPEEDS[-1])
        self._show_speed()

    def set_volume(self, volume: int) -> None:
        """Show the volume in percent."""
        self._volume = volume
        self.quieter.setEnabled(volume > MIN_VOLUME)
        self.louder.setEnabled(volume < MAX_VOLUME)
        self._show_volume()

    def retranslate(self) -> None:
        """Labels in the current language."""
        t = self._t
        self.setLocale(qlocale(t.language))
        self.replay.set_text(t.gettext("Start again"))
        self.slower.set_text(t.gettext("Slower"))
        self.faster.set_text(t.gettext("Faster"))
        self.quieter.set_text(t.gettext("Quieter"))
        self.louder.set_text(t.gettext("Louder"))
        self._show_pause()
        self._show_speed()
        self._show_volume()

    def _show_pause(self) -> None:
        t = self._t
        self.pause.set_text(t.gettext("Resume") if self._paused else t.gettext("Pause"))

    def _show_speed(self) -> None:
        t = self._t
        speed = {
            Speed.SLOWER: t.gettext("slow"),
            Speed.NORMAL: t.gettext("normal"),
            Speed.FASTER: t.gettext("fast"),
        }[self._speed]
        self.speed_label.setText(t.gettext("Speed: {speed}").format(speed=speed))

    def _show_volume(self) -> None:
        t = self._t
        self.volume_label.setText(
            t.gettext("Volume: {volume}").format(volume=percent(self._volume, t.language))
        )
