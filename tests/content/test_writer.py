"""kiosk.content.writer: what it writes loads again as the same bundle, with the source
hashes and review states recorded by the tool."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from kiosk.content import ContentBundle, load_bundle
from kiosk.content.model import Question, TranslationState
from kiosk.content.writer import bundle_files, toml_key, toml_string, write_bundle


def comparable(bundle: ContentBundle) -> ContentBundle:
    """*bundle* without where it was loaded from and its warnings' file names."""
    return dataclasses.replace(
        bundle,
        source="",
        warnings=tuple(dataclasses.replace(w, path=None, line=None) for w in bundle.warnings),
    )


def test_the_shipped_bundle_written_and_read_again_is_the_same(
    bundled_content: Path, tmp_path: Path
) -> None:
    shipped = load_bundle(bundled_content)
    write_bundle(shipped, tmp_path / "out")
    again = load_bundle(tmp_path / "out")
    assert comparable(again) == comparable(shipped)
    assert again.unreviewed("es") == [] and again.unreviewed("vi") == []


def test_states_survive_the_round_trip(bundled_content: Path, tmp_path: Path) -> None:
    shipped = load_bundle(bundled_content)
    english = shipped.texts["en"]
    changed = dict(english.questions)
    old = changed["savings"]
    changed["savings"] = Question("savings", old.title, (*old.answer[:-1], "A new last paragraph."))
    spanish = shipped.texts["es"]
    vi = shipped.texts["vi"]
    texts = {
        "en": dataclasses.replace(english, questions=changed),
        "es": dataclasses.replace(
            spanish, states={**spanish.states, "contact": TranslationState.TRANSLATED}
        ),
        "vi": dataclasses.replace(
            vi, questions={k: v for k, v in vi.questions.items() if k != "staff-roles"}
        ),
    }
    write_bundle(dataclasses.replace(shipped, texts=texts), tmp_path / "out")
    again = load_bundle(tmp_path / "out")
    assert again.state("es", "savings") == TranslationState.NEEDS_REVIEW  # English changed
    assert again.state("es", "contact") == TranslationState.TRANSLATED
    assert again.state("vi", "staff-roles") == TranslationState.NEW
    assert again.state("es", "imminent-threat") == TranslationState.REVIEWED
    written = tomllib.loads((tmp_path / "out" / "vi.toml").read_text(encoding="utf-8"))
    assert "staff-roles" not in written["questions"]


def test_strings_and_keys_are_valid_toml() -> None:
    hard = 'quote " backslash \\ tab \t newline \n bell \x07 emoji 😀 arabic مرحبا'
    assert tomllib.loads(f"a = {toml_string(hard)}")["a"] == hard
    assert tomllib.loads(f"{toml_key('a b.c')} = 1\n{toml_key('plain-id_2')} = 2\n") == {
        "a b.c": 1,
        "plain-id_2": 2,
    }


def test_a_failed_write_leaves_the_folder_as_it_was(
    bundled_content: Path, tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    shipped = load_bundle(bundled_content)
    folder = tmp_path / "out"
    write_bundle(shipped, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    files = bundle_files(dataclasses.replace(shipped, version="2"))
    assert 'version = "2"' in files["manifest.toml"]
    mp = pytest.MonkeyPatch()
    real_write = Path.write_text
    calls = []

    def failing_write(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    mp.setattr(Path, "write_text", failing_write)
    try:
        with pytest.raises(OSError):
            write_bundle(dataclasses.replace(shipped, version="2"), folder)
    finally:
        mp.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
