"""`faq-kiosk status`: is the kiosk on this machine alive, and what is it showing?

It reads the health file the running kiosk replaces every 30 s (`kiosk.app.status`) and
prints it for a person, or with `--json` for a program (the Ansible `health` play). The
file is looked for in the config's state folder, and, for root on Linux, in the
default state folder of the `kiosk` user the .deb creates.

Exit status: 0 healthy; 1 stale (not written for `--max-age` seconds: the kiosk is not
running or is hung) or no frame painted recently (the screen shows nothing); 2 no
health file could be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.config import find_config, load_config
from kiosk.system.status_files import HEALTH_NAME, HealthFileError, read_health, uptime_text

#: A health file older than this is stale: three writes missed.
DEFAULT_MAX_AGE_S = 90.0
#: The system user the .deb runs the kiosk as.
KIOSK_USER = "kiosk"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faq-kiosk status",
        description="Say whether the kiosk on this machine is alive and what it shows, from "
        "its health file. Exit 0 healthy, 1 stale or not painting, 2 no health file.",
    )
    parser.add_argument("--config", type=Path, help="config file (its state_dir)")
    parser.add_argument("--file", type=Path, help="the health file to read instead")
    parser.add_argument("--json", action="store_true", help="print JSON for programs")
    parser.add_argument(
        "--max-age",
        type=float,
        default=DEFAULT_MAX_AGE_S,
        metavar="S",
        help=f"seconds after which the file is stale (default {DEFAULT_MAX_AGE_S:.0f})",
    )
    return parser


def state_file_candidates(config: Path | None, name: str) -> list[Path]:
    """Where the running kiosk's state file *name* may be, in the order looked at."""
    candidates = [load_config(find_config(config, os.environ)).state_folder() / name]
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        import pwd

        try:
            home = Path(pwd.getpwnam(KIOSK_USER).pw_dir)
        except KeyError:
            pass
        else:
            candidates.append(home / ".local" / "state" / "faq-kiosk" / name)
    return candidates


def assess(health: dict[str, Any], now: float, max_age_s: float) -> tuple[bool, list[str]]:
    """Whether *health* says healthy, and what is wrong (problems first)."""
    problems: list[str] = []
    age = now - float(health.get("updated", 0))
    if age > max_age_s:
        problems.append(f"stale: last written {age:.0f} s ago (the kiosk is not running or hung)")
    elif not health.get("alive") and not health.get("resting"):
        problems.append(
            f"no frame painted for {float(health.get('last_frame_age_s', 0)):.0f} s "
            "(the screen shows nothing)"
        )
    healthy = not problems
    speech = health.get("speech") or {}
    problems += [f"voice {lang}: {why}" for lang, why in sorted(speech.items()) if why]
    problems += [f"config: {issue}" for issue in health.get("config_problems") or []]
    problems += [f"content: {issue}" for issue in health.get("content_problems") or []]
    if health.get("log_problem"):
        problems.append(f"log: {health['log_problem']}")
    if health.get("last_rollback"):
        problems.append(f"content rolled back: {health['last_rollback']}")
    return healthy, problems


def screen_state(health: dict[str, Any]) -> str:
    """ "painting", "resting (quiet hours)" or "NOT painting"."""
    if health.get("resting"):
        return "resting (quiet hours)"
    return "painting" if health.get("alive") else "NOT painting"


def describe(health: dict[str, Any], path: Path, now: float, max_age_s: float) -> list[str]:
    """The health file for a person."""
    healthy, problems = assess(health, now, max_age_s)
    age = now - float(health.get("updated", 0))
    voices = ", ".join(
        f"{lang} {'ok' if not why else 'NOT OK'}"
        for lang, why in sorted((health.get("speech") or {}).items())
    )
    starts = int(health.get("starts", 1))
    lines = [
        f"FAQ Kiosk {health.get('version')}: {'healthy' if healthy else 'NOT HEALTHY'} "
        f"(health file written {age:.0f} s ago: {path})",
        f"  Screen: {screen_state(health)}, last frame "
        f"{float(health.get('last_frame_age_s', 0)):.1f} s ago; showing {health.get('screen')}",
        f"  Content: {health.get('content_id')} version {health.get('content_version')} "
        f"from {health.get('content_source')}",
        f"  Voices: {voices or 'none'}",
        f"  Visitors since start: {health.get('visitors')}; up "
        f"{uptime_text(0, float(health.get('uptime_s', 0)))}; starts: {starts} "
        f"({max(0, starts - 1)} restarts)",
        f"  Config: {health.get('config_path')}; screen reader: "
        f"{'running' if health.get('screen_reader_running') else 'none'}",
        f"  Last crash: {health.get('last_crash') or 'none recorded'}",
    ]
    lines += [f"  problem: {problem}" for problem in problems]
    return lines


def status_main(args: Sequence[str]) -> int:
    """`faq-kiosk status [--json] [--config FILE | --file FILE] [--max-age S]`."""
    options = _parser().parse_args(list(args))
    candidates = (
        [options.file] if options.file else state_file_candidates(options.config, HEALTH_NAME)
    )
    errors: list[str] = []
    for path in candidates:
        try:
            health = read_health(path)
        except HealthFileError as error:
            errors.append(str(error))
            continue
        now = time.time()
        healthy, problems = assess(health, now, options.max_age)
        if options.json:
            report = {**health, "path": str(path), "healthy": healthy, "problems": problems}
            print(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            print("\n".join(describe(health, path, now, options.max_age)))
        return 0 if healthy else 1
    if options.json:
        print(json.dumps({"healthy": False, "problems": errors}, indent=2))
    else:
        print("faq-kiosk status: no health file: " + "; ".join(errors), file=sys.stderr)
    return 2
