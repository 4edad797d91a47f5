"""The keypad voice is heard (issue 14, point 7): every Down on Home in speech mode gives
sound at the default output, each move interrupting the one before, with a real kiosk,
real espeak-ng speech and a real (private) PulseAudio sound server, listened to where a
visitor would hear it: the sound server's output (tests/sound_output.py).

No wall-clock limit: the next key is pressed as soon as a move is heard, so each one cuts
the last short. How fast it is heard is `make bench` (benchmarks/keypad_voice.py).
Without PulseAudio the test is skipped on a developer's machine; in CI (CI=true) a missing
or failing sound server fails it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sound_output import (
    LOUD,
    REPO,
    Move,
    Recorder,
    SoundServer,
    SoundServerError,
    VoicedKiosk,
    signature,
    sound_server_missing,
)
from tests.speech.fake_workers import write_tone

MOVES = 12  # the language buttons, the toolbar, the welcome: every kind of item on Home
#: Not a latency limit: how long a move may stay unheard before the test calls it lost.
LOST_AFTER_S = 30.0


@pytest.fixture
def sound(tmp_path: Path) -> Iterator[tuple[SoundServer, Recorder]]:
    """A private PulseAudio with a null sink, and a recorder on its output."""
    missing = sound_server_missing()
    if missing and os.environ.get("CI") != "true":
        pytest.skip(missing)
    server = SoundServer(tmp_path / "pulse")
    recorder = Recorder(server)
    try:
        server.start()
        recorder.start()
    except SoundServerError as error:
        server.stop()
        pytest.fail(f"cannot listen to the kiosk: {error}")
    yield server, recorder
    recorder.stop()
    server.stop()


def heard(recorder: Recorder, move: Move) -> bool:
    """Wait until *move*'s own sound has come out of the sound server; False if it never
    does (within LOST_AFTER_S)."""
    deadline = time.monotonic() + LOST_AFTER_S
    while time.monotonic() < deadline:
        mark = signature(Path(move.wav)) if move.wav else None
        if mark is not None and recorder.onset(mark, move.key_ns) is not None:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("cache_state", ["cold", "warm"])
def test_every_keypad_move_is_heard(
    sound: tuple[SoundServer, Recorder], tmp_path: Path, cache_state: str
) -> None:
    server, recorder = sound
    cache = tmp_path / "speech"
    if cache_state == "warm":  # a kiosk that has said all this before
        first = VoicedKiosk(server, cache)
        try:
            for _ in range(MOVES):
                assert heard(recorder, first.press())
        finally:
            first.close()
    kiosk = VoicedKiosk(server, cache)
    unheard = []
    try:
        for index in range(MOVES):
            move = kiosk.press()
            assert move.texts, f"move {index} said nothing"
            if not heard(recorder, move):
                unheard.append((index, move.texts[0]))
    finally:
        kiosk.close()
    assert unheard == [], f"moves never heard at the output: {unheard}"


def test_a_change_in_the_list_of_outputs_does_not_silence_the_sentence(
    sound: tuple[SoundServer, Recorder], tmp_path: Path
) -> None:
    """Qt may say the outputs changed when it first lists them, just after the first
    sentence started; the default output is the same, so the sentence must play on (the
    player used to drop its sink, and ran the rest of the file silently on its clock)."""
    server, recorder = sound
    wav = tmp_path / "tone.wav"
    write_tone(wav, seconds=1.5)
    child = subprocess.run(
        [sys.executable, "-m", "tests.player_child", str(wav)],
        env={**server.env, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])},
        cwd=REPO,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr.decode(errors="replace")
    began = int(json.loads(child.stdout.decode().splitlines()[-1])["began_ns"])
    time.sleep(0.2)  # the recorder's last chunk
    start = recorder.offset_at(began + 500_000_000)
    end = recorder.offset_at(began + 1_300_000_000)
    later = memoryview(bytes(recorder.audio[start - start % 2 : end - end % 2])).cast("h")
    assert len(later) > 0
    loud = sum(1 for sample in later if abs(sample) >= LOUD) / len(later)
    assert loud > 0.5, f"only {loud:.0%} of 0.5-1.3 s into the sentence sounded"
