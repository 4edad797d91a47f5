"""The staff PIN as the kiosk stores it: only a salted scrypt hash, in a file only root
and the kiosk can read (`staff.pin_file`, by default `staff-pin` beside the config),
compared in constant time, written by `faq-kiosk set-pin` (the lock-out rule is
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

from kiosk.config.tomlfile import Issue, read_bounded
from kiosk.system.files import atomic_write, others_can_read, real_target

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
#: The scrypt parameters a stored hash may use: enough work to slow a search down, not
#: so much that one attempt takes the kiosk's memory or seconds of its UI thread.
MIN_N_LOG2, MAX_N_LOG2 = 14, 20
MAX_R, MAX_P = 16, 4
MAX_SCRYPT_BYTES = 128 * 1024 * 1024  # scrypt needs 128 * N * r bytes
#: The PIN file's name beside the config, and its largest size (one line is ~110 bytes).
PIN_FILE_NAME = "staff-pin"
MAX_PIN_FILE_BYTES = 4096
#: The group the kiosk runs in (packaging/deb/postinst makes it).
KIOSK_GROUP = "kiosk"
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
    """Why *stored* is not a hash `hash_pin` made, or one with scrypt parameters out of
    bounds; None if it is usable (or empty)."""
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
    n, r, p = (int(part) for part in parts[1:4])
    if n.bit_count() != 1 or not MIN_N_LOG2 <= n.bit_length() - 1 <= MAX_N_LOG2:
        return f"has scrypt N={n}; it must be a power of 2 from 2^{MIN_N_LOG2} to 2^{MAX_N_LOG2}"
    if not (1 <= r <= MAX_R and 1 <= p <= MAX_P):
        return f"has scrypt r={r}, p={p}; r must be 1 to {MAX_R} and p 1 to {MAX_P}"
    if 128 * n * r > MAX_SCRYPT_BYTES:
        return (
            f"has scrypt N={n}, r={r}, which needs {128 * n * r // 2**20} MiB per attempt "
            f"(at most {MAX_SCRYPT_BYTES // 2**20} MiB)"
        )
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """True if *pin* matches *stored*; the comparison takes the same time either way.
    A hash that cannot be checked never matches."""
    if not stored or pin_hash_problem(stored):
        return False
    _, n, r, p, salt, expected = stored.split("$")
    try:
        digest = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=2 * MAX_SCRYPT_BYTES,
            dklen=32,
        )
    except (ValueError, MemoryError):  # what OpenSSL refuses on this machine
        return False
    return hmac.compare_digest(_b64(digest), expected)


def read_pin_file(path: Path) -> str:
    """The hash stored in the PIN file *path* ("" if it is empty). Raises OSError or
    ValueError saying why it cannot be used."""
    raw = read_bounded(path, MAX_PIN_FILE_BYTES)
    try:
        stored = raw.decode("ascii").strip()
    except UnicodeDecodeError as error:
        raise ValueError("holds something other than a PIN hash") from error
    if problem := pin_hash_problem(stored):
        raise ValueError(problem)
    return stored


def stored_pin_hash(
    config_path: Path | None, inline: str, pin_path: Path | None, named: bool
) -> tuple[str, list[Issue]]:
    """The hash the kiosk uses: the PIN file's (*pin_path*, *named* in the config or
    found beside it) when it holds one, else the config's old *inline* one; with the
    problems to report. A hash others can read is one (a 4-digit PIN falls to an
    offline search in minutes), though the kiosk still uses it."""
    issues: list[Issue] = []

    def report(key: str, message: str) -> None:  # against the config, which names the file
        issues.append(Issue(config_path, None, message, key))

    if inline and config_path is not None and others_can_read(config_path):
        report(
            "staff.pin_hash",
            "the PIN hash is in a file every user of this machine can read; run "
            f"`faq-kiosk set-pin` to move it to {pin_path}",
        )
    if pin_path is None or not (named or os.path.lexists(pin_path)):
        return inline, issues
    try:
        stored = read_pin_file(pin_path)
        if others_can_read(pin_path):
            report(
                "staff.pin_file",
                f"every user of this machine can read the PIN hash in {pin_path}; make it "
                "0640 root:kiosk (`chmod 0640`, `chown root:kiosk`)",
            )
    except OSError as error:
        report("staff.pin_file", f"cannot read the PIN file {pin_path}: {error.strerror}")
        return inline, issues
    except ValueError as error:
        report("staff.pin_file", f"the PIN file {pin_path} {error}")
        return inline, issues
    return stored or inline, issues


def write_pin_file(path: Path, pin_hash: str) -> None:
    """Store *pin_hash* in the PIN file *path* (its symlinks followed), atomically. An
    existing file keeps its mode, owner and group; a new one is 0640 root:kiosk when
    root writes it on a machine with a `kiosk` group (what the .deb makes), else 0600."""
    group = _kiosk_group()
    mode = 0o640 if group is not None else 0o600
    atomic_write(path, (pin_hash + "\n").encode("ascii"), new_mode=mode, new_group=group)


def _kiosk_group() -> int | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import grp

    try:
        return grp.getgrnam(KIOSK_GROUP).gr_gid
    except KeyError:
        return None


_STAFF_HEADER = re.compile(r"^\s*\[\s*staff\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=")


def without_pin_hash(config_text: str) -> str | None:
    """*config_text* without its `[staff] pin_hash` line, or None if it has none."""
    lines = config_text.splitlines()
    in_staff = False
    for index, text in enumerate(lines):
        if _STAFF_HEADER.match(text):
            in_staff = True
        elif _ANY_HEADER.match(text):
            in_staff = False
        elif in_staff and _PIN_LINE.match(text):
            del lines[index]
            return "\n".join(lines) + "\n"
    return None


def remove_pin_hash(config_path: Path) -> bool:
    """Take an old `[staff] pin_hash` out of the config file (its symlinks followed,
    mode and owner kept); whether there was one."""
    target = real_target(config_path)
    if not target.is_file():
        return False
    updated = without_pin_hash(target.read_text(encoding="utf-8"))
    if updated is None:
        return False
    tomllib.loads(updated)  # never write a file the kiosk cannot read
    atomic_write(target, updated.encode("utf-8"))
    return True
