"""Where the bundled resources live: installed wheel, editable checkout or frozen build.

An installed wheel carries `resources/` and `i18n/` inside the package (see
pyproject.toml); a source checkout keeps them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # kiosk/


def _first_existing(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found beside {_PACKAGE_DIR}")


def resources_dir() -> Path:
    """The folder holding content/, fonts/ and icons."""
    return _first_existing("resources")


def content_dir() -> Path:
    """The bundled FAQ content bundle."""
    return resources_dir() / "content"


def fonts_dir() -> Path:
    """The bundled fonts and their licence."""
    return resources_dir() / "fonts"


def i18n_dir() -> Path:
    """The gettext catalogs: <lang>/LC_MESSAGES/kiosk.mo."""
    return _first_existing("i18n")
