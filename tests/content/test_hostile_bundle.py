"""Bundles a clumsy editor could write: every mistake is an `Issue` with file and line,
never an exception; what would show visitors something else is refused (issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import load_bundle
from kiosk.content.loader import BundleInvalidError, text_problem


def copy_of(bundled: Path, folder: Path) -> Path:
    target = folder / "bundle"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundled, target)
    return target


def rejected(folder: Path) -> list[str]:
    with pytest.raises(BundleInvalidError) as invalid:
        load_bundle(folder)
    return [str(issue) for issue in invalid.value.issues]


def test_links_of_the_wrong_kind_is_an_issue(tmp_path: Path, bundled_content: Path) -> None:
    folder = copy_of(bundled_content, tmp_path)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    head = text[: text.index("\n[links.")]
    manifest.write_text("links = 5\n" + head, encoding="utf-8")

    problems = rejected(folder)

    assert any("links: must be a table" in problem for problem in problems), problems


@pytest.mark.parametrize(
    "value",
    ["1", "[1, 2]", '"x"', "true", "{ a = 1 }", "[[1]]", "2024-01-01"],
)
@pytest.mark.parametrize(
    "key", ["id", "version", "source_language", "languages", "questions", "links"]
)
def test_every_manifest_key_of_the_wrong_kind_is_an_issue_or_accepted(
    tmp_path: Path, bundled_content: Path, key: str, value: str
) -> None:
    folder = copy_of(bundled_content, tmp_path)
    manifest = folder / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("[", "[[")))
    top = [line for line in lines[:start] if not line.startswith(f"{key} ")]
    body = [] if key == "links" else lines[start:]
    manifest.write_text("\n".join([f"{key} = {value}", *top, *body]) + "\n", "utf-8")

    try:
        load_bundle(folder)
    except BundleInvalidError as invalid:
        assert invalid.issues


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("303-555-\u202e0100", "direction control U+202E"),
        ("\u2067Call us\u2069", "U+2067, U+2069"),
        ("\u200b\u200b", "no visible characters"),
        ("\u3164", "no visible characters"),
    ],
)
def test_text_that_shows_something_else_is_a_problem(text: str, says: str) -> None:
    problem = text_problem(text)

    assert problem is not None and says in problem


@pytest.mark.parametrize("text", ["Llame al 303-555-0100", "مرحبا\u200f 2", "Xin chào"])
def test_ordinary_text_has_no_problem(text: str) -> None:
    assert text_problem(text) is None


def test_a_bidi_override_in_a_phone_display_is_refused(
    tmp_path: Path, bundled_content: Path
) -> None:
    folder = copy_of(bundled_content, tmp_path)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert 'display = "' in text
    manifest.write_text(text.replace('display = "', 'display = "\u202e', 1), "utf-8")

    problems = rejected(folder)

    assert any("display" in p and "U+202E" in p and "manifest.toml:" in p for p in problems)


def test_a_title_of_zero_width_spaces_is_refused(tmp_path: Path, bundled_content: Path) -> None:
    folder = copy_of(bundled_content, tmp_path)
    spanish = folder / "es.toml"
    lines = spanish.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("title = ") and i > 2)
    lines[index] = 'title = "\u200b\u200b\u200b"'
    spanish.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = rejected(folder)

    assert any(f"es.toml:{index + 1}:" in p and "no visible characters" in p for p in problems)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.text(max_size=30).map(lambda rest: "https://" + rest))
def test_any_link_url_is_loaded_or_an_issue(
    tmp_path: Path, bundled_content: Path, url: str
) -> None:
    folder = copy_of(bundled_content, tmp_path)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    escaped = url.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    manifest.write_text(text.replace('url = ""', f'url = "{escaped}"', 1), encoding="utf-8")

    try:
        load_bundle(folder)
    except BundleInvalidError as invalid:
        assert invalid.issues
