"""The running kiosk's health for IT: every `WRITE_MS` a `HealthSnapshot` goes to the
health file and the Prometheus textfile (`kiosk.system.status_files`).

The snapshot says whether frames are painted (`kiosk.system.frames`), what content is
shown, whether each language's voice can speak, how many visitors chose a language, how
often the kiosk has started, and the problems staff diagnostics list (config, content,
log, last crash). Starts are counted in the health file itself: each start reads the
last count and adds one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk import version
from kiosk.app.diagnostics import HealthState
from kiosk.app.root import Kiosk
from kiosk.config import LoadedConfig
from kiosk.content.store import ContentStore, offered_languages
from kiosk.speech.service import SpeechService
from kiosk.state.session import VisitorSession
from kiosk.system.frames import FrameClock
from kiosk.system.screen_reader import ScreenReaderWatch
from kiosk.system.status_files import (
    HEALTH_NAME,
    HealthFileError,
    HealthSnapshot,
    read_health,
    textfile_dir,
    write_health,
)

log = logging.getLogger(__name__)

#: How often the health file is replaced.
WRITE_MS = 30_000


class HealthReporter(QObject):
    """Writes the kiosk's `HealthSnapshot` every *write_ms* (and on `write`)."""

    def __init__(
        self,
        *,
        loaded: LoadedConfig,
        content: ContentStore,
        speech: SpeechService,
        session: VisitorSession,
        health: HealthState,
        screen_reader: ScreenReaderWatch,
        frames: FrameClock,
        write_ms: int = WRITE_MS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(frames)
        self._loaded = loaded
        self._content = content
        self._speech = speech
        self._session = session
        self._health = health
        self._screen_reader = screen_reader
        self.frames = frames
        self._clock = clock
        self._started = clock()
        self.state_dir = loaded.state_folder()
        configured = loaded.config.metrics_dir
        self.metrics_dir = textfile_dir(
            str(loaded.resolve_path(configured)) if configured not in ("", "off") else configured
        )
        self.starts = previous_starts(self.state_dir / HEALTH_NAME) + 1
        self.problem: str | None = None  # why the last write failed
        self._timer = QTimer(self)
        self._timer.setInterval(write_ms)
        self._timer.timeout.connect(self.write)

    def start(self) -> None:
        """Write now and then every interval."""
        self.write()
        self._timer.start()

    def snapshot(self) -> HealthSnapshot:
        """The kiosk's health now."""
        bundle = self._content.bundle
        now = self._clock()
        return HealthSnapshot(
            version=version(),
            pid=os.getpid(),
            updated=now,
            uptime_s=now - self._started,
            starts=self.starts,
            alive=self.frames.alive(),
            last_frame_age_s=self.frames.age(),
            content_id=bundle.id,
            content_version=bundle.version,
            content_source=str(bundle.source),
            speech={
                language: self._speech.availability(language)
                for language in offered_languages(bundle, self._loaded.config)
            },
            visitors=self._session.visits,
            screen=self._session.screen,
            screen_reader_running=self._screen_reader.running,
            config_path=str(self._loaded.path or "built-in defaults"),
            config_problems=[str(issue) for issue in self._loaded.issues],
            content_problems=[str(issue) for issue in self._content.issues],
            log_problem=self._health.log_problem(),
            last_crash=self._health.last_crash,
            last_rollback=self._content.last_rollback,
            resting=self._health.resting(),
        )

    def write(self) -> None:
        """Replace the health file and textfile; a failure is logged once and kept in
        `problem` (staff diagnostics), never raised."""
        try:
            write_health(self.snapshot(), self.state_dir, self.metrics_dir)
        except OSError as error:
            problem = f"cannot write the health files: {error}"
            if problem != self.problem:
                log.error("%s", problem)
            self.problem = problem
            return
        self.problem = None


def previous_starts(path: Path) -> int:
    """How many starts the health file at *path* counted (0: none, or unreadable)."""
    with contextlib.suppress(HealthFileError):
        starts = read_health(path).get("starts")
        if isinstance(starts, int) and not isinstance(starts, bool) and starts >= 0:
            return starts
    return 0


def report_health(kiosk: Kiosk) -> HealthReporter:
    """The running kiosk's health reporter, on a frame clock watching its window (start
    both after the first frame); staff diagnostics name the health file."""
    reporter = HealthReporter(
        loaded=kiosk.loaded_config,
        content=kiosk.content,
        speech=kiosk.speech,
        session=kiosk.session,
        health=kiosk.health,
        screen_reader=kiosk.screen_reader,
        frames=FrameClock(kiosk.window),
    )
    kiosk.health.health_file = lambda: reporter.problem or f"writing {reporter.state_dir}"
    return reporter
