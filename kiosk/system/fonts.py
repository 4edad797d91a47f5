"""The bundled font (Noto Sans: full Vietnamese coverage, OFL licence beside it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from kiosk.system import resources

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FontReport:
    """What happened to one bundled font file."""

    path: Path
    families: tuple[str, ...]
    error: str = ""


def load_bundled_fonts() -> list[FontReport]:
    """Register every bundled .ttf with Qt (needs a QGuiApplication)."""
    reports = []
    folder = resources.fonts_dir()
    files = sorted(folder.glob("*.ttf"))
    if not files:
        reports.append(FontReport(folder, (), "no bundled font files found"))
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            reports.append(FontReport(path, (), "Qt could not load this font file"))
        else:
            reports.append(FontReport(path, tuple(QFontDatabase.applicationFontFamilies(font_id))))
    for report in reports:
        if report.error:
            log.error(
                "Font %s: %s; falling back to the system's sans-serif", report.path, report.error
            )
    return reports
