"""The staff PIN as the config stores it: only a salted scrypt hash, compared in constant
time, written into the config file by `faq-kiosk set-pin` (the lock-out rule is
kiosk/state/pin_guard.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from pathlib import Path

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PIN_DIGITS, MAX_PIN_DIGITS = 4, 12
#: The `$`-separated fields of a stored hash.
HASH_FIELDS = ("scrypt", "n", "r", "p", "salt", "digest")
PIN_PATTERN = re.compile(rf"^[0-9]{{{MIN_PIN_DIGITS},{MAX_PIN_DIGITS}}}$")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """A storable hash of *pin*: "scrypt$N$r$p$salt$hash" (base64)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def pin_hash_problem(stored: str) -> str | None:
    """Why *stored* is not a hash `hash_pin` made, or None if it is (or is empty)."""
    if not stored:
        return None
    parts = stored.split("$")
    well_formed = len(parts) == len(HASH_FIELDS) and parts[0] == HASH_FIELDS[0]
    if not well_formed or not all(p.isdigit() for p in parts[1:4]):
        return "is not a hash written by `faq-kiosk set-pin`"
    try:
        base64.b64decode(parts[4], validate=True)
        base64.b64decode(parts[5], validate=True)
    except ValueError:
        return "is not a hash written by `faq-kiosk set-pin`"
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """True if *pin* matches *stored*; the comparison takes the same time either way."""
    if not stored or pin_hash_problem(stored):
        return False
    _, n, r, p, salt, expected = stored.split("$")
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(_b64(digest), expected)


_STAFF_HEADER = re.compile(r"^\s*\[\s*staff\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=")


def with_pin_hash(config_text: str, pin_hash: str) -> str:
    """*config_text* with `[staff] pin_hash` set to *pin_hash*; everything else kept."""
    line = f'pin_hash = "{pin_hash}"'
    lines = config_text.splitlines()
    in_staff, staff_at = False, None
    for index, text in enumerate(lines):
        if _STAFF_HEADER.match(text):
            in_staff, staff_at = True, index
        elif _ANY_HEADER.match(text):
            in_staff = False
        elif in_staff and _PIN_LINE.match(text):
            lines[index] = line
            break
    else:
        if staff_at is not None:
            lines.insert(staff_at + 1, line)
        else:
            lines += ["", "[staff]", line]
    return "\n".join(lines) + "\n"


def write_pin_hash(config_path: Path, pin_hash: str) -> None:
    """Store *pin_hash* in the config file (created if missing), atomically, keeping the
    file's mode, owner and group (a config that is 0640 root:kiosk must stay readable
    by the kiosk user)."""
    text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    updated = with_pin_hash(text, pin_hash)
    tomllib.loads(updated)  # never write a file the kiosk cannot read
    config_path.parent.mkdir(parents=True, exist_ok=True)
    partial = config_path.with_name(f".{config_path.name}.{os.getpid()}.tmp")
    partial.write_text(updated, encoding="utf-8")
    if config_path.exists():
        old = config_path.stat()
        if hasattr(os, "chown"):  # not on Windows, where the folder's ACL applies
            try:
                os.chown(partial, old.st_uid, old.st_gid)
            except PermissionError:
                partial.unlink()
                raise
        os.chmod(partial, old.st_mode & 0o777)  # noqa: PTH101
    partial.replace(config_path)
