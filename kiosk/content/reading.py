"""Reading the configured content as the kiosk accepts it: a bundle folder, or an
archive that verifies (kiosk/content/archive.py) and, when the config names a public key,
is signed with it (kiosk/content/signing.py).

With a public key, only a signed `.faqbundle` archive is accepted: a bundle folder
cannot be signed, so it is refused (the bundled FAQ, part of the installed package, is
always accepted). With a `ContentHistory`, an archive is first copied into the history's
folder and the copy is verified and loaded (the file may be replaced meanwhile), and an
archive the kiosk rolled back is refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.config.tomlfile import Issue
from kiosk.content.archive import is_archive, load_archive
from kiosk.content.history import ContentHistory
from kiosk.content.loader import BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle
from kiosk.content.signing import (
    SIG_SUFFIX,
    archive_digest,
    parse_public_key,
    signature_path,
    signature_problem,
)
from kiosk.system import resources

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadResult:
    """A bundle (with, for an archive, its verified copy and checksum), or why not."""

    bundle: ContentBundle | None
    issues: list[Issue] = field(default_factory=list)
    staged: Path | None = None
    sha256: str = ""


def read_content(
    source: Path | None, public_key: str = "", history: ContentHistory | None = None
) -> ReadResult:
    """The bundle at *source* (None: the bundled FAQ), or every reason it is refused.
    Total: whatever goes wrong is an issue."""
    if source is None:
        source = resources.content_dir()
        public_key = ""  # installed with the kiosk itself
    try:
        return _read(source, public_key, history)
    except BundleInvalidError as invalid:
        return ReadResult(None, invalid.issues)
    except Exception as error:  # a bug must not cost the kiosk its content
        log.exception("Content bundle %s could not be loaded", source)
        return ReadResult(
            None, [Issue(source, None, f"could not be loaded ({type(error).__name__}: {error})")]
        )


def read_kept(history: ContentHistory, public_key: str) -> ContentBundle | None:
    """The bundle of the history's current archive, verified again (a key rotated since
    may refuse it), or None."""
    kept = history.current
    if kept is None:
        return None
    path = history.path(kept)
    problem = _signature(path, path.with_name(path.name + SIG_SUFFIX), public_key)
    if problem is not None:
        log.error("Kept content %s refused: %s", path, problem)
        return None
    try:
        return load_archive(path)
    except (BundleInvalidError, OSError) as error:
        log.error("Kept content %s refused: %s", path, error)
        return None


def _read(source: Path, public_key: str, history: ContentHistory | None) -> ReadResult:
    if not is_archive(source):
        if public_key:
            return _refused(
                source,
                "is a bundle folder, but the config's content_public_key accepts only "
                "signed .faqbundle archives: pack it (`faq-kiosk content pack`) and sign it "
                "(`faq-kiosk content sign`)",
            )
        return ReadResult(load_bundle(source))
    staged = source
    if history is not None:
        try:
            staged = history.stage(source)
        except OSError as error:  # read it where it is, and keep nothing
            log.error("Content archive %s not copied to %s: %s", source, history.folder, error)
            history.discard()
            history = None
            staged = source
    try:
        digest = archive_digest(staged)  # read once: for the rejected list and the signature
    except OSError as error:
        return _refused(source, f"cannot be read ({error.strerror or error})")
    sha256 = digest.hex()
    if history is not None and history.is_rejected(sha256):
        return _refused(
            source,
            "was rolled back automatically after it failed on this kiosk "
            f"(archive {sha256[:16]}; {history.last_rollback or 'see the log'}); "
            "publish a corrected version",
            staged,
            history,
        )
    signature = (
        staged.with_name(staged.name + SIG_SUFFIX)
        if history is not None
        else signature_path(source)
    )
    if (problem := _signature(staged, signature, public_key, digest)) is not None:
        return _refused(source, problem, staged, history)
    try:
        bundle = load_archive(staged)
    except BundleInvalidError as invalid:
        if history is not None:
            history.discard()
        raise BundleInvalidError(
            [_renamed(issue, staged, source) for issue in invalid.issues]
        ) from None
    bundle = replace(
        bundle,
        source=str(source),
        warnings=tuple(_renamed(warning, staged, source) for warning in bundle.warnings),
    )
    return ReadResult(bundle, [], staged if history is not None else None, sha256)


def _signature(
    archive: Path, signature: Path, public_key: str, digest: bytes | None = None
) -> str | None:
    if not public_key:
        return None
    return signature_problem(archive, parse_public_key(public_key), signature, digest)


def _refused(
    source: Path, why: str, staged: Path | None = None, history: ContentHistory | None = None
) -> ReadResult:
    if history is not None and staged is not None:
        history.discard()
    return ReadResult(None, [Issue(source, None, why)])


def _renamed(issue: Issue, staged: Path, source: Path) -> Issue:
    # An issue about the staged copy, named by the file IT published.
    if issue.path is None or staged == source:
        return issue
    if issue.path == staged:
        return replace(issue, path=source)
    if issue.path.is_relative_to(staged):
        return replace(issue, path=source / issue.path.relative_to(staged))
    return issue
