"""ContentStore: the bundle on screen, and the rule that a bad bundle never blanks it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.config import LoadedConfig
from kiosk.config.tomlfile import Issue
from kiosk.content.loader import BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle
from kiosk.system import resources

log = logging.getLogger(__name__)


def link_urls(loaded: LoadedConfig) -> dict[str, str]:
    """URLs the config gives for content links (the feedback form included)."""
    return {"feedback": loaded.config.feedback_url, **loaded.config.links}


def configured_folder(loaded: LoadedConfig) -> Path | None:
    """The content folder named by the config, or None for the bundled one."""
    value = loaded.config.content_dir
    return loaded.resolve_path(value) if value else None


class ContentStore(QObject):
    """Holds the current bundle; `load` replaces it only with a valid one.

    Signals:
        changed(): a new bundle is current.
        load_failed(list): a bundle was rejected (list of `Issue`); the old one stays.
    """

    changed = Signal()
    load_failed = Signal(list)

    def __init__(self, urls: dict[str, str]) -> None:
        super().__init__()
        self._urls = urls
        self._bundle: ContentBundle | None = None
        self.issues: list[Issue] = []

    @property
    def bundle(self) -> ContentBundle:
        """The bundle on screen (the bundled FAQ until something else loads)."""
        if self._bundle is None:
            self._bundle = self._prepare(load_bundle(resources.content_dir()))
        return self._bundle

    def load(self, folder: Path | None) -> bool:
        """Load *folder* (None: the bundled FAQ). On failure keep what is shown."""
        try:
            bundle = load_bundle(folder or resources.content_dir())
        except BundleInvalidError as invalid:
            self.issues = invalid.issues
            for issue in invalid.issues:
                log.error("Content bundle rejected: %s", issue)
            self.load_failed.emit(invalid.issues)
            return False
        self.issues = []
        for warning in bundle.warnings:
            log.warning("Content: %s", warning)
        self._bundle = self._prepare(bundle)
        self.changed.emit()
        return True

    def _prepare(self, bundle: ContentBundle) -> ContentBundle:
        return bundle.with_link_urls(self._urls)
