"""`faq-kiosk content keygen` and `faq-kiosk content sign`: who published an archive.

`keygen --out KEY` makes an Ed25519 key pair: the private key KEY (0600; it stays with
whoever publishes content, never on a kiosk) and KEY.pub, the public key text the
kiosks' config names as `content_public_key`. `sign ARCHIVE --key KEY` writes
ARCHIVE.sig beside the archive. Formats: kiosk/content/signing.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.content.archive import SUFFIX, verify
from kiosk.content.signing import SigningKeyError, generate_key, read_private_key, sign

#: Exit statuses (kiosk/cli/content.py).
OK, PROBLEMS = 0, 1


def register(subparsers: Any) -> None:
    """Add `keygen` and `sign` to the `faq-kiosk content` group."""
    keygen: argparse.ArgumentParser = subparsers.add_parser(
        "keygen",
        help="make a key pair for signing content archives",
        description=(
            "Make an Ed25519 key pair: the private key FILE (readable only by you; keep "
            "it off the kiosks) and FILE.pub, the public key to set as "
            "content_public_key in the kiosks' config."
        ),
    )
    keygen.add_argument("--out", type=Path, required=True, metavar="FILE", help="private key")
    keygen.set_defaults(run=run_keygen)
    signer: argparse.ArgumentParser = subparsers.add_parser(
        "sign",
        help=f"sign a {SUFFIX} file (writes FILE.sig beside it)",
        description=(
            f"Check FILE, a {SUFFIX} archive, and sign it with the private key KEY: "
            "the signature goes to FILE.sig beside it; publish both files."
        ),
    )
    signer.add_argument("archive", type=Path, metavar="FILE", help=f"the {SUFFIX} archive")
    signer.add_argument("--key", type=Path, required=True, metavar="KEY", help="private key")
    signer.set_defaults(run=run_sign)


def run_keygen(options: argparse.Namespace) -> int:
    """Write a new key pair to `options.out` and `options.out`.pub."""
    out: Path = options.out
    pub = out.with_name(out.name + ".pub")
    if out.exists() or pub.exists():
        print(f"{out}: not written, it (or {pub.name}) exists already", file=sys.stderr)
        return PROBLEMS
    try:
        public = generate_key(out)
    except OSError as error:
        print(f"{out}: cannot be written ({error})", file=sys.stderr)
        return PROBLEMS
    print(f"{out}: private key (keep it secret, never on a kiosk)")
    print(f"{pub}: public key; in the kiosks' config.toml:")
    print(f'content_public_key = "{public}"')
    return OK


def run_sign(options: argparse.Namespace) -> int:
    """Sign `options.archive` with the key in `options.key`."""
    archive: Path = options.archive
    if problems := verify(archive):
        print(f"{archive}: not signed, the archive has problems:", file=sys.stderr)
        for issue in problems:
            print(f"  {issue}", file=sys.stderr)
        return PROBLEMS
    try:
        signature = sign(archive, read_private_key(options.key))
    except (SigningKeyError, OSError) as error:
        print(f"{archive}: not signed ({error})", file=sys.stderr)
        return PROBLEMS
    print(f"{signature}: signed; publish it beside {archive.name}")
    return OK
