"""kiosk.content.signing: real Ed25519 keys and signatures over real archives."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from kiosk.content.archive import pack
from kiosk.content.signing import (
    SigningKeyError,
    generate_key,
    parse_public_key,
    read_private_key,
    sign,
    signature_path,
    signature_problem,
)


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "district.key"
    generate_key(path)
    return path


@pytest.fixture
def archive(tmp_path: Path, bundled_content: Path, key: Path) -> Path:
    out = tmp_path / "faq.faqbundle"
    pack(bundled_content, out)
    sign(out, read_private_key(key))
    return out


def public(key: Path) -> bytes:
    return parse_public_key(key.with_name(key.name + ".pub").read_text(encoding="ascii"))


def test_keygen_writes_a_private_key_only_its_owner_reads_and_a_public_key(key: Path) -> None:
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    text = key.with_name(key.name + ".pub").read_text(encoding="ascii").strip()
    assert len(text) == 44 and len(base64.b64decode(text)) == 32
    with pytest.raises(FileExistsError):  # never replaces a key
        generate_key(key)


def test_a_signed_archive_verifies(archive: Path, key: Path) -> None:
    assert signature_path(archive).is_file()
    assert signature_problem(archive, public(key)) is None


def test_one_changed_byte_is_refused(archive: Path, key: Path) -> None:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    problem = signature_problem(archive, public(key))
    assert problem is not None and "does not match its signature" in problem


def test_a_repacked_archive_with_valid_checksums_is_refused(
    archive: Path, key: Path, tmp_path: Path, bundled_content: Path
) -> None:
    import shutil

    folder = tmp_path / "changed"
    shutil.copytree(bundled_content, folder)
    english = folder / "en.toml"
    english.write_text(english.read_text(encoding="utf-8").replace("SRO", "XYZ"), "utf-8")
    pack(folder, archive)  # whole and consistent, but not what was signed
    problem = signature_problem(archive, public(key))
    assert problem is not None and "changed after signing" in problem


def test_an_unsigned_archive_is_refused(archive: Path, key: Path) -> None:
    signature_path(archive).unlink()
    problem = signature_problem(archive, public(key))
    assert problem is not None and "is not signed" in problem and "content sign" in problem


def test_another_keys_signature_is_refused_naming_both_keys(
    archive: Path, key: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.key"
    generate_key(other)
    problem = signature_problem(archive, public(other))
    assert problem is not None and "signed with another key" in problem


def test_a_signature_copied_from_another_key_is_refused(
    archive: Path, key: Path, tmp_path: Path
) -> None:
    # A forged key id does not help: the signature itself must verify.
    other = tmp_path / "other.key"
    generate_key(other)
    sig = signature_path(archive)
    lines = sig.read_text(encoding="ascii").splitlines()
    sign(archive, read_private_key(other))
    forged = sig.read_text(encoding="ascii").splitlines()
    sig.write_text("\n".join([lines[0], lines[1], forged[2]]) + "\n", encoding="ascii")
    problem = signature_problem(archive, public(key))
    assert problem is not None and "does not match its signature" in problem


def test_damaged_signature_and_key_files_say_so(archive: Path, key: Path, tmp_path: Path) -> None:
    signature_path(archive).write_text("hello\n", encoding="ascii")
    problem = signature_problem(archive, public(key))
    assert problem is not None and "not a faq-kiosk signature" in problem
    bad = tmp_path / "bad.key"
    bad.write_text("nonsense\n", encoding="ascii")
    with pytest.raises(SigningKeyError, match="not a private key"):
        read_private_key(bad)
    with pytest.raises(SigningKeyError, match=r"not base64|bytes"):
        parse_public_key("abc")


def test_the_signature_of_a_link_is_beside_the_file_it_leads_to(
    archive: Path, key: Path, tmp_path: Path
) -> None:
    link = tmp_path / "content"
    link.symlink_to(archive)
    assert signature_path(link) == signature_path(archive)
    assert signature_problem(link, public(key)) is None
