"""`faq-kiosk usage`: the private usage counts (`kiosk.system.usage_db`), as CSV for a
spreadsheet or the Ansible health play, or as totals for a person.

The database is looked for where `faq-kiosk status` looks for the health file: the
config's state folder, and for root on Linux the `kiosk` user's.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from kiosk.cli.status import state_file_candidates
from kiosk.system.usage_db import METRICS, USAGE_NAME, UsageStore, rows_csv


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faq-kiosk usage",
        description="The kiosk's private usage counts per day (no times, no visitor ids). "
        "Metrics: " + "; ".join(f"{m} (key: {k})" for m, k in METRICS.items()) + ".",
    )
    parser.add_argument("--config", type=Path, help="config file (its state_dir)")
    parser.add_argument("--file", type=Path, help=f"the {USAGE_NAME} to read instead")
    parser.add_argument("--csv", action="store_true", help="day,metric,key,count lines")
    parser.add_argument("--days", type=int, default=30, help="the last N days (default 30)")
    return parser


def usage_main(args: Sequence[str]) -> int:
    """`faq-kiosk usage [--csv] [--days N] [--config FILE | --file FILE]`; 2 if no
    database could be read."""
    options = _parser().parse_args(list(args))
    if options.days < 1:
        _parser().error("--days must be at least 1")
    candidates = (
        [options.file] if options.file else state_file_candidates(options.config, USAGE_NAME)
    )
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        where = ", ".join(str(path) for path in candidates)
        print(f"faq-kiosk usage: no usage counts at {where}", file=sys.stderr)
        return 2
    since = date.today() - timedelta(days=options.days - 1)
    try:
        rows = UsageStore(found, retention_days=3650).rows(since)
    except sqlite3.Error as error:
        print(f"faq-kiosk usage: cannot read {found}: {error}", file=sys.stderr)
        return 2
    if options.csv:
        sys.stdout.write(rows_csv(rows))
        return 0
    totals: dict[tuple[str, str], int] = {}
    for _day, metric, key, count in rows:
        totals[metric, key] = totals.get((metric, key), 0) + count
    print(f"Usage counts, {since} to {date.today()} ({found}):")
    for (metric, key), count in sorted(totals.items()):
        print(f"  {metric:<14} {key or '-':<28} {count:>7}")
    return 0
