"""Keypad speech as a visitor hears it (not a test: `make bench`): key → first non-silent
sample at the sound server, with real espeak-ng speech and real kiosk widgets.

A private PulseAudio with a null sink (tests/sound_output.py) is the kiosk's default
output; `parec` records the sink's monitor. A kiosk in its own process (tests/
keypad_voice_child.py, built as `faq-kiosk` builds it, speech warmed up after its first
frame) gets Down pressed on Home, one key per second and three keys per second (each move
interrupting the last), 27 moves each:
  * cold: a fresh kiosk with an empty speech cache, the first key 1 s after the first frame;
  * warm: a fresh kiosk on the cache the cold run left.
A move is heard when its own sound (found by its samples) begins at the output before the
next key; the time is from the key to that sound's first loud sample.

Target (issue 14, point 7): every move heard, each ≤ 300 ms.
Writes benchmarks/results/keypad_voice.json and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/sound_output.py: the sound server and recorder

from tests.sound_output import (  # noqa: E402
    Move,
    Recorder,
    SoundServer,
    VoicedKiosk,
    heard_after_ms,
)

RESULTS = REPO / "benchmarks" / "results" / "keypad_voice.json"
MOVES = int(os.environ.get("BENCH_MOVES", "27"))
TARGET_MS = 300
PACES = {"1_per_s": 1.0, "3_per_s": 1 / 3}


def press_at_pace(kiosk: VoicedKiosk, interval_s: float, moves: int) -> list[Move]:
    """Press Down *moves* times, one every *interval_s* (on a schedule, not after each
    answer: a slow kiosk does not slow the keys down)."""
    made: list[Move] = []
    began = time.monotonic()
    for index in range(moves):
        wait = began + index * interval_s - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        made.append(kiosk.press())
    return made


def summary(latencies: list[float | None]) -> dict[str, object]:
    heard = sorted(value for value in latencies if value is not None)
    figures: dict[str, object] = {
        "moves": len(latencies),
        "heard": len(heard),
        "within_target": sum(1 for value in heard if value <= TARGET_MS),
        "each_ms": [None if value is None else round(value, 1) for value in latencies],
    }
    if heard:
        figures |= {
            "median_ms": round(statistics.median(heard), 1),
            "p95_ms": round(heard[int(0.95 * (len(heard) - 1))], 1),
            "max_ms": round(heard[-1], 1),
        }
    return figures


def run(
    server: SoundServer, recorder: Recorder, cache: Path, interval_s: float
) -> dict[str, object]:
    kiosk = VoicedKiosk(server, cache)
    try:
        time.sleep(1.0)  # a visitor's first key, a second after the first frame
        moves = press_at_pace(kiosk, interval_s, MOVES)
        time.sleep(3.0)  # the last move's sound
        latencies = heard_after_ms(recorder, moves, time.monotonic_ns())
    finally:
        kiosk.close()
    return summary(latencies)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-voice-bench-"))
    server = SoundServer(folder)
    server.start()
    recorder = Recorder(server)
    results: dict[str, dict[str, object]] = {}
    try:
        recorder.start()
        for pace, interval in PACES.items():
            cache = Path(tempfile.mkdtemp(prefix="cache-", dir=folder))
            for state in ("cold", "warm"):
                results[f"{pace}_{state}"] = run(server, recorder, cache, interval)
    finally:
        recorder.stop()
        server.stop()
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "key_to_first_sound": results,
        "target_ms": TARGET_MS,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'key → first sound':20} {'heard':>7} {'≤300':>5} {'median':>8} {'p95':>8} {'max':>8}")
    for name, figures in results.items():
        heard = f"{figures['heard']}/{figures['moves']}"
        print(
            f"{name:20} {heard:>7} {figures['within_target']!s:>5} "
            f"{figures.get('median_ms', '-')!s:>8} {figures.get('p95_ms', '-')!s:>8} "
            f"{figures.get('max_ms', '-')!s:>8}"
        )
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
