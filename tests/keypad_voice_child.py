"""A real kiosk in its own process, pressed from outside: `python -m tests.keypad_voice_child
CACHE_DIR` (tests/app/test_keypad_voice.py, benchmarks/keypad_voice.py).

Its own process, so Qt Multimedia connects to the private sound server named in the
environment (PULSE_SERVER): Qt opens its audio connection once per process. The kiosk is
built as `faq-kiosk` builds it (real widgets, real espeak-ng worker caching into
CACHE_DIR, speech warmed up after the first frame), at 100 % volume (tests/sound_output.py
says why). Each line "press" on stdin presses Down, as a keypad would, and answers one
JSON line: when the key was pressed (monotonic ns) and the WAV the kiosk is to play for
it; "quit" ends it. The first line out is {"ready": true}, once the first frame is shown.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from PySide6.QtCore import QObject, QSocketNotifier, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_config
from kiosk.speech.synthesizer import Synthesizer
from kiosk.ui.first_frame import after_first_frame
from tests.helpers import FakeDetector


def say(message: dict[str, object]) -> None:
    """One JSON line to the process that drives this one."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


class Keys(QObject):
    """Reads commands from stdin and presses keys in *kiosk*."""

    def __init__(self, app: QApplication, kiosk: Kiosk, synth: Synthesizer) -> None:
        super().__init__()
        self._app, self._kiosk, self._synth = app, kiosk, synth
        self._pending = bytearray()
        self._notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def press(self) -> None:
        pressed = time.monotonic_ns()
        QTest.keyClick(self._kiosk.window, Qt.Key.Key_Down)
        said = self._kiosk.speech.utterances
        wav = ""
        if said:
            speech, first = self._kiosk.speech, said[0]
            job = self._synth.job(first.text, speech.voice_for(first.language) or "", speech.rate)
            wav = str(self._synth.file(job))
        say({"key_ns": pressed, "wav": wav, "texts": [u.text for u in said]})

    def _read(self) -> None:
        data = os.read(sys.stdin.fileno(), 4096)
        if not data:
            self._end()
            return
        self._pending.extend(data)
        while b"\n" in self._pending:
            line, _, rest = bytes(self._pending).partition(b"\n")
            self._pending[:] = rest
            if line.strip() == b"press":
                self.press()
            elif line.strip() == b"quit":
                self._end()

    def _end(self) -> None:
        # exit(), not quit(): Qt 6's quit() first asks every window to close, and the
        # locked-down kiosk refuses (kiosk/control/lockdown.py).
        self._notifier.setEnabled(False)
        self._app.exit(0)


def main(cache: Path) -> int:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-voice-"))
    os.environ["XDG_STATE_HOME"] = str(folder / "state")
    config = folder / "config.toml"
    config.write_text("[speech]\nvolume = 100\n", encoding="utf-8")
    app = QApplication(sys.argv[:1])
    synth = Synthesizer(cache)
    kiosk = build_kiosk(
        app, load_config(config), synthesizer=synth, screen_reader_detector=FakeDetector()
    )

    def first_frame() -> None:
        kiosk.warm_up_speech()
        say({"ready": True})

    keys = Keys(app, kiosk, synth)
    after_first_frame(kiosk.window, first_frame)
    kiosk.enable_kiosk_mode()
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    code = app.exec()
    del keys
    kiosk.speech.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
