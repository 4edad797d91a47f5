"""Loading content bundles of 500 to 5,000 questions (`make bench`): how load time grows
with size, and what a staff Reload costs the screen while it runs.

Each bundle repeats the shipped SRO FAQ's questions in all three languages, with every
tenth translation marked stale, so the loader also finds the line of each warning (once
80 % of the load time). Reported: median of 3 loads per size, the time per question,
and the growth against the 500-question bundle measured in the same run (linear growth
is a ratio equal to the size ratio; quadratic growth, its square). Then, for the largest
bundle, the longest the event loop went without turning while `ContentStore.reload`
read it (the peer: the same bundle loaded with `load`, on the UI thread).
Last, the same reload in a running kiosk, which builds the new questions' widgets on the
UI thread (Qt widgets cannot be made elsewhere).
Target (issue 12): linear, and a reload that never stalls the screen.
Writes benchmarks/results/bundle.json and prints a table.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RESULTS = Path(__file__).resolve().parent / "results" / "bundle.json"
SIZES = (500, 1000, 2000, 5000)
REPEATS = 3
STALE_EVERY = 10


def write_bundle(folder: Path, size: int) -> None:
    """A valid bundle of *size* questions made from the shipped one."""
    from kiosk.content.writer import toml_string
    from kiosk.system import resources

    source = resources.content_dir()
    manifest = tomllib.loads((source / "manifest.toml").read_text(encoding="utf-8"))
    base_ids = list(manifest["questions"])
    ids = [f"{base_ids[n % len(base_ids)]}-{n}" for n in range(size)]
    folder.mkdir(parents=True)
    lines = [
        f'id = "bench-{size}"',
        'version = "1"',
        'source_language = "en"',
        'languages = ["en", "es", "vi"]',
        "questions = [",
        *(f"  {toml_string(qid)}," for qid in ids),
        "]",
    ]
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for language in ("en", "es", "vi"):
        data = tomllib.loads((source / f"{language}.toml").read_text(encoding="utf-8"))
        out = [f'language = "{language}"', f"title = {toml_string(data['title'])}"]
        for n, qid in enumerate(ids):
            question = data["questions"][base_ids[n % len(base_ids)]]
            out += [
                "",
                f"[questions.{qid}]",
                f"title = {toml_string(question['title'])}",
                "answer = [",
                *(f"  {toml_string(paragraph)}," for paragraph in question["answer"]),
                "]",
            ]
            if "source_hash" in question:
                stale = n % STALE_EVERY == 0
                out.append(f'source_hash = "{"0" * 16 if stale else question["source_hash"]}"')
        (folder / f"{language}.toml").write_text("\n".join(out) + "\n", encoding="utf-8")


def longest_stall(run: object, app: object, done: object) -> float:
    """The longest time, in ms, the event loop went without a turn while *run* worked
    until *done*() was true."""
    from PySide6.QtCore import QTimer

    assert callable(run) and callable(done)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    last[0] = time.perf_counter()
    run()
    while not done():
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
    app.processEvents()  # type: ignore[attr-defined]
    tick()
    timer.stop()
    return max(gaps) * 1000


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_kiosk
    from kiosk.config import load_config
    from kiosk.content.loader import load_bundle
    from kiosk.content.store import ContentStore

    logging.getLogger("kiosk").setLevel(logging.ERROR)  # not 1,000 stale-translation lines
    app = QApplication(sys.argv[:1])
    rows = []
    with tempfile.TemporaryDirectory(prefix="bundle-bench-") as work:
        folders = {}
        for size in SIZES:
            folders[size] = Path(work) / str(size)
            write_bundle(folders[size], size)
        for size in SIZES:
            times = []
            for _ in range(REPEATS):
                began = time.perf_counter()
                bundle = load_bundle(folders[size])
                times.append(time.perf_counter() - began)
            assert len(bundle.question_ids) == size
            rows.append(
                {
                    "questions": size,
                    "warnings": len(bundle.warnings),
                    "median_s": round(statistics.median(times), 3),
                }
            )
        first = rows[0]
        for row in rows:
            row["ms_per_question"] = round(1000 * row["median_s"] / row["questions"], 3)
            row["size_ratio"] = row["questions"] / first["questions"]
            row["time_ratio"] = round(row["median_s"] / first["median_s"], 2)

        largest = folders[SIZES[-1]]
        store = ContentStore({})
        finished: list[bool] = []
        store.reloaded.connect(finished.append)
        reload_stall = longest_stall(lambda: store.reload(largest), app, lambda: bool(finished))
        loaded: list[bool] = []
        load_stall = longest_stall(
            lambda: loaded.append(store.load(largest)), app, lambda: bool(loaded)
        )
        # In a running kiosk, where the new questions' widgets are built on the UI thread.
        kiosk = build_kiosk(app, load_config(None))
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        app.processEvents()
        rebuilt: list[bool] = []
        kiosk.content.reloaded.connect(rebuilt.append)
        kiosk_stall = longest_stall(
            lambda: kiosk.content.reload(largest), app, lambda: bool(rebuilt)
        )

    result = {
        "curve": rows,
        "reload_largest_stall_ms": round(reload_stall, 1),
        "load_on_ui_thread_stall_ms": round(load_stall, 1),
        "stall_ratio_reload_to_load": round(reload_stall / load_stall, 3),
        "reload_in_kiosk_stall_ms": round(kiosk_stall, 1),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("questions  warnings  median s  ms/question  size x  time x")
    for row in rows:
        print(
            f"{row['questions']:9}  {row['warnings']:8}  {row['median_s']:8.3f}  "
            f"{row['ms_per_question']:11.3f}  {row['size_ratio']:6.0f}  {row['time_ratio']:6.2f}"
        )
    print(
        f"{SIZES[-1]} questions: longest event-loop stall during reload "
        f"{reload_stall:.0f} ms; during load on the UI thread {load_stall:.0f} ms "
        f"(ratio {result['stall_ratio_reload_to_load']}); reload in a running kiosk, "
        f"widgets rebuilt: {kiosk_stall:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
