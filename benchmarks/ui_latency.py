"""In-process UI latencies, median and p95 over 200+ repetitions each (`make bench`):
language switch, accordion open, text size change and idle reset (from a visitor reading
an answer in Vietnamese back to the English Home screen), each measured from the call to
the end of the repaint it causes (the window is grabbed, which lays out and
paints everything; "repaint only" is that grab alone, for reference).
Target (docs/architecture.md, Performance): ≤ 16 ms median for each.
Writes benchmarks/results/ui.json and prints a table.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RESULTS = Path(__file__).resolve().parent / "results" / "ui.json"
REPEATS = int(os.environ.get("BENCH_REPEATS", "200"))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_kiosk
    from kiosk.cli.screenshot import render
    from kiosk.config import load_config

    app = QApplication(sys.argv[:1])
    kiosk = build_kiosk(app, load_config(None))
    session = kiosk.session
    session.choose_language("en")
    render(kiosk, (1920, 1080))
    questions = list(kiosk.content.bundle.question_ids)
    languages = ["en", "es", "vi"]

    def measure(
        action: Callable[[int], None],
        prepare: Callable[[], None] | None = None,
    ) -> list[float]:
        times = []
        for index in range(REPEATS):
            if prepare is not None:  # not timed
                prepare()
                app.processEvents()
                kiosk.window.grab()
            began = time.perf_counter()
            action(index)
            app.processEvents()
            kiosk.window.grab()
            times.append((time.perf_counter() - began) * 1000)
        return times

    def language(index: int) -> None:
        session.set_language(languages[index % 3])

    def accordion(index: int) -> None:
        session.set_open_question(questions[index % len(questions)])

    def text_size(index: int) -> None:
        session.set_text_size((100, 150)[index % 2])

    def visitor_in_vietnamese() -> None:
        kiosk.attract_overlay.wake()
        session.choose_language("vi")
        session.set_open_question("savings")

    def reset(_index: int) -> None:
        kiosk.turnover.reset_for_next_visitor()

    def nothing(_index: int) -> None:
        pass

    figures = {}
    for name, action, prepare in (
        ("repaint_only_baseline_ms", nothing, None),
        ("language_switch_ms", language, None),
        ("accordion_open_ms", accordion, None),
        ("text_size_change_ms", text_size, None),
        ("idle_reset_ms", reset, visitor_in_vietnamese),
    ):
        values = sorted(measure(action, prepare))
        figures[name] = {
            "median": round(statistics.median(values), 1),
            "p95": round(values[int(0.95 * (len(values) - 1))], 1),
            "n": len(values),
            "target_median": 16,
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"{'figure':24} {'median':>8} {'p95':>8} {'n':>5}")
    for name, stats in figures.items():
        print(f"{name:24} {stats['median']:8} {stats['p95']:8} {stats['n']:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
