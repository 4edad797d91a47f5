"""`.faqbundle` archives: one file that carries a content bundle, checked before use.

An archive is a zip (stdlib `zipfile`) of the bundle's files, `manifest.toml` and one
`<language>.toml` per language of its manifest (other files in the folder are not
packed), plus `checksums.json`: the bundle id and version, and the SHA-256 and size of
every other member. `pack` writes one only from a bundle that loads; the same bundle
always packs to the same bytes (members sorted, fixed dates), so an unchanged bundle
is an unchanged file for rsync and Ansible.

`verify` lists every problem and reads nothing unbounded: the archive at most
`MAX_ARCHIVE_BYTES`, at most `MAX_MEMBERS` members of at most `MAX_MEMBER_BYTES` each
(counted while reading, whatever the zip says), member names plain relative paths (no
`..`, no absolute or drive paths, no backslashes, no symlinks, no name twice), every
member listed with its checksum and nothing listed missing. A half-copied (truncated)
or altered archive is refused, and the kiosk keeps the content it shows.

Where it unpacks (the rule for IT): the kiosk copies an archive (and its signature,
kiosk/content/signing.py) into its state folder (kiosk/content/history.py, which keeps
the last two good ones), unpacks that copy into a private temporary folder, loads it
from there and removes the folder. The bundle it replaces stays in memory for the staff
sheet's "Roll back to the previous content" until the kiosk restarts (`ContentStore`).
The published archives are IT's: the Ansible role keeps the last
`faq_kiosk_content_keep` releases beside the current one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol

from kiosk.config.tomlfile import MAX_TOML_BYTES, Issue
from kiosk.content.loader import MANIFEST, BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle

#: The file name ending of a content archive.
SUFFIX = ".faqbundle"
#: The member listing the others' checksums.
CHECKSUMS = "checksums.json"
#: The listing's format; a newer one is refused with a clear message.
FORMAT = 1
#: The largest archive read: a 5,000-question bundle in three languages packs to ~5 MB.
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
#: The most members: a manifest, one file per language and the listing.
MAX_MEMBERS = 200
#: The largest member, unpacked: a bundle file's own limit (docs/content.md, Limits).
MAX_MEMBER_BYTES = MAX_TOML_BYTES
#: The largest listing.
MAX_CHECKSUMS_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
#: Zip dates cannot be older; a fixed date makes packing reproducible.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o644
#: How every zip file starts (a local file header).
_ZIP_MAGIC = b"PK\x03\x04"


class _Report(Protocol):
    """Records one problem of the archive (about *member*, if one)."""

    def __call__(self, message: str, member: str | None = None) -> None: ...


@dataclass(frozen=True)
class Listed:
    """What the listing says of one member."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Listing:
    """The contents of `checksums.json`."""

    bundle_id: str
    version: str
    files: dict[str, Listed]


def default_name(bundle: ContentBundle) -> str:
    """The archive's file name for *bundle*: `<id>-<version>.faqbundle`."""
    return f"{bundle.id}-{bundle.version}{SUFFIX}"


def is_archive(path: Path) -> bool:
    """True if *path* names an archive rather than a bundle folder: it (or the file a
    link of it leads to) ends in `.faqbundle`, or it is a file that starts as a zip."""
    if SUFFIX in (path.suffix, Path(os.path.realpath(path)).suffix):
        return True
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder (a pipe would block)
            return False
        with path.open("rb") as file:
            return file.read(len(_ZIP_MAGIC)) == _ZIP_MAGIC
    except OSError:  # nothing there: the loader says what is wrong
        return False


def bundle_files(bundle: ContentBundle) -> list[str]:
    """The names of the files that make *bundle*, sorted."""
    return sorted([MANIFEST, *(f"{language}.toml" for language in bundle.languages)])


