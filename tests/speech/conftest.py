"""Speech fixtures: a synthesizer with the real engine, or with a stand-in worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.speech.synthesizer import IDLE_EXIT_MS, Synthesizer
from tests.helpers import SynthFactory


@pytest.fixture
def make_synth(qapp: QApplication, tmp_path: Path) -> Iterator[SynthFactory]:
    """Synthesizers caching into a fresh folder; their workers are stopped afterwards."""
    made: list[Synthesizer] = []

    def make(
        target: Callable[[Connection], None] | None = None,
        timeout_ms: int = 5000,
        cache: Path | None = None,
        idle_exit_ms: int = IDLE_EXIT_MS,
    ) -> Synthesizer:
        kwargs = {"target": target} if target is not None else {}
        synth = Synthesizer(
            cache or tmp_path / "speech",
            timeout_ms=timeout_ms,
            idle_exit_ms=idle_exit_ms,
            **kwargs,
        )
        made.append(synth)
        return synth

    yield make
    for synth in made:
        synth.shutdown()
