"""FAQ Kiosk: an accessible, offline, multilingual FAQ kiosk for school front offices."""

from __future__ import annotations

from importlib import metadata


def version() -> str:
    """The installed package version ("unknown" when running from an unpacked tree)."""
    try:
        return metadata.version("faq-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown"
