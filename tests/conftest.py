"""Shared fixtures. Qt runs offscreen; every test gets a fresh kiosk if it asks for one."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Offscreen Qt with one 2000x2000 screen (the default is 800x800): every window size the
# tests use lies on it, so simulated taps land where a finger would. Set before Qt loads.
_SCREEN = Path(tempfile.mkdtemp(prefix="kiosk-tests-")) / "offscreen.json"
_SCREEN.write_text(
    json.dumps(
        {
            "screens": [
                {"name": "test", "x": 0, "y": 0, "width": 2000, "height": 2000, "logicalDpi": 96}
            ]
        }
    )
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
# Qt Multimedia lists every optional library it could not find (VA-API, PipeWire) as a
# warning; what matters here is whether playback works, which the speech tests check.
os.environ["QT_LOGGING_RULES"] = "qt.multimedia.symbolsresolver=false"


import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app import Kiosk, build_kiosk  # noqa: E402
from kiosk.cli.screenshot import settle  # noqa: E402
from kiosk.config import LoadedConfig, load_config  # noqa: E402
from kiosk.speech.synthesizer import Synthesizer  # noqa: E402
from kiosk.system import resources  # noqa: E402
from tests.helpers import FakeClock, FakeDetector, LiveKioskFactory, discard  # noqa: E402
from tests.speech import fake_workers  # noqa: E402


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps what the kiosk saves between runs (the PIN lock-out) to itself."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def bundled_content() -> Path:
    """The bundled content folder."""
    return resources.content_dir()


@pytest.fixture
def default_config() -> LoadedConfig:
    """Built-in defaults, as with no config file."""
    return load_config(None)


@pytest.fixture
def kiosk(qapp: QApplication, default_config: LoadedConfig) -> Iterator[Kiosk]:
    """A complete kiosk (not shown) on the built-in defaults."""
    built = build_kiosk(qapp, default_config)
    yield built
    discard(built)


@pytest.fixture
def live_kiosk(qapp: QApplication, tmp_path: Path) -> Iterator[LiveKioskFactory]:
    """Kiosks in kiosk mode (lock-down, idle timing) on a simulated clock, with a
    stand-in speech worker and no screen reader; config text and a screen reader
    detector may be given."""
    built: list[Kiosk] = []

    def make(
        config_text: str = "", screen_reader: FakeDetector | None = None
    ) -> tuple[Kiosk, FakeClock]:
        config = tmp_path / "config.toml"
        config.write_text(config_text, encoding="utf-8")
        clock = FakeClock()
        synth = Synthesizer(tmp_path / "speech", target=fake_workers.tone_main)
        kiosk = build_kiosk(
            qapp,
            load_config(config),
            synthesizer=synth,
            clock=clock,
            screen_reader_detector=screen_reader or FakeDetector(),
        )
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        kiosk.enable_kiosk_mode()
        settle(kiosk)
        built.append(kiosk)
        return kiosk, clock

    yield make
    for kiosk in built:
        qapp.removeEventFilter(kiosk.lockdown)
        qapp.removeEventFilter(kiosk.activity)
        kiosk.idle.stop()
        kiosk.speech.shutdown()
        discard(kiosk)