def pack(folder: Path, out: Path) -> ContentBundle:
    """Write the bundle in *folder* to the archive *out* (replaced atomically); return
    the bundle. Raises `BundleInvalidError` if it does not load: nothing is written."""
    bundle = load_bundle(folder)
    names = bundle_files(bundle)
    data = {name: (folder / name).read_bytes() for name in names}
    listing = {
        "format": FORMAT,
        "id": bundle.id,
        "version": bundle.version,
        "files": {
            name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
            for name, body in data.items()
        },
    }
    data[CHECKSUMS] = (json.dumps(listing, ensure_ascii=False, indent=2) + "\n").encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(data):
                info = zipfile.ZipInfo(name, _ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (stat.S_IFREG | _FILE_MODE) << 16
                archive.writestr(info, data[name])
        partial.replace(out)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return bundle


def verify(path: Path) -> list[Issue]:
    """Every problem of the archive at *path* (empty: it is whole and unaltered)."""
    return _check(path, None)[0]


def unpack_verified(path: Path, into: Path) -> Path:
    """Unpack the archive at *path* into the new folder *into*, checking every byte as
    it is written; return *into*. Raises `BundleInvalidError` with every problem; then
    *into* is not created."""
    _unpack(path, into)
    return into


def _unpack(path: Path, into: Path) -> Listing:
    partial = into.with_name(f".{into.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    problems, listing = _check(path, partial)
    if problems or listing is None:
        shutil.rmtree(partial, ignore_errors=True)
        raise BundleInvalidError(problems)
    partial.replace(into)
    return listing


def load_archive(path: Path) -> ContentBundle:
    """Load the bundle in the archive at *path* (unpacked to a temporary folder that is
    removed again); problems name the archive and the member."""
    with tempfile.TemporaryDirectory(prefix="faq-kiosk-content-") as temporary:
        folder = Path(temporary) / "bundle"
        listing = _unpack(path, folder)
        try:
            bundle = load_bundle(folder)
        except BundleInvalidError as invalid:
            raise BundleInvalidError(
                [_inside(issue, folder, path) for issue in invalid.issues]
            ) from None
    if (bundle.id, bundle.version) != (listing.bundle_id, listing.version):
        raise BundleInvalidError(
            [
                Issue(
                    path,
                    None,
                    f"checksums.json names {listing.bundle_id} version {listing.version}, "
                    f"but the manifest says {bundle.id} version {bundle.version}",
                )
            ]
        )
    return replace(
        bundle,
        source=str(path),
        warnings=tuple(_inside(issue, folder, path) for issue in bundle.warnings),
    )


def load_content(path: Path) -> ContentBundle:
    """Load a bundle folder or a `.faqbundle` archive; raise `BundleInvalidError`."""
    return load_archive(path) if is_archive(path) else load_bundle(path)


def _inside(issue: Issue, folder: Path, archive: Path) -> Issue:
    # An issue about an unpacked file, named as the member of the archive it came from.
    if issue.path is None or not issue.path.is_relative_to(folder):
        return issue
    return replace(issue, path=archive / issue.path.relative_to(folder))


def _check(path: Path, into: Path | None) -> tuple[list[Issue], Listing | None]:
    # Verify the archive at *path*; with *into*, also write its members there.
    problems: list[Issue] = []
    listing: Listing | None = None

    def problem(message: str, member: str | None = None) -> None:
        problems.append(Issue(path, None, message, member))

    try:
        info = path.stat()
    except OSError as error:
        problem(f"cannot be read ({error.strerror or error})")
        return problems, None
    if not stat.S_ISREG(info.st_mode):
        problem("is not a regular file (a .faqbundle archive is one file)")
    elif info.st_size > MAX_ARCHIVE_BYTES:
        problem(f"is {info.st_size} bytes; an archive may have at most {MAX_ARCHIVE_BYTES}")
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                listing = _check_archive(archive, into, problem)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
            problem(
                "is not a complete .faqbundle archive: it may be cut short by an "
                f"interrupted copy, or not an archive at all ({error}); copy it again"
            )
    return problems, listing


def _check_archive(archive: zipfile.ZipFile, into: Path | None, problem: _Report) -> Listing | None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        problem(f"has {len(members)} members; an archive may have at most {MAX_MEMBERS}")
        return None
    names = [member.filename for member in members]
    for name in sorted({name for name in names if names.count(name) > 1}):
        problem("is in the archive twice", name)
    safe = []
    for member in members:
        if (why := member_problem(member)) is not None:
            problem(why, member.filename)
        elif member.file_size > MAX_MEMBER_BYTES:
            problem(
                f"is {member.file_size} bytes; a member may have at most {MAX_MEMBER_BYTES}",
                member.filename,
            )
        else:
            safe.append(member)
    if len(safe) < len(members) or len(set(names)) < len(names):
        return None
    listing = _read_listing(archive, problem)
    if listing is None:
        return None
    for name in sorted(set(listing.files) - set(names)):
        problem("is listed in checksums.json but missing from the archive", name)
    if MANIFEST not in listing.files:
        problem(f"lists no {MANIFEST}: this is not a content bundle", CHECKSUMS)
    for member in safe:
        if member.filename == CHECKSUMS:
            continue
        expected = listing.files.get(member.filename)
        if expected is None:
            problem("is not listed in checksums.json (added after packing?)", member.filename)
            continue
        _check_member(archive, member, expected, into, problem)
    return listing


def member_problem(member: zipfile.ZipInfo) -> str | None:
    """Why *member* may not be unpacked (an unsafe name, a link, a folder), or None."""
    name = member.filename
    if not name or "\\" in name or name.startswith("/") or ":" in name:
        return "has an absolute or unusual path; members must be plain relative names"
    if any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        return "has '..' or '.' in its path; it could be written outside the bundle"
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link; an archive holds only files"
    if member.is_dir() or (mode and not stat.S_ISREG(mode)):
        return "is not a regular file; an archive holds only files"
    if member.flag_bits & 0x1:
        return "is encrypted; an archive is never encrypted"
    return None


def _read_listing(archive: zipfile.ZipFile, problem: _Report) -> Listing | None:
    try:
        member = archive.getinfo(CHECKSUMS)
    except KeyError:
        problem(f"has no {CHECKSUMS}; pack it with `faq-kiosk content pack`")
        return None
    try:
        raw = b"".join(_chunks(archive, member, MAX_CHECKSUMS_BYTES))
        data = json.loads(raw.decode("utf-8"))
    except _ReadError as error:
        problem(str(error), CHECKSUMS)
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problem(f"is not valid JSON ({error})", CHECKSUMS)
        return None
    listing = _parse_listing(data)
    if isinstance(listing, str):
        problem(listing, CHECKSUMS)
        return None
    return listing


def _parse_listing(data: Any) -> Listing | str:
    # The listing, or why it is not one.
    if not isinstance(data, dict):
        return "must be a JSON object"
    if data.get("format") != FORMAT:
        return f"has format {data.get('format')!r}; this kiosk reads format {FORMAT}"
    bundle_id, version, files = data.get("id"), data.get("version"), data.get("files")
    if not isinstance(bundle_id, str) or not isinstance(version, str):
        return "must give the bundle's id and version as text"
    if not isinstance(files, dict):
        return "must list the files as an object"
    listed: dict[str, Listed] = {}
    for name, entry in files.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int)
        ):
            return f"{name}: must give sha256 (text) and size (a number)"
        listed[name] = Listed(entry["sha256"], entry["size"])
    return Listing(bundle_id, version, listed)


