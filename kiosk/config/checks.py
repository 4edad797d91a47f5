"""What a config value must be: one check per kind of value, each returning why a value
is unusable (a sentence for the admin) or None. `SCHEMA` (settings.py) names which check
each setting uses; the content loader uses `url_problem` and `language_code_problem` too."""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: A language code as the kiosk takes it: BCP 47's language, then optional subtags
#: ("so", "es-419", "zh-Hant"). Which languages exist is up to the content bundle and the
#: interface catalogs, not the config (docs/architecture.md, Adding a language).
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
#: The longest URL (UTF-8 bytes) whose QR code still scans from the kiosk's 220 px codes:
#: QR version 12 at error level M, 3 px modules (kiosk/system/qr.py MIN_MODULE_PX). Measured
#: with zxing-cpp on the rendered card at half resolution: 287 decodes, 288 does not.
MAX_QR_URL_BYTES = 287

#: The size of an Ed25519 public key.
ED25519_KEY_BYTES = 32

Check = Callable[[Any], str | None]


def in_range(low: int, high: int) -> Check:
    return lambda value: None if low <= value <= high else f"must be from {low} to {high}"


def one_of(choices: tuple[Any, ...]) -> Check:
    allowed = ", ".join(repr(choice) for choice in choices)
    return lambda value: None if value in choices else f"must be one of {allowed}"


def url_problem(value: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """Why *value* is not a usable link for a QR code, or None if it is."""
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in value):
        return "must not contain spaces or invisible characters"
    if (length := len(value.encode("utf-8"))) > MAX_QR_URL_BYTES:
        return (
            f"is {length} bytes long: its QR code would be too dense to scan from the screen "
            f"(at most {MAX_QR_URL_BYTES}); use a shorter link, such as the form's short URL"
        )
    try:
        parts = urlsplit(value)
        hostname, _port = parts.hostname, parts.port  # each raises on a malformed part
    except ValueError as error:  # an unbalanced "[", a port that is not a number…
        return f"is not a valid URL ({error})"
    if parts.scheme not in schemes:
        return f"must be a URL starting with {' or '.join(s + ':' for s in schemes)}"
    if parts.scheme in ("http", "https"):
        if not hostname:
            return "must name a host, as in https://example.org/form"
        if parts.username is not None or parts.password is not None:
            return "must not contain a user name or password (anyone can read a QR code)"
    return None


def path_problem(value: str) -> str | None:
    try:
        Path(value).expanduser()
    except RuntimeError:  # "~name" of a user this machine does not have
        return "names the home folder of a user this machine does not have"
    return None


def public_key_problem(value: str) -> str | None:
    """Why *value* is not an Ed25519 public key as `faq-kiosk content keygen` prints it
    (base64 of 32 bytes), or None; empty is allowed (no signatures required)."""
    if not value:
        return None
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return "is not base64: paste the 44 characters `faq-kiosk content keygen` printed"
    if len(raw) != ED25519_KEY_BYTES:
        return f"is {len(raw)} bytes, not the {ED25519_KEY_BYTES} of an Ed25519 public key"
    return None


def web_url_problem(value: str) -> str | None:
    return url_problem(value)


def link_url_problem(value: str) -> str | None:
    return url_problem(value, ("http", "https", "tel")) if value else None


def language_code_problem(value: str) -> str | None:
    """Why *value* is not a language code, or None if it is."""
    if LANGUAGE_CODE.fullmatch(value):
        return None
    return f"{value!r} is not a language code (such as 'en', 'es-419' or 'so')"


def languages_problem(value: list[Any]) -> str | None:
    if any(not isinstance(item, str) for item in value):
        return "must be a list of language codes (strings)"
    for item in value:
        if problem := language_code_problem(item):
            return problem
    if len(set(value)) != len(value):
        return "lists a language twice"
    return None


def voices_problem(value: dict[str, Any]) -> str | None:
    for lang, voice in value.items():
        if problem := language_code_problem(lang):
            return problem
        if not isinstance(voice, str) or not voice:
            return f"voice for {lang!r} must be a non-empty string"
    return None


def keypad_problem(value: dict[str, Any]) -> str | None:
    from kiosk.config.keymap import key_map_problem  # Qt's key names; loaded only when configured

    return key_map_problem(value)


def links_problem(value: dict[str, Any]) -> str | None:
    for link_id, url in value.items():
        if not isinstance(url, str):
            return f"link {link_id!r} must be a URL string"
        if problem := link_url_problem(url):
            return f"link {link_id!r} {problem}"
    return None
