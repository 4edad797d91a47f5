"""Ed25519 signatures of `.faqbundle` archives: who published this content.

A signature is a detached file beside the archive, `ARCHIVE.sig` (so `pack` stays
reproducible and an archive is the same bytes signed or not). It signs the SHA-256 of
the whole archive file, prefixed by a fixed context string (`CONTEXT`), with Ed25519
(the `cryptography` library). The formats are plain text, one value a line:

- public key (`KEY.pub`, and the config's `content_public_key`): the 32-byte raw
  Ed25519 public key in base64, 44 characters;
- private key (`KEY`, mode 0600, never on a kiosk): the line `PRIVATE_HEADER`, then the
  32-byte raw private key in base64;
- signature (`ARCHIVE.sig`): the line `SIGNATURE_HEADER`, then `key-id <id>` (the first
  16 hex digits of the SHA-256 of the public key, to name the key in messages), then the
  64-byte signature in base64.

`signature_problem` says why an archive is not signed by a given key (a sentence for
IT), or None.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the library loads only to make or check a signature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

#: What is signed: this, then the SHA-256 of the archive's bytes.
CONTEXT = b"faq-kiosk content archive signature v1\n"
#: The first line of a signature file.
SIGNATURE_HEADER = "faq-kiosk signature v1 ed25519"
#: The first line of a private key file.
PRIVATE_HEADER = "faq-kiosk private key v1 ed25519 (keep secret; never copy to a kiosk)"
#: The ending of a signature file's name, after the archive's.
SIG_SUFFIX = ".sig"
#: The largest signature file read.
MAX_SIGNATURE_BYTES = 4096
_KEY_BYTES, _SIGNATURE_BYTES = 32, 64
_CHUNK = 1024 * 1024


class SigningKeyError(ValueError):
    """A key file or key text that is not a usable key (the message says why)."""


def signature_path(archive: Path) -> Path:
    """Where the signature of *archive* is: beside the file a link of it leads to."""
    real = Path(os.path.realpath(archive))
    return real.with_name(real.name + SIG_SUFFIX)


def archive_digest(archive: Path) -> bytes:
    """The SHA-256 of the archive's bytes (raises OSError)."""
    digest = hashlib.sha256()
    with archive.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.digest()


def key_id(public_key: bytes) -> str:
    """A short name of a public key for messages: 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def public_key_problem(text: str) -> str | None:
    """Why *text* is not a public key in the kiosk's format, or None."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return "is not base64 (a public key is 44 characters, from `faq-kiosk content keygen`)"
    if len(raw) != _KEY_BYTES:
        return f"is {len(raw)} bytes, not the {_KEY_BYTES} of an Ed25519 public key"
    return None


def parse_public_key(text: str) -> bytes:
    """The raw public key in *text*; raises `SigningKeyError`."""
    if (problem := public_key_problem(text)) is not None:
        raise SigningKeyError(f"public key {problem}")
    return base64.b64decode(text.strip(), validate=True)


def generate_key(out: Path) -> str:
    """Write a new private key to *out* (mode 0600; refuses to replace a file) and its
    public key to `OUT.pub`; return the public key text."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = base64.b64encode(
        private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(f"{PRIVATE_HEADER}\n{base64.b64encode(raw).decode()}\n")
    out.with_name(out.name + ".pub").write_text(public + "\n", encoding="ascii")
    return public


def read_private_key(path: Path) -> Ed25519PrivateKey:
    """The private key in the file *path*; raises `SigningKeyError` or OSError."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    text = path.read_text(encoding="ascii", errors="replace").splitlines()
    if len(text) < 2 or text[0].strip() != PRIVATE_HEADER:  # noqa: PLR2004
        raise SigningKeyError(f"{path} is not a private key from `faq-kiosk content keygen`")
    try:
        raw = base64.b64decode(text[1].strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != _KEY_BYTES:
        raise SigningKeyError(f"{path}: the private key is damaged (not 32 bytes of base64)")
    return Ed25519PrivateKey.from_private_bytes(raw)


def sign(archive: Path, private_key: Ed25519PrivateKey) -> Path:
    """Sign *archive*; write (atomically) and return its signature file."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signature = private_key.sign(CONTEXT + archive_digest(archive))
    text = f"{SIGNATURE_HEADER}\nkey-id {key_id(public)}\n{base64.b64encode(signature).decode()}\n"
    target = signature_path(archive)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="ascii")
    partial.replace(target)
    return target


def signature_problem(
    archive: Path, public_key: bytes, signature: Path | None = None, digest: bytes | None = None
) -> str | None:
    """Why *archive* is not signed by *public_key* (its signature file is *signature*,
    default `signature_path(archive)`), as a sentence for IT; None if it is. *digest* is
    the archive's `archive_digest` when the caller has it already."""
    signature = signature or signature_path(archive)
    expected = key_id(public_key)
    try:
        with signature.open("rb") as file:
            data = file.read(MAX_SIGNATURE_BYTES + 1)
    except FileNotFoundError:
        return (
            f"is not signed (no {signature.name} beside it), and only archives signed "
            "with content_public_key are accepted; sign it with `faq-kiosk content sign`"
        )
    except OSError as error:
        return f"has a signature file {signature} that cannot be read ({error.strerror})"
    lines = data.decode("ascii", errors="replace").splitlines()
    if len(data) > MAX_SIGNATURE_BYTES or len(lines) < 3 or lines[0].strip() != SIGNATURE_HEADER:  # noqa: PLR2004
        return f"has a signature file {signature.name} that is not a faq-kiosk signature"
    signer = lines[1].strip().removeprefix("key-id ").strip()
    try:
        raw = base64.b64decode(lines[2].strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != _SIGNATURE_BYTES:
        return f"has a damaged signature in {signature.name} (not 64 bytes of base64)"
    if signer != expected:
        return (
            f"is signed with another key (key id {signer}), not the public key accepted "
            f"here (key id {expected}): sign it with the district's current key, or "
            "update content_public_key after a key rotation"
        )
    try:
        digest = digest or archive_digest(archive)
    except OSError as error:
        return f"cannot be read to check its signature ({error.strerror or error})"
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw, CONTEXT + digest)
    except InvalidSignature:
        return (
            f"does not match its signature {signature.name}: the archive or the "
            "signature was changed after signing (or the archive was packed again "
            "without signing it again)"
        )
    return None
