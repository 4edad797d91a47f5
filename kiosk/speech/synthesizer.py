"""Synthesizer: sentence → cached WAV file, made by the worker process, never on the UI thread.

The UI side of kiosk/speech/worker.py. One job is in the worker at a time, so each can
be timed: a job that takes longer than `timeout_ms` gets the worker killed and replaced,
and so does a worker that dies. Urgent jobs (the sentence a visitor is waiting for) go
before background ones (warming the cache). Files are cached by voice + rate + text, in
the configured folder or, if it cannot be written to, a private temporary one
(kiosk/speech/cache.py; `cache_problem` says why, for staff diagnostics).
A worker with nothing to do for `idle_exit_ms` exits (about 15 MiB back for the rest of
an idle day); the next job starts a new one, in about 150 ms.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.speech import worker
from kiosk.speech.cache import CacheFolder, fallback, usable_cache
from kiosk.speech.protocol import (
    Died,
    Done,
    Failed,
    Fatal,
    ListVoices,
    Quit,
    Ready,
    Reply,
    Synthesize,
    Unwritable,
    Voice,
    Voices,
    resolve_voice,
)

if TYPE_CHECKING:  # multiprocessing loads with the first worker, not at start-up
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_MS = 5000
IDLE_EXIT_MS = 5000
MAX_START_FAILURES = 3


class SpeechProblem(StrEnum):
    """Why speech did not play (reported with `failed`; the views translate them)."""

    TIMEOUT = "timeout"
    CRASHED = "crashed"
    ERROR = "error"
    NO_VOICE = "no-voice"
    NO_ENGINE = "no-engine"


@dataclass(frozen=True)
class Job:
    """One sentence to synthesize."""

    key: str
    text: str
    voice: str  # as configured ("en-us"); resolved to an engine id when sent
    rate: int
    path: Path


class Synthesizer(QObject):
    """Makes WAV files for sentences in a worker process.

    Signals:
        ready(str, str): job key, WAV path.
        failed(str, str): job key, reason (a SpeechProblem).
        voices_known(object): the engine's voices (a tuple of Voice), once per worker start.
        engine_failed(str): the engine cannot start at all (why, for the log and check).
        worker_restarted(str): a hung or dead worker was replaced (reason).
    """

    ready = Signal(str, str)
    failed = Signal(str, str)
    voices_known = Signal(object)
    engine_failed = Signal(str)
    worker_restarted = Signal(str)
    _received = Signal(int, object)

    def __init__(
        self,
        cache_dir: Path,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        target: Callable[[Connection], None] = worker.main,
        idle_exit_ms: int = IDLE_EXIT_MS,
    ) -> None:
        super().__init__()
        self._cache_dir = cache_dir
        self._cache = CacheFolder(cache_dir)
        self._cache_checked = False
        self._target = target
        self._urgent: deque[Job] = deque()
        self._background: deque[Job] = deque()
        self._in_flight: Job | None = None
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._generation = 0
        self._worker_ready = False
        self._deaths_before_ready = 0
        self._voices: tuple[Voice, ...] | None = None
        self.engine_error: str | None = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(timeout_ms)
        self._watchdog.timeout.connect(self._on_timeout)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_exit_ms)
        self._idle.timeout.connect(self._on_idle)
        self._received.connect(self._on_message)

    # -- queries ------------------------------------------------------------------------

    @property
    def voices(self) -> tuple[Voice, ...] | None:
        """The engine's voices, or None until a worker has reported them."""
        return self._voices

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id (None when no worker runs)."""
        return self._process.pid if self._process is not None else None

    @property
    def busy(self) -> bool:
        """True while any job is queued or in the worker."""
        return bool(self._in_flight or self._urgent or self._background)

    @property
    def cache_folder(self) -> Path:
        """The folder WAV files are made in now."""
        return self._cache.path

    @property
    def cache_problem(self) -> str | None:
        """None, or why the configured cache folder is not used (a diagnostics line)."""
        return self._cache.problem

    def job(self, text: str, voice: str, rate: int) -> Job:
        """The job (and cache file) for *text* in *voice* at *rate*."""
        digest = hashlib.sha256(f"{voice}\0{rate}\0{text}".encode()).hexdigest()[:32]
        return Job(digest, text, voice, rate, self._cache.path / f"{digest}.wav")

    def file(self, job: Job) -> Path:
        """Where *job*'s WAV is made: in the cache folder in use now."""
        return self._cache.path / job.path.name

    def cached(self, job: Job) -> bool:
        """True if *job*'s file is already made."""
        try:
            return self.file(job).stat().st_size > worker.WAV_HEADER_BYTES
        except OSError:
            return False

    # -- requests -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker now (it also starts on the first request)."""
        if self._process is None and self.engine_error is None:
            self._spawn()

    def request(self, job: Job, urgent: bool = True) -> None:
        """Make *job*'s file; `ready` (or `failed`) follows, never synchronously."""
        if self.cached(job):
            path = str(self.file(job))
            QTimer.singleShot(0, self, lambda: self.ready.emit(job.key, path))
            return
        if self.engine_error is not None:
            QTimer.singleShot(0, self, lambda: self.failed.emit(job.key, SpeechProblem.NO_ENGINE))
            return
        queue = self._urgent if urgent else self._background
        if job not in queue and job != self._in_flight:
            queue.append(job)
        if urgent and job in self._background:
            self._background.remove(job)
        self._send_next()

    def cancel_urgent(self) -> None:
        """Forget queued urgent jobs (a new utterance starts); the one in the worker runs on."""
        self._urgent.clear()

    def cancel_background(self) -> None:
        """Forget queued cache-warming jobs."""
        self._background.clear()

    def shutdown(self) -> None:
        """Stop the worker (at exit)."""
        self._watchdog.stop()
        self._idle.stop()
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(Quit())
        self._stop_process(grace_s=1.0)
        if self._cache.path != self._cache_dir:  # a private fallback folder: not kept
            shutil.rmtree(self._cache.path, ignore_errors=True)

    # -- worker management --------------------------------------------------------------

    def _check_cache(self) -> None:
        if not self._cache_checked:  # once, with the first worker: not at start-up
            self._cache_checked = True
            self._use_cache(usable_cache(self._cache_dir))

    def _use_cache(self, cache: CacheFolder) -> None:
        self._cache = cache
        if cache.problem:
            log.warning("%s", cache.problem)

    def _spawn(self) -> None:
        self._check_cache()
        process, parent = worker.spawn(self._target)
        self._generation += 1
        self._process, self._conn, self._worker_ready = process, parent, False
        reader = threading.Thread(
            target=self._read,
            args=(parent, self._generation),
            name="faq-kiosk-speech-reader",
            daemon=True,
        )
        reader.start()
        log.info("Speech worker started (pid %s)", process.pid)

    def _read(self, conn: Connection, generation: int) -> None:
        # On its own thread: blocks on the pipe; the signal is queued to the UI thread.
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._received.emit(generation, Died())
                return
            self._received.emit(generation, message)

    def _stop_process(self, grace_s: float = 0.0) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn, self._worker_ready = None, None, False
        self._generation += 1  # whatever the old reader still says is ignored
        if process is not None:
            process.join(grace_s)
            if process.is_alive():
                process.kill()
                process.join(1.0)
        if conn is not None:
            conn.close()

    def _restart(self, reason: str) -> None:
        log.warning("Speech worker %s; restarting it", reason)
        self._stop_process()
        self.worker_restarted.emit(reason)
        if self._urgent or self._background:
            self._spawn()

    def _send_next(self) -> None:
        self._idle.stop()
        if self._in_flight is not None:
            return
        if self._process is None:
            if self.engine_error is None and (self._urgent or self._background):
                self._spawn()
            return
        if not self._worker_ready or self._voices is None:
            return  # sent once the worker has said which voices it has
        while self._urgent or self._background:
            job = (self._urgent or self._background).popleft()
            if self.cached(job):
                self.ready.emit(job.key, str(self.file(job)))
                continue
            voice_id = resolve_voice(job.voice, self._voices)
            if voice_id is None:
                self.failed.emit(job.key, SpeechProblem.NO_VOICE)
                continue
            assert self._conn is not None
            self._in_flight = job
            path = str(self.file(job))
            self._conn.send(Synthesize(job.key, job.text, voice_id, job.rate, path))
            self._watchdog.start()
            return
        self._idle.start()  # nothing left to do

    def _on_idle(self) -> None:
        if self._process is not None and not self.busy:
            log.info("Speech worker idle; stopping it until the next sentence")
            self._stop_process()  # the voices stay known

    @Slot(int, object)
    def _on_message(self, generation: int, message: Reply) -> None:
        if generation != self._generation:
            return
        match message:
            case Ready():
                self._worker_ready = True
                self._deaths_before_ready = 0
                assert self._conn is not None
                self._conn.send(ListVoices())
            case Voices(voices):
                self._voices = voices
                self.voices_known.emit(voices)
                self._send_next()
            case Done(key) | Failed(key):
                self._watchdog.stop()
                job, self._in_flight = self._in_flight, None
                if job is not None and job.key == key:
                    if isinstance(message, Done):
                        self.ready.emit(job.key, message.path)
                    else:
                        log.error("Speech synthesis failed for %r: %s", job.text, message.why)
                        self.failed.emit(job.key, SpeechProblem.ERROR)
                self._send_next()
            case Unwritable(key, folder, why):
                self._watchdog.stop()
                job, self._in_flight = self._in_flight, None
                if job is not None and job.key == key:
                    self._on_unwritable(job, Path(folder), why)
                self._send_next()
            case Fatal(why):
                self._give_up(why)
            case Died():
                self._on_died()

    def _on_died(self) -> None:
        self._watchdog.stop()
        job, self._in_flight = self._in_flight, None
        if job is not None:
            self.failed.emit(job.key, SpeechProblem.CRASHED)
        if not self._worker_ready:
            self._deaths_before_ready += 1
            if self._deaths_before_ready >= MAX_START_FAILURES:
                self._give_up("the speech worker dies as it starts")
                return
        self._restart("died")

    def _on_unwritable(self, job: Job, folder: Path, why: str) -> None:
        """The worker could not write *job*'s WAV into *folder*: try it once more in a
        fresh temporary folder; if that was the fallback already, *job* fails."""
        if folder == self._cache.path and self._cache.problem is None:
            self._use_cache(fallback(folder, why))
            if self._cache.path != folder:
                self._urgent.appendleft(job)
                return
        log.error("Speech synthesis failed for %r: cannot write to %s (%s)", job.text, folder, why)
        self.failed.emit(job.key, SpeechProblem.ERROR)

    def _give_up(self, why: str) -> None:
        log.error("No speech engine: %s", why)
        self._stop_process()
        self.engine_error = why
        pending = [*self._urgent, *self._background]
        self._urgent.clear()
        self._background.clear()
        self.engine_failed.emit(why)
        for job in pending:
            self.failed.emit(job.key, SpeechProblem.NO_ENGINE)

    def _on_timeout(self) -> None:
        job, self._in_flight = self._in_flight, None
        if job is not None:
            log.error("Speech synthesis of %r took over %d ms", job.text, self._watchdog.interval())
            self.failed.emit(job.key, SpeechProblem.TIMEOUT)
        self._restart("hung")
