"""Tests for kiosk.content.archive: a .faqbundle is used only whole and unaltered."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content import BundleInvalidError
from kiosk.content import archive as archive_module
from kiosk.content.archive import (
    CHECKSUMS,
    default_name,
    is_archive,
    load_archive,
    load_content,
    pack,
    unpack_verified,
    verify,
)
from kiosk.content.store import ContentStore
from tests.helpers import LiveKioskFactory


@pytest.fixture
def packed(tmp_path: Path, bundled_content: Path) -> Path:
    """The shipped bundle, packed."""
    out = tmp_path / "shipped.faqbundle"
    pack(bundled_content, out)
    return out


def members(path: Path) -> dict[str, bytes]:
    """Every member of the zip at *path*, by name."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, data: dict[str, bytes], *, links: tuple[str, ...] = ()) -> Path:
    """A zip of *data*; the members named in *links* are marked as symbolic links."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in data.items():
            info = zipfile.ZipInfo(name)
            kind = stat.S_IFLNK if name in links else stat.S_IFREG
            info.external_attr = (kind | 0o644) << 16
            archive.writestr(info, body)
    return path


def listing_for(data: dict[str, bytes], bundle_id: str = "dps-sro-faq") -> bytes:
    """A checksums.json that lists *data* truthfully."""
    files = {
        name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
        for name, body in data.items()
    }
    listing = {"format": 1, "id": bundle_id, "version": "2021.1", "files": files}
    return json.dumps(listing).encode()


def messages(path: Path) -> list[str]:
    return [str(issue) for issue in verify(path)]


def test_the_shipped_bundle_packs_verifies_and_loads_the_same(
    packed: Path, bundled_content: Path, tmp_path: Path
) -> None:
    assert verify(packed) == []
    assert sorted(members(packed)) == [CHECKSUMS, "en.toml", "es.toml", "manifest.toml", "vi.toml"]
    bundle = load_content(packed)
    folder_bundle = load_content(bundled_content)
    assert bundle.source == str(packed)
    assert (bundle.id, bundle.version) == ("dps-sro-faq", "2021.1")
    assert bundle.texts == folder_bundle.texts and bundle.links == folder_bundle.links
    assert default_name(bundle) == "dps-sro-faq-2021.1.faqbundle"
    again = tmp_path / "again.faqbundle"
    pack(bundled_content, again)
    assert again.read_bytes() == packed.read_bytes()  # reproducible: same bundle, same file


def test_an_invalid_bundle_is_not_packed(tmp_path: Path, bundled_content: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(bundled_content, folder)
    (folder / "vi.toml").write_text('language = "vi', encoding="utf-8")
    out = tmp_path / "bad.faqbundle"
    with pytest.raises(BundleInvalidError) as invalid:
        pack(folder, out)
    assert any("vi.toml" in str(issue) for issue in invalid.value.issues)
    assert not out.exists() and list(tmp_path.glob(".*tmp")) == []


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9, 0.999])
def test_a_truncated_archive_is_refused(packed: Path, tmp_path: Path, keep: float) -> None:
    data = packed.read_bytes()
    cut = tmp_path / "cut.faqbundle"
    cut.write_bytes(data[: int(len(data) * keep)])
    problems = messages(cut)
    assert problems and all(str(cut) in problem for problem in problems)
    assert any("cut short" in problem for problem in problems)
    with pytest.raises(BundleInvalidError):
        load_content(cut)


def test_a_tampered_member_with_its_checksum_kept_is_refused(packed: Path, tmp_path: Path) -> None:
    data = members(packed)
    data["es.toml"] = data["es.toml"].replace(b"Preguntas", b"Pregunt4s", 1)
    tampered = write_zip(tmp_path / "tampered.faqbundle", data)
    (problem,) = messages(tampered)
    assert "es.toml: does not match its checksum" in problem
    with pytest.raises(BundleInvalidError):
        unpack_verified(tampered, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_flipped_bytes_inside_the_compressed_data_are_refused(packed: Path, tmp_path: Path) -> None:
    data = bytearray(packed.read_bytes())
    with zipfile.ZipFile(packed) as archive:
        member = archive.getinfo("en.toml")
    start = member.header_offset + 30 + len(member.filename) + member.compress_size // 2
    data[start] ^= 0xFF
    damaged = tmp_path / "damaged.faqbundle"
    damaged.write_bytes(bytes(data))
    problems = messages(damaged)
    assert problems and all("en.toml" in problem for problem in problems)


def test_a_member_added_after_packing_or_one_taken_out_is_refused(
    packed: Path, tmp_path: Path
) -> None:
    data = members(packed)
    added = write_zip(tmp_path / "added.faqbundle", {**data, "fr.toml": b'language = "fr"\n'})
    assert ["fr.toml: is not listed" in problem for problem in messages(added)] == [True]
    del data["vi.toml"]
    missing = write_zip(tmp_path / "missing.faqbundle", data)
    assert ["vi.toml: is listed in checksums.json but missing" in p for p in messages(missing)] == [
        True
    ]


@pytest.mark.parametrize(
    "name",
    ["../evil.toml", "a/../../evil.toml", "/tmp/evil.toml", "..\\evil.toml", "C:evil.toml", "./x"],
)
def test_zip_slip_member_names_are_refused_and_nothing_is_written(
    packed: Path, tmp_path: Path, name: str
) -> None:
    data = members(packed)
    del data[CHECKSUMS]
    data[name] = b"owned"
    data[CHECKSUMS] = listing_for(data)  # the checksums are right: only the name is wrong
    slip = write_zip(tmp_path / "slip.faqbundle", data)
    problems = messages(slip)
    assert problems and all("path" in problem for problem in problems)
    into = tmp_path / "unpacked" / "bundle"
    into.parent.mkdir()
    with pytest.raises(BundleInvalidError):
        unpack_verified(slip, into)
    assert not into.exists() and list(into.parent.iterdir()) == []
    assert not (tmp_path / "evil.toml").exists() and not Path("/tmp/evil.toml").exists()


def test_symlinks_and_duplicate_names_are_refused(packed: Path, tmp_path: Path) -> None:
    data = members(packed)
    linked = write_zip(tmp_path / "link.faqbundle", data, links=("en.toml",))
    assert any("en.toml: is a symbolic link" in problem for problem in messages(linked))
    twice = tmp_path / "twice.faqbundle"
    shutil.copy(packed, twice)
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(twice, "a") as archive,
    ):
        archive.writestr("es.toml", data["es.toml"])
    assert any("es.toml: is in the archive twice" in problem for problem in messages(twice))


def test_limits_are_kept_whatever_the_zip_claims(
    packed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 3)
    assert any("at most 3" in problem for problem in messages(packed))
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 200)
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 1000)
    assert any("a member may have at most 1000" in problem for problem in messages(packed))
    monkeypatch.setattr(archive_module, "MAX_ARCHIVE_BYTES", 1000)
    assert any("an archive may have at most 1000" in problem for problem in messages(packed))


def test_not_an_archive_at_all(tmp_path: Path) -> None:
    text = tmp_path / "notes.faqbundle"
    text.write_text("hello", encoding="utf-8")
    assert any("not a complete .faqbundle archive" in p for p in messages(text))
    assert any("cannot be read" in p for p in messages(tmp_path / "absent.faqbundle"))
    assert any("not a regular file" in p for p in messages(tmp_path))


def test_a_folder_or_plain_file_is_not_taken_for_an_archive(tmp_path: Path, packed: Path) -> None:
    plain = tmp_path / "content"
    plain.write_text("a file", encoding="utf-8")
    link = tmp_path / "current"
    link.symlink_to(packed)
    renamed = tmp_path / "release"
    shutil.copy(packed, renamed)
    assert not is_archive(tmp_path) and not is_archive(plain)
    assert is_archive(link) and is_archive(renamed) and is_archive(tmp_path / "x.faqbundle")


def test_problems_of_the_bundle_inside_name_the_archive_and_member(
    packed: Path, tmp_path: Path
) -> None:
    data = members(packed)
    del data[CHECKSUMS]
    data["es.toml"] = data["es.toml"].replace(b'language = "es"', b'language = "fr"')
    data[CHECKSUMS] = listing_for(data)
    bad = write_zip(tmp_path / "bad.faqbundle", data)
    assert verify(bad) == []  # whole and unaltered, but the bundle in it is wrong
    with pytest.raises(BundleInvalidError) as invalid:
        load_archive(bad)
    assert [issue.path for issue in invalid.value.issues] == [bad / "es.toml"]
    del data[CHECKSUMS]
    data["es.toml"] = members(packed)["es.toml"]
    data[CHECKSUMS] = listing_for(data, "other")
    renamed = write_zip(tmp_path / "renamed.faqbundle", data)
    with pytest.raises(BundleInvalidError, match=r"checksums\.json names other"):
        load_archive(renamed)


def test_a_bad_archive_never_replaces_the_content_on_screen(
    qtbot: QtBot, qapp: QApplication, packed: Path, tmp_path: Path
) -> None:
    store = ContentStore({})
    assert store.load(packed) and store.bundle.source == str(packed)
    cut = tmp_path / "cut.faqbundle"
    cut.write_bytes(packed.read_bytes()[:-100])
    data = members(packed)
    data["vi.toml"] = data["vi.toml"] + b"\n# changed\n"
    tampered = write_zip(tmp_path / "tampered.faqbundle", data)
    for bad in (cut, tampered):
        with qtbot.waitSignal(store.reloaded, timeout=5000) as done:
            assert store.reload(bad)
        assert done.args == [False]
        assert store.bundle.source == str(packed)
        assert store.issues and all(issue.path == bad for issue in store.issues)


def test_a_kiosk_shows_the_questions_of_the_archive_its_config_names(
    live_kiosk: LiveKioskFactory, packed: Path, bundled_content: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "renamed"
    shutil.copytree(bundled_content, folder)
    english = folder / "en.toml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace('title = "', 'title = "Archived: ', 2), encoding="utf-8")
    archive = tmp_path / "kiosk.faqbundle"
    pack(folder, archive)
    kiosk, _clock = live_kiosk(f'content_dir = "{archive}"\n')
    assert kiosk.content.bundle.source == str(archive) and kiosk.content.issues == []
    items = kiosk.window.faq.accordion.items
    assert len(items) == 11
    first = kiosk.content.bundle.question_ids[0]
    assert items[first].header.label.text().startswith("Archived: ")
    assert any(str(archive) in line for line in kiosk.diagnostics())
