"""ContentStore: the bundle on screen, and the rule that a bad bundle never blanks it.

The source may be a bundle folder or a `.faqbundle` archive (kiosk/content/archive.py,
verified before it is read). When a load replaces the bundle on screen with a different
one, the replaced bundle is kept (in memory, one deep) so staff can roll back to it;
rolling back swaps the two, so a second roll back undoes the first.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config, LoadedConfig
from kiosk.config.tomlfile import Issue
from kiosk.content.archive import load_content
from kiosk.content.loader import BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle
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
    """

    changed = Signal()
    load_failed = Signal(list)
    reloaded = Signal(bool)
    _read_done = Signal(object)  # from the reading thread: a bundle, or a list of issues

    def __init__(self, urls: dict[str, str], mark_unreviewed: bool = False) -> None:
        super().__init__()
        self._urls, self._mark_unreviewed = urls, mark_unreviewed
        self._bundle: ContentBundle | None = None
        self._previous: ContentBundle | None = None
        self._reading = False
        self.issues: list[Issue] = []
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
    def reloading(self) -> bool:
        """True while a `reload` reads its bundle."""
        return self._reading

    def load(self, folder: Path | None) -> bool:
        """Load *folder*, a bundle folder or archive (None: the bundled FAQ), now. On
        failure keep what is shown."""
        return self._apply(_read(folder))

    def reload(self, folder: Path | None) -> bool:
        """Load *folder* in the background, so a large bundle never stalls the screen
        (or the watchdog); `reloaded` says how it went. False if one is already running."""
        if self._reading:
            return False
        self._reading = True
        threading.Thread(
            target=lambda: self._read_done.emit(_read(folder)), name="content-reload", daemon=True
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

    def _finish_reload(self, result: ContentBundle | list[Issue]) -> None:
        self._reading = False
        self.reloaded.emit(self._apply(result))

    def _apply(self, result: ContentBundle | list[Issue]) -> bool:
        if isinstance(result, list):
            self.issues = result
            for issue in result:
                log.error("Content bundle rejected: %s", issue)
            self.load_failed.emit(result)
            return False
        self.issues = []
        for warning in result.warnings:
            log.warning("Content: %s", warning)
        bundle = self._prepare(result)
        if self._bundle is not None and bundle != self._bundle:
            self._previous = self._bundle  # the same bundle again keeps the older one
        self._bundle = bundle
        self.changed.emit()
        return True

    def _prepare(self, bundle: ContentBundle) -> ContentBundle:
        return replace(bundle.with_link_urls(self._urls), mark_unreviewed=self._mark_unreviewed)


def _read(folder: Path | None) -> ContentBundle | list[Issue]:
    # The bundle in *folder*, or why not. Total: whatever goes wrong is an issue.
    source = folder or resources.content_dir()
    try:
        return load_content(source)
    except BundleInvalidError as invalid:
        return invalid.issues
    except Exception as error:  # a bug must not cost the kiosk its content
        log.exception("Content bundle %s could not be loaded", source)
        return [Issue(source, None, f"could not be loaded ({type(error).__name__}: {error})")]
