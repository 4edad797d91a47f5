"""The kiosk against the browser-kiosk peer (Chromium showing the same FAQ), alternating
the two in one run, several runs each (`make bench`):

- start → complete FAQ frame saved and exit: `faq-kiosk --screenshot` vs
  `chromium --headless --screenshot` of the peer page;
- memory: PSS summed over the whole process tree 8 s after start, the kiosk full screen on
  Xvfb 1920x1080 vs `chromium --kiosk` on the peer page.

Targets (docs/architecture.md, Performance): time ratio ≤ 0.33; memory ratio ≤ 0.25 and ≤ 100 MB.
Writes benchmarks/results/latest.json and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer import build_peer_page

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KIOSK = [sys.executable, "-m", "kiosk"]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )
    return time.perf_counter() - began


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kib(root: int) -> tuple[int, int]:
    """PSS of *root* with all its descendants, and of *root* alone, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        total += _pss_kib(pid)
    return total, _pss_kib(root)


def pss_after(command: list[str], env: dict[str, str], settle_s: float = 8.0) -> tuple[int, int]:
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(settle_s)
        return tree_pss_kib(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "n": len(values),
    }


def main() -> int:
    # Measure the kiosk as installed (pip and PyInstaller ship compiled bytecode), not
    # compiling its modules on every start as an unwritable checkout would.
    package = Path(__file__).resolve().parents[1] / "kiosk"
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    work = Path(tempfile.mkdtemp(prefix="kiosk-peer-"))
    page = build_peer_page(work).as_uri()
    base_env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(work),
        "XDG_STATE_HOME": str(work / "s"),
        "XDG_CACHE_HOME": str(work / "c"),
    }
    base_env.pop("FAQ_KIOSK_CONFIG", None)
    kiosk_times: list[float] = []
    browser_times: list[float] = []
    for run in range(RUNS):
        kiosk_times.append(
            timed(
                [
                    *KIOSK,
                    "--screenshot",
                    str(work / "k.png"),
                    "--lang",
                    "en",
                    "--open",
                    "imminent-threat",
                ],
                base_env,
            )
        )
        profile = work / f"profile-{run}"
        browser_times.append(
            timed(
                [
                    CHROMIUM,
                    "--headless",
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={profile}",
                    "--window-size=1920,1080",
                    f"--screenshot={work / 'b.png'}",
                    page,
                ],
                base_env,
            )
        )

    display = ":97"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    screen_env = {**base_env, "DISPLAY": display}
    screen_env.pop("QT_QPA_PLATFORM", None)
    kiosk_pss: list[float] = []
    kiosk_main_pss: list[float] = []
    browser_pss: list[float] = []
    try:
        for run in range(max(RUNS // 2, 2)):
            tree, main_only = pss_after(KIOSK, screen_env)
            kiosk_pss.append(tree / 1024)
            kiosk_main_pss.append(main_only / 1024)
            profile = work / f"kiosk-profile-{run}"
            browser_pss.append(
                pss_after(
                    [CHROMIUM, "--kiosk", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", page],
                    screen_env,
                )[0]
                / 1024
            )
    finally:
        xvfb.terminate()

    time_ratio = statistics.median(kiosk_times) / statistics.median(browser_times)
    memory_ratio = statistics.median(kiosk_pss) / statistics.median(browser_pss)
    kiosk_time, browser_time = summary(kiosk_times), summary(browser_times)
    kiosk_memory, browser_memory = summary(kiosk_pss), summary(browser_pss)
    kiosk_main_memory = summary(kiosk_main_pss)
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "start_to_screenshot_s": {
            "kiosk": kiosk_time,
            "chromium": browser_time,
            "ratio": round(time_ratio, 3),
            "target_ratio": 0.33,
        },
        "pss_after_8s_mib": {
            "kiosk": kiosk_memory,
            "kiosk_main_process_alone": kiosk_main_memory,
            "chromium": browser_memory,
            "ratio": round(memory_ratio, 3),
            "target_ratio": 0.25,
            "target_kiosk_mib": 100,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'figure':28} {'kiosk':>10} {'chromium':>10} {'ratio':>7} {'target':>7}")
    print(
        f"{'start → screenshot (s)':28} {kiosk_time['median']:10} {browser_time['median']:10}"
        f" {round(time_ratio, 3):7} {'≤0.33':>7}"
    )
    print(
        f"{'PSS after 8 s (MiB)':28} {kiosk_memory['median']:10.1f} "
        f"{browser_memory['median']:10.1f} {round(memory_ratio, 3):7} {'≤0.25':>7}"
    )
    alone = kiosk_main_memory["median"]
    print(f"{'  kiosk main process alone':28} {alone:10.1f}")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
