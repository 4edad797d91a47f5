"""Speech latency and UI-thread stalls, measured in-process (not a test: `make bench`).

- tap → first audio: from SpeechService.speak() to Qt Multimedia reporting playback
  (the QAudioSink starting; the sound device's own buffer comes on top), for
  * cold start: no worker process yet, nothing cached (the first tap after boot if the
    warm-up had not run),
  * cold cache: worker running, sentence not cached,
  * warm: sentence cached (what warm-up gives for the default language's questions),
  * first tap, cached: warm-up done, but the audio output not opened yet (it opens with
    the first sentence; Qt Multimedia's one-off library load, about 40 ms, is not in
    this figure after the first run, as the process has loaded it already).
- UI stall: the largest gap between 1 ms timer ticks on the UI thread while the worker
  synthesizes the default language's whole FAQ in the background.

Targets (docs/architecture.md, Performance): warm ≤ 250 ms, cold ≤ 600 ms, no stall > 16 ms
caused by speech.
Writes benchmarks/results/speech.json and prints a table.
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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content import ContentBundle

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

RESULTS = Path(__file__).resolve().parent / "results" / "speech.json"


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 1),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


def tap_latencies(bundle: ContentBundle, voices: dict[str, str]) -> dict[str, list[float]]:
    """Tap → first audio, five runs of each case."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from kiosk.speech import make_player
    from kiosk.speech.service import SpeechService, Utterance
    from kiosk.speech.synthesizer import Synthesizer

    titles = [bundle.question("en", qid).title for qid in bundle.question_ids]

    def tap_to_audio(service: SpeechService, text: str) -> float:
        loop = QEventLoop()
        clock = QElapsedTimer()
        elapsed: list[float] = []
        player = service._ensure_player()

        def heard() -> None:
            if not elapsed:
                elapsed.append(clock.nsecsElapsed() / 1e6)
                service.stop()
                loop.quit()

        player.playing.connect(heard)
        service.failed.connect(loop.quit)
        QTimer.singleShot(20000, loop.quit)
        clock.start()
        service.speak([Utterance(text, "en")])
        loop.exec()
        player.playing.disconnect(heard)
        service.failed.disconnect(loop.quit)
        return elapsed[0] if elapsed else float("nan")

    results: dict[str, list[float]] = {
        "cold_start_ms": [],
        "cold_cache_ms": [],
        "warm_ms": [],
        "first_tap_cached_ms": [],
    }
    for run in range(5):
        cache = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
        service = SpeechService(Synthesizer(cache), make_player, voices, 150, 80)
        results["cold_start_ms"].append(tap_to_audio(service, f"{titles[run]} ({run})"))
        for index, title in enumerate(titles):
            text = f"{title} [{run}]"
            results["cold_cache_ms"].append(tap_to_audio(service, text))
            if index % 3 == 0:
                results["warm_ms"].append(tap_to_audio(service, text))
        for _ in range(40):
            results["warm_ms"].append(tap_to_audio(service, f"{titles[0]} [{run}]"))
        service.shutdown()
        # After the warm-up, before anything was played: the audio output opens now.
        service = SpeechService(Synthesizer(cache), make_player, voices, 150, 80)
        service.warm_up()
        results["first_tap_cached_ms"].append(tap_to_audio(service, f"{titles[0]} [{run}]"))
        service.shutdown()
    return results


def ui_stall(bundle: ContentBundle, voices: dict[str, str]) -> tuple[list[float], int, float]:
    """UI-thread stall while the whole FAQ is synthesized in the background: the gaps
    between timer ticks, the number of sentences warmed and how long that took (s)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from kiosk.speech import make_player
    from kiosk.speech.sentences import split_sentences
    from kiosk.speech.service import SpeechService, Utterance
    from kiosk.speech.synthesizer import Synthesizer

    cache = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    synth = Synthesizer(cache)
    service = SpeechService(synth, make_player, voices, 150, 80)
    sentences = [
        Utterance(s.text, "en")
        for qid in bundle.question_ids
        for text in (bundle.question("en", qid).title, *bundle.question("en", qid).answer)
        for s in split_sentences(text)
    ]
    gaps: list[float] = []
    ticker = QTimer()
    ticker.setInterval(1)
    clock = QElapsedTimer()
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    began = time.perf_counter()
    service.warm_up(sentences)
    loop = QEventLoop()

    def quit_when_idle() -> None:
        if not synth.busy:
            loop.quit()

    done = QTimer()
    done.timeout.connect(quit_when_idle)
    done.start(50)
    QTimer.singleShot(120000, loop.quit)
    loop.exec()
    ticker.stop()
    warm_all_s = time.perf_counter() - began
    service.shutdown()
    return gaps, len(sentences), warm_all_s


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.content import load_bundle
    from kiosk.system.resources import content_dir

    app = QApplication(sys.argv[:1])
    bundle = load_bundle(content_dir())
    voices = {"en": "en-us", "es": "es-419", "vi": "vi"}

    results = tap_latencies(bundle, voices)
    gaps, sentences_warmed, warm_all_s = ui_stall(bundle, voices)

    taps = {name: summary(values) for name, values in results.items()}
    stall = summary(gaps[1:])
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "tap_to_first_audio": taps,
        "ui_stall_while_synthesizing_ms": stall,
        "sentences_warmed": sentences_warmed,
        "warm_all_seconds": round(warm_all_s, 2),
        "targets": {"warm_ms": 250, "cold_ms": 600, "ui_stall_ms": 16},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'figure':32} {'median':>8} {'p95':>8} {'max':>8} {'n':>5}")
    for name, stats in [*taps.items(), ("ui_stall_while_synthesizing_ms", stall)]:
        print(f"{name:32} {stats['median']:8} {stats['p95']:8} {stats['max']:8} {stats['n']:5}")
    print(f"warmed {sentences_warmed} sentences in {warm_all_s:.1f} s; written {RESULTS}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
