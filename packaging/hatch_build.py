"""Hatch build hook: compile the gettext catalogs (i18n/*/LC_MESSAGES/kiosk.po → .mo).

Runs for wheels and editable installs alike, so an installed kiosk and a source
checkout both find compiled catalogs. Uses babel, a build requirement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(i18n_dir: Path) -> list[Path]:
    """Compile every kiosk.po under *i18n_dir*; return the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(i18n_dir.glob("*/LC_MESSAGES/kiosk.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Compile catalogs before the wheel (or editable wheel) is assembled."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root) / "i18n")