def _check_member(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    expected: Listed,
    into: Path | None,
    problem: _Report,
) -> None:
    digest, size = hashlib.sha256(), 0
    target = None if into is None else into / member.filename
    try:
        with _sink(target) as out:
            for chunk in _chunks(archive, member, MAX_MEMBER_BYTES):
                digest.update(chunk)
                size += len(chunk)
                if out is not None:
                    out.write(chunk)
    except _ReadError as error:
        problem(str(error), member.filename)
        return
    if size != expected.size or digest.hexdigest() != expected.sha256:
        problem(
            "does not match its checksum in checksums.json: the archive was changed or "
            "damaged after packing",
            member.filename,
        )


@contextlib.contextmanager
def _sink(target: Path | None) -> Iterator[IO[bytes] | None]:
    if target is None:
        yield None
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        yield out


class _ReadError(Exception):
    """A member that cannot be read to its end within its limit."""


def _chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    # The member's bytes; _ReadError past *limit* or when the data is damaged.
    read = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > limit:
                    raise _ReadError(f"is larger than {limit} bytes unpacked")
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise _ReadError(
            f"cannot be read: the archive is damaged or cut short ({error}); copy it again"
        ) from error
    except RuntimeError as error:  # encrypted
        raise _ReadError(f"cannot be read ({error})") from error
