"""The audio player in its own process, playing to the sound server PULSE_SERVER names:
`python -m tests.player_child WAV` (tests/app/test_keypad_voice.py). It plays WAV at
100 % volume and, 150 ms in, has Qt say the list of audio outputs changed (as Qt does
when it first lists them) while the default output stays the same; it prints one JSON
line, when playing began (monotonic ns), and exits once the file has played.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.speech import make_player


def main(wav: str) -> int:
    app = QApplication(sys.argv[:1])
    player = make_player()
    player.set_volume(100)
    player.finished.connect(lambda: app.exit(0))
    player.error.connect(lambda _why: app.exit(1))

    def play() -> None:
        began = time.monotonic_ns()
        player.play(wav)
        sys.stdout.write(json.dumps({"began_ns": began}) + "\n")
        sys.stdout.flush()
        QTimer.singleShot(150, player._devices.audioOutputsChanged.emit)

    QTimer.singleShot(0, play)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
