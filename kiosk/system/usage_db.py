"""Private usage counts: how many, per day, never who or when.

One SQLite table holds everything: `counts(day, metric, key, count)`. A row says that on
*day* (the local date, nothing finer) *metric* (a visitor, a language chosen, a question
opened, ...) happened *count* times for *key* (the language code, the question id, ...).
No times of day, no visitor ids, no order of events: nothing from which one visitor's
path could be rebuilt. Rows older than the retention are deleted when the store opens
and when counts are added on a new day.

`METRICS` lists what is counted; `UsageStore.add` refuses anything else, so a mistake in
the kiosk cannot start storing more than the docs promise (docs/deploying.md, Usage
counts).
"""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

USAGE_NAME = "usage.sqlite3"

#: metric → what its key is. A visitor is a language chosen after a reset; "text_size"
#: and "high_contrast" count visitors who used them, once per visitor and value.
METRICS: Mapping[str, str] = {
    "visitors": "(none)",
    "language": "language code",
    "question": "question id (opened)",
    "read_aloud": 'question id, or "page" for the whole screen',
    "text_size": "text size in percent (above 100)",
    "high_contrast": '"on"',
    "idle_reset": "(none)",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, metric, key)
) WITHOUT ROWID
"""

Counts = Mapping[tuple[str, str], int]  # (metric, key) → how many


class UsageStore:
    """The counts database at *path* (created on first use)."""

    def __init__(self, path: Path, retention_days: int) -> None:
        self.path = path
        self.retention_days = retention_days
        self._pruned: date | None = None

    @contextlib.contextmanager
    def _connect(self, read_only: bool = False) -> Iterator[sqlite3.Connection]:
        # The default rollback journal, not WAL: a reader (root running `faq-kiosk
        # usage`) opens the file read-only and creates no -wal/-shm file that the kiosk
        # user could not write afterwards.
        if read_only:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=5)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=5)
        try:
            if not read_only:
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(_SCHEMA)
            with connection:  # one transaction
                yield connection
        finally:
            connection.close()

    def add(self, day: date, counts: Counts) -> None:
        """Add *counts* to *day*'s. Raises ValueError for a metric not in `METRICS`,
        OSError / sqlite3.Error if the database cannot be written."""
        unknown = sorted({metric for metric, _key in counts} - set(METRICS))
        if unknown:
            raise ValueError(f"not a usage metric: {', '.join(unknown)}")
        with self._connect() as connection:
            connection.executemany(
                "INSERT INTO counts (day, metric, key, count) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count",
                [(day.isoformat(), m, k, n) for (m, k), n in sorted(counts.items()) if n > 0],
            )
            if self._pruned != day:
                self._prune(connection, day)

    def _prune(self, connection: sqlite3.Connection, today: date) -> None:
        oldest = today - timedelta(days=self.retention_days - 1)
        connection.execute("DELETE FROM counts WHERE day < ?", (oldest.isoformat(),))
        self._pruned = today

    def rows(self, since: date | None = None) -> list[tuple[str, str, str, int]]:
        """(day, metric, key, count), oldest day first; from *since* on if given."""
        if not self.path.exists():
            return []
        with self._connect(read_only=True) as connection:
            return [
                (str(d), str(m), str(k), int(n))
                for d, m, k, n in connection.execute(
                    "SELECT day, metric, key, count FROM counts WHERE day >= ? "
                    "ORDER BY day, metric, key",
                    ((since or date.min).isoformat(),),
                )
            ]

    def totals(self, since: date) -> dict[tuple[str, str], int]:
        """(metric, key) → the sum from *since* on."""
        totals: dict[tuple[str, str], int] = {}
        for _day, metric, key, count in self.rows(since):
            totals[metric, key] = totals.get((metric, key), 0) + count
        return totals


def rows_csv(rows: list[tuple[str, str, str, int]]) -> str:
    """*rows* as CSV with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "metric", "key", "count"])
    writer.writerows(rows)
    return out.getvalue()
