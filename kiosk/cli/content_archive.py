"""`faq-kiosk content pack` and `faq-kiosk content verify`: one file to publish a bundle.

`pack DIR` checks the bundle folder and writes `<id>-<version>.faqbundle` (or `--out`);
`verify FILE` says whether an archive is whole and unaltered, and loads, and, given a
public key (`--public-key`, or the config's `content_public_key`), whether FILE.sig
signs it with that key. Format and limits: kiosk/content/archive.py, signing.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.config import find_config, load_config
from kiosk.content import BundleInvalidError
from kiosk.content.archive import SUFFIX, default_name, load_archive, pack, verify
from kiosk.content.loader import load_bundle
from kiosk.content.signing import SigningKeyError, key_id, parse_public_key, signature_problem

#: Exit statuses (kiosk/cli/content.py).
OK, PROBLEMS = 0, 1


def register(subparsers: Any) -> None:
    """Add `pack` and `verify` to the `faq-kiosk content` group."""
    packer: argparse.ArgumentParser = subparsers.add_parser(
        "pack",
        help=f"check a bundle folder and pack it into one {SUFFIX} file",
        description=(
            f"Check the bundle in DIR and pack it into one {SUFFIX} file, with a "
            "checksum of every file, ready to copy to the kiosks. A bundle with "
            "problems is not packed."
        ),
    )
    packer.add_argument("folder", type=Path, metavar="DIR", help="the bundle folder")
    packer.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help=f"the archive to write (default: ID-VERSION{SUFFIX} in the current folder; "
        "a folder: that name inside it)",
    )
    packer.set_defaults(run=run_pack)
    checker: argparse.ArgumentParser = subparsers.add_parser(
        "verify",
        help=f"check that a {SUFFIX} file is complete, unaltered and loads",
        description=(
            f"Check FILE, a {SUFFIX} archive: within its limits, every file present and "
            "matching its checksum, nothing added, and the bundle in it valid. Exit 0 if "
            "the kiosk can use it, 1 (with every problem) if not."
        ),
    )
    checker.add_argument("archive", type=Path, metavar="FILE", help=f"the {SUFFIX} archive")
    checker.add_argument(
        "--public-key",
        metavar="KEY",
        help="also check FILE.sig against this public key (its text, or a KEY.pub file); "
        "default: the config's content_public_key, if it names one",
    )
    checker.add_argument(
        "--config", type=Path, metavar="FILE", help="the config to take the public key from"
    )
    checker.set_defaults(run=run_verify)


def _report(error: BundleInvalidError, what: str) -> int:
    print(f"{what}:", file=sys.stderr)
    for issue in error.issues:
        print(f"  {issue}", file=sys.stderr)
    return PROBLEMS


def run_pack(options: argparse.Namespace) -> int:
    """Pack `options.folder` into `options.out`."""
    folder: Path = options.folder
    try:
        bundle = load_bundle(folder)
    except BundleInvalidError as invalid:
        return _report(invalid, f"{folder}: not packed, the bundle has problems")
    out: Path = options.out or Path(default_name(bundle))
    if out.is_dir():
        out = out / default_name(bundle)
    try:
        pack(folder, out)
    except BundleInvalidError as invalid:  # changed since it was checked just now
        return _report(invalid, f"{folder}: not packed, the bundle has problems")
    except OSError as error:
        print(f"{out}: cannot be written ({error})", file=sys.stderr)
        return PROBLEMS
    print(f"{out}: {bundle.id} version {bundle.version}, {len(bundle.question_ids)} questions")
    return OK


def _public_key(options: argparse.Namespace) -> tuple[str, str]:
    # The public key to check the signature with, and where it came from ("" if none).
    given: str | None = options.public_key
    if given:
        candidate = Path(given)
        if candidate.is_file():
            return candidate.read_text(encoding="ascii", errors="replace").strip(), str(candidate)
        return given.strip(), "--public-key"
    found = find_config(options.config, os.environ)
    if found is None:
        return "", ""
    return load_config(found).config.content_public_key, f"{found} (content_public_key)"


def run_verify(options: argparse.Namespace) -> int:
    """Verify `options.archive` and load the bundle in it."""
    path: Path = options.archive
    if problems := verify(path):
        return _report(BundleInvalidError(problems), f"{path}: refused")
    key, whose = _public_key(options)
    if key:
        try:
            problem = signature_problem(path, parse_public_key(key))
        except SigningKeyError as error:
            print(f"{whose}: {error}", file=sys.stderr)
            return PROBLEMS
        if problem is not None:
            print(f"{path}: refused, it {problem}", file=sys.stderr)
            return PROBLEMS
    try:
        bundle = load_archive(path)
    except BundleInvalidError as invalid:
        return _report(invalid, f"{path}: refused, the bundle in it has problems")
    print(
        f"{path}: OK, {bundle.id} version {bundle.version}, "
        f"{len(bundle.question_ids)} questions in {', '.join(bundle.languages)}"
    )
    if key:
        print(f"  signed with the key of {whose} (key id {key_id(parse_public_key(key))})")
    else:
        print("  signature not checked (no --public-key, and no content_public_key configured)")
    for warning in bundle.warnings:
        print(f"  warning: {warning}")
    return OK
