"""ContentStore: the bundle on screen, and the rule that a bad bundle never blanks it.

The source may be a bundle folder or a `.faqbundle` archive (kiosk/content/archive.py,
verified before it is read, and signed when the config names a public key:
kiosk/content/reading.py). When a load replaces the bundle on screen with a different
one, the replaced bundle is kept (in memory, one deep) so staff can roll back to it;
rolling back swaps the two, so a second roll back undoes the first.

With a `ContentHistory` (the running kiosk's, in its state folder), the last two good
archives are also kept on disk: a refused archive at start-up shows the last good one
instead of the bundled FAQ, and a new archive that fails to render (`render_failed`) or
crashes the kiosk twice within a minute (`note_crash`, `note_start`) is rolled back
automatically, refused from then on, and the event kept in `last_rollback`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config, LoadedConfig
from kiosk.config.tomlfile import Issue
from kiosk.content.history import ContentHistory
from kiosk.content.loader import load_bundle
from kiosk.content.model import ContentBundle
from kiosk.content.reading import ReadResult, read_content, read_kept
from kiosk.system import resources

log = logging.getLogger(__name__)


def link_urls(loaded: LoadedConfig) -> dict[str, str]:
    """URLs the config gives for content links (the feedback form included)."""
    return {"feedback": loaded.config.feedback_url, **loaded.config.links}


def offered_languages(bundle: ContentBundle, config: Config) -> list[str]:
    """The languages visitors can choose: the config's choice among *bundle*'s, without
    those not all reviewed when `unreviewed_translations = "hide"` (the source language
    is always reviewed, so one is always left)."""
    languages = config.offered_languages(bundle.languages)
    if config.unreviewed_translations != "hide":
        return languages
    return [language for language in languages if not bundle.unreviewed(language)] or [
        bundle.source_language
    ]


def configured_folder(loaded: LoadedConfig) -> Path | None:
    """The content folder or archive named by the config, or None for the bundled one."""
    value = loaded.config.content_dir
    return loaded.resolve_path(value) if value else None


class ContentStore(QObject):
    """Holds the current bundle; `load` and `reload` replace it only with a valid one.

    Signals:
        changed(): a new bundle is current (loaded, or rolled back to).
        load_failed(list): a bundle was rejected (list of `Issue`); the old one stays.
        reloaded(bool): a `reload` has ended, with a new bundle (True) or the old one.
        rolled_back(str): the kiosk went back to the previous bundle by itself (why).
    """

    changed = Signal()
    load_failed = Signal(list)
    reloaded = Signal(bool)
    rolled_back = Signal(str)
    _read_done = Signal(object)  # from the reading thread: a ReadResult

    def __init__(
        self,
        urls: dict[str, str],
        mark_unreviewed: bool = False,
        *,
        public_key: str = "",
        history: ContentHistory | None = None,
    ) -> None:
        super().__init__()
        self._urls, self._mark_unreviewed = urls, mark_unreviewed
        self._public_key, self._history = public_key, history
        self._bundle: ContentBundle | None = None
        self._previous: ContentBundle | None = None
        self._reading = False
        self._shown_sha = ""  # the checksum of the archive on screen, if one is kept
        self.issues: list[Issue] = []
        self._rollback: str | None = history.last_rollback if history is not None else None
        self._read_done.connect(self._finish_reload)  # queued: runs on the UI thread

    @property
    def bundle(self) -> ContentBundle:
        """The bundle on screen (the bundled FAQ until something else loads)."""
        if self._bundle is None:
            self._bundle = self._prepare(load_bundle(resources.content_dir()))
        return self._bundle

    @property
    def previous(self) -> ContentBundle | None:
        """The bundle the last load replaced, for `roll_back` (None: nothing to go back to)."""
        return self._previous

    @property
    def last_rollback(self) -> str | None:
        """When, from what to what and why the kiosk last rolled its content back by
        itself (kept across restarts with a history), or None: for diagnostics and health."""
        return self._rollback

    @property
    def reloading(self) -> bool:
        """True while a `reload` reads its bundle."""
        return self._reading

    def load(self, folder: Path | None) -> bool:
        """Load *folder*, a bundle folder or archive (None: the bundled FAQ), now. On
        failure keep what is shown (at start-up: the last good archive kept, if any)."""
        return self._apply(self._read(folder))

    def reload(self, folder: Path | None) -> bool:
        """Load *folder* in the background, so a large bundle never stalls the screen
        (or the watchdog); `reloaded` says how it went. False if one is already running."""
        if self._reading:
            return False
        self._reading = True
        threading.Thread(
            target=lambda: self._read_done.emit(self._read(folder)),
            name="content-reload",
            daemon=True,
        ).start()
        return True

    def roll_back(self) -> bool:
        """Show the previous bundle again (the current one becomes the previous). False,
        changing nothing, if there is none or a reload is under way."""
        if self._previous is None or self._reading:
            return False
        self.issues = []
        self._bundle, self._previous = self._previous, self._bundle
        log.info("Content rolled back to %s version %s", self._bundle.id, self._bundle.version)
        self.changed.emit()
        return True

    def note_start(self) -> None:
        """The kiosk run starts (call before `load`): a run before it that never ended
        cleanly counts as a crash of its content."""
        if self._history is not None and self._history.note_start():
            self._roll_back_automatically("crashed the kiosk twice within a minute")

    def note_crash(self) -> None:
        """The crash guard caught an exception: count it against the current content."""
        if self._shows_kept() and self._history is not None and self._history.note_crash():
            self._roll_back_automatically("crashed the kiosk twice within a minute")

    def note_stop(self) -> None:
        """The kiosk run ends cleanly."""
        if self._history is not None:
            self._history.note_stop()

    def render_failed(self, error: BaseException) -> bool:
        """Building the screens for the current bundle raised *error*: go back to the
        previous one. False if there is none to go back to."""
        why = f"failed to render ({type(error).__name__}: {error})"
        log.error("Content %s version %s %s", self.bundle.id, self.bundle.version, why)
        return self._roll_back_automatically(why)

    def _roll_back_automatically(self, why: str) -> bool:
        shown, history = self._bundle, self._history
        good: ContentBundle | None = None
        good_sha = ""
        if (
            history is not None
            and history.previous is not None
            and (shown is None or self._shows_kept())
        ):
            history.roll_back(why)
            self._rollback = history.last_rollback
            kept = read_kept(history, self._public_key)
            if kept is not None and history.current is not None:
                good, good_sha = self._prepare(kept), history.current.sha256
        if good is None and shown is not None and self._previous is not None:
            good = self._previous
            self._rollback = f"{_describe(shown)} {why}; rolled back to {_describe(good)}"
            log.error("Content rolled back automatically: %s", self._rollback)
        if shown is None:  # at start-up, before anything is shown: load() follows
            return good is not None
        if good is None:
            return False
        self._bundle, self._previous, self._shown_sha = good, None, good_sha
        self.issues = [Issue(Path(shown.source), None, why)]
        self.rolled_back.emit(self._rollback or why)
        self.changed.emit()
        return True

    def _shows_kept(self) -> bool:
        # True if the bundle on screen is the history's current archive.
        current = self._history.current if self._history is not None else None
        return current is not None and current.sha256 == self._shown_sha

    def _read(self, folder: Path | None) -> ReadResult:
        return read_content(folder, self._public_key, self._history)

    def _finish_reload(self, result: ReadResult) -> None:
        self._reading = False
        self.reloaded.emit(self._apply(result))

    def _apply(self, result: ReadResult) -> bool:
        if result.bundle is None:
            self.issues = result.issues
            for issue in result.issues:
                log.error("Content bundle rejected: %s", issue)
            if self._bundle is None:
                self._show_kept()
            self.load_failed.emit(result.issues)
            return False
        if result.staged is not None and self._history is not None:
            try:
                self._history.adopt(
                    result.staged, result.sha256, result.bundle.id, result.bundle.version
                )
            except OSError as error:  # shown all the same; only not kept
                log.error("Content archive not kept in %s: %s", self._history.folder, error)
        self._shown_sha = result.sha256 if result.staged is not None else ""
        self.issues = []
        for warning in result.bundle.warnings:
            log.warning("Content: %s", warning)
        bundle = self._prepare(result.bundle)
        if self._bundle is not None and bundle != self._bundle:
            self._previous = self._bundle  # the same bundle again keeps the older one
        self._bundle = bundle
        self.changed.emit()
        return True

    def _show_kept(self) -> None:
        # At start-up the configured content was refused: the last good archive, if kept.
        if self._history is None:
            return
        kept = read_kept(self._history, self._public_key)
        if kept is not None:
            log.warning("Showing the last good content kept, %s", kept.source)
            self._bundle = self._prepare(kept)
            self._shown_sha = self._history.current.sha256 if self._history.current else ""

    def _prepare(self, bundle: ContentBundle) -> ContentBundle:
        return replace(bundle.with_link_urls(self._urls), mark_unreviewed=self._mark_unreviewed)


def _describe(bundle: Any) -> str:
    if bundle is None:
        return "the content"
    return f"{bundle.id} version {bundle.version}"
