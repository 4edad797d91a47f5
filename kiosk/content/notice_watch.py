"""Watching the notice folder: the notice to show now, and when that changes.

`NoticeWatch` re-reads the folder when a file in it changes (QFileSystemWatcher), every
`RESCAN_MS` as well (a watch can miss a change, or the folder may not exist yet), and
at the moment the shown notice expires.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.notice import Notice, active_notice

#: How often the folder is read again in any case.
RESCAN_MS = 30_000
#: The longest a single expiry timer waits (QTimer takes an int of milliseconds).
MAX_WAIT_MS = 24 * 3600 * 1000


def _now() -> datetime:
    return datetime.now().astimezone()


class NoticeWatch(QObject):
    """The notice in *folder* to show now (None: none).

    Signals:
        changed(object): the notice to show changed (a Notice, or None).
    """

    changed = Signal(object)

    def __init__(
        self,
        folder: Path | None,
        clock: Callable[[], datetime] = _now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._clock = clock
        self.notice: Notice | None = None
        self.problems: list[str] = []
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self.rescan)
        self._watcher.fileChanged.connect(self.rescan)
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.rescan)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.rescan)

    def start(self) -> None:
        """Read the folder now, then follow it."""
        if self.folder is None:
            return
        self.rescan()
        self._rescan.start()

    def rescan(self) -> None:
        """Read the folder again; `changed` if the notice to show is another."""
        if self.folder is None:
            return
        if self.folder.is_dir():
            watched = [str(self.folder), *(str(p) for p in self.folder.iterdir() if p.is_file())]
            missing = [
                path
                for path in watched
                if path not in self._watcher.files() + self._watcher.directories()
            ]
            if missing:
                self._watcher.addPaths(missing)
        now = self._clock()
        notice, self.problems = active_notice(self.folder, now)
        self._expiry.stop()
        if notice is not None:
            wait_ms = int((notice.expires - now).total_seconds() * 1000) + 1
            self._expiry.start(max(1, min(wait_ms, MAX_WAIT_MS)))
        if notice != self.notice:
            self.notice = notice
            self.changed.emit(notice)
