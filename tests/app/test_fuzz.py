"""Fuzzing the config and content loaders with hypothesis: any bytes or TOML give either a
valid result or a clear error with file and line; never an uncaught exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import SCHEMA, Config, load_config
from kiosk.config.tomlfile import Issue
from kiosk.content import BundleInvalidError, load_bundle
from tests.helpers import LANGUAGES

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=4),
)
keys = st.sampled_from([s.key for s in SCHEMA] + ["unknown", "speech.speeed", "display.x"])


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return repr(value)


def check_issues(issues: list[Issue], path: Path) -> None:
    for issue in issues:
        assert issue.path == path
        assert issue.message
        text = str(issue)
        assert str(path) in text


@FUZZ
@given(raw=st.binary(max_size=400))
def test_config_from_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    loaded = load_config(path)
    assert isinstance(loaded.config, Config)
    check_issues(loaded.issues, path)


@FUZZ
@given(entries=st.lists(st.tuples(keys, toml_scalars), max_size=8))
def test_config_from_arbitrary_settings(tmp_path: Path, entries: list[tuple[str, object]]) -> None:
    path = tmp_path / "config.toml"
    lines = [f"{key} = {toml_value(value)}" for key, value in dict(entries).items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_config(path)
    assert isinstance(loaded.config, Config)
    check_issues(loaded.issues, path)
    for issue in loaded.issues:
        assert issue.line is None or 1 <= issue.line <= max(len(lines), 1)
    config = loaded.config
    assert config.default_language in (config.languages or [config.default_language])
    assert config.offered_languages(LANGUAGES)  # never a kiosk without a language


@pytest.fixture
def bundle_copy(tmp_path: Path, bundled_content: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(bundled_content, target)
    return target


@FUZZ
@given(
    name=st.sampled_from(["manifest.toml", "en.toml", "es.toml", "vi.toml"]),
    cut=st.integers(0, 30000),
    junk=st.binary(max_size=60),
)
def test_content_with_damaged_files(
    bundle_copy: Path, bundled_content: Path, name: str, cut: int, junk: bytes
) -> None:
    original = (bundled_content / name).read_bytes()
    (bundle_copy / name).write_bytes(original[:cut] + junk + original[cut + len(junk) :])
    try:
        bundle = load_bundle(bundle_copy)
    except BundleInvalidError as invalid:
        assert invalid.issues
        for issue in invalid.issues:
            assert issue.path is not None and issue.path.parent == bundle_copy
            assert issue.message
    else:
        assert len(bundle.question_ids) >= 1
        for language in bundle.languages:
            for question_id in bundle.question_ids:
                question = bundle.question(language, question_id)
                assert question.title.strip() and all(p.strip() for p in question.answer)
