"""FAQ Kiosk: an accessible, offline, multilingual FAQ kiosk for school front offices."""

from __future__ import annotations


def version() -> str:
    """The installed package version ("unknown" when running from an unpacked tree)."""
    from importlib import metadata  # about 40 ms: not at start-up

    try:
        return metadata.version("faq-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown"
