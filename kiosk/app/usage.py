"""Private usage counts from the visitor's session (`kiosk.system.usage_db`).

`UsageRecorder` listens to the session and the controls and keeps the counts in memory;
it adds them to the database every `FLUSH_MS`, after each visitor's reset and at exit.
What one visitor did is only ever held in memory until their session ends, and then
only as "one more" on each count: nothing joins their choices together.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QObject, QTimer

from kiosk.app.root import Kiosk
from kiosk.config import TEXT_SIZES
from kiosk.speech.service import SpeechService, SpeechState
from kiosk.state.idle import IdleTimer
from kiosk.state.session import Screen, VisitorSession
from kiosk.system.usage_db import USAGE_NAME, UsageStore

log = logging.getLogger(__name__)

#: How often counts go to the database.
FLUSH_MS = 60_000
#: The days the staff sheet's usage lines cover.
SUMMARY_DAYS = 30


class UsageRecorder(QObject):
    """Counts visitors, languages, questions, answers read aloud, text sizes, high
    contrast and idle resets, per day."""

    def __init__(
        self,
        store: UsageStore,
        *,
        session: VisitorSession,
        speech: SpeechService,
        idle: IdleTimer,
        today: Callable[[], date] = date.today,
        flush_ms: int = FLUSH_MS,
    ) -> None:
        super().__init__(session)
        self.store = store
        self._session, self._speech, self._today = session, speech, today
        self._pending: Counter[tuple[str, str]] = Counter()
        self._seen: set[tuple[str, str]] = set()  # this visitor's once-only counts
        self.problem: str | None = None  # why the last write failed
        session.visit_started.connect(self._on_visit)
        session.language_changed.connect(self._on_language)
        session.open_question_changed.connect(self._on_question)
        session.text_size_changed.connect(self._on_text_size)
        session.high_contrast_changed.connect(self._on_contrast)
        session.reset_done.connect(self._on_reset)
        idle.timed_out.connect(lambda: self._count("idle_reset", ""))
        self._timer = QTimer(self)
        self._timer.setInterval(flush_ms)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    # -- what is counted -----------------------------------------------------------------

    def _count(self, metric: str, key: str) -> None:
        self._pending[metric, key] += 1

    def _once(self, metric: str, key: str) -> None:
        if (metric, key) not in self._seen:
            self._seen.add((metric, key))
            self._count(metric, key)

    def _on_visit(self) -> None:
        self._once("visitors", "")
        self._once("language", self._session.language)

    def _on_language(self, language: str) -> None:
        if self._session.visiting and self._session.screen == Screen.FAQ:
            self._once("language", language)

    def _on_question(self, question_id: object) -> None:
        if self._session.visiting and isinstance(question_id, str):
            self._once("question", question_id)

    def _on_text_size(self, size: int) -> None:
        if self._session.visiting and size > TEXT_SIZES[0]:
            self._once("text_size", str(size))

    def _on_contrast(self, on: bool) -> None:
        if self._session.visiting and on:
            self._once("high_contrast", "on")

    def read_started(self, question_id: str | None) -> None:
        """An answer (or the screen: None) is being read aloud at the visitor's asking."""
        if self._speech.state != SpeechState.IDLE:
            self._count("read_aloud", question_id or "page")

    def _on_reset(self) -> None:
        self._seen.clear()
        self.flush()

    # -- storing -------------------------------------------------------------------------

    def flush(self) -> None:
        """Add the counts held in memory to the database; a failure is logged once and
        kept in `problem`, and the counts wait for the next try."""
        if not self._pending:
            return
        try:
            self.store.add(self._today(), self._pending)
        except (OSError, ValueError, sqlite3.Error) as error:
            problem = f"cannot write the usage counts to {self.store.path}: {error}"
            if problem != self.problem:
                log.error("%s", problem)
            self.problem = problem
            return
        self._pending.clear()
        self.problem = None

    def summary_lines(self, days: int = SUMMARY_DAYS) -> list[str]:
        """The staff sheet's usage lines: the last *days* days, with bars."""
        self.flush()
        try:
            totals = self.store.totals(self._today() - timedelta(days=days - 1))
        except (OSError, sqlite3.Error) as error:  # a broken database is a line, not a crash
            return [f"Usage: cannot read {self.store.path}: {error}"]
        visitors = totals.get(("visitors", ""), 0)
        lines = [
            f"Usage, last {days} days: {visitors} visitors, "
            f"{totals.get(('idle_reset', ''), 0)} idle resets"
            + (f" ({self.problem})" if self.problem else "")
        ]
        for metric, title, limit in (("language", "Languages", 10), ("question", "Questions", 5)):
            ranked = sorted(
                ((n, key) for (m, key), n in totals.items() if m == metric), reverse=True
            )[:limit]
            top = max((n for n, _key in ranked), default=0)
            lines += [f"  {title}:"] if ranked else []
            lines += [f"    {bar(n, top)} {n:>5} {key}" for n, key in ranked]
        return lines


def bar(value: int, top: int, width: int = 20) -> str:
    """A text bar *value* of *top* long, in *width* cells."""
    cells = round(width * value / top) if top else 0
    return "█" * cells + "·" * (width - cells)


def record_usage(kiosk: Kiosk) -> UsageRecorder | None:
    """Count the running kiosk's usage, as its config says (None: `usage_counts` is off);
    staff diagnostics get the last 30 days."""
    loaded = kiosk.loaded_config
    if not loaded.config.usage_counts:
        return None
    store = UsageStore(loaded.state_folder() / USAGE_NAME, loaded.config.usage_retention_days)
    recorder = UsageRecorder(store, session=kiosk.session, speech=kiosk.speech, idle=kiosk.idle)
    faq, toolbar = kiosk.window.faq, kiosk.window.toolbar
    # After ReadAloud's own slots (connected when the kiosk was built): speech has started.
    faq.read_requested.connect(recorder.read_started)
    toolbar.read_aloud_clicked.connect(lambda: recorder.read_started(kiosk.session.open_question))
    kiosk.health.usage = recorder.summary_lines
    return recorder
