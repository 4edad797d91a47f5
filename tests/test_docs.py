"""The docs tell the truth: the README's config reference is the one generated from the
schema, and docs/architecture.md names only files that exist and nothing outside the repo."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from kiosk.config import reference_table
from tests.helpers import REPO


def test_readme_config_reference_matches_the_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert reference_table() in readme, (
        "README.md's config reference is out of date: paste kiosk.config.reference_table()"
    )


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make run" in first_block and "make test" in first_block
    assert readme.index("make run") < readme.index("![")


def test_example_config_is_valid_and_complete() -> None:
    from kiosk.config import SCHEMA, load_config

    example = REPO / "packaging" / "config.toml"
    loaded = load_config(example)
    assert loaded.issues == []
    text = example.read_text(encoding="utf-8")
    for setting in SCHEMA:
        assert setting.key.split(".")[-1] in text, setting.key


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    files = []
    for name in listed:
        path = REPO / name
        if path.is_file() and b"\0" not in path.read_bytes()[:4096]:
            files.append(path)
    return files


def test_nothing_in_the_repository_cites_a_file_outside_it() -> None:
    # The design lives in docs/architecture.md; a newcomer who clones the repo has
    # nothing else. (The names are split so that this file does not match itself.)
    outside = ["../" + "shared", "shared/" + "seeds", "DESIGN" + ".md", "PITFALLS" + ".md"]
    citing = [
        f"{path.relative_to(REPO)}: {name}"
        for path in _tracked_text_files()
        for name in outside
        if name in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert citing == []


def test_every_path_in_the_architecture_doc_exists() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    # Folders the doc names as the places for coming work, not made yet.
    planned = {"kiosk/authoring/", "kiosk/operations/", "kiosk/speech/engines/"}
    roots = ("kiosk/", "tests/", "docs/", "packaging/", "benchmarks/", "i18n/", "resources/")
    cited = {
        path
        for path in re.findall(r"`([^`\s]+)`", doc)
        if path.startswith(roots) and "xx" not in path
    }
    assert cited, "the doc names no paths: the pattern is wrong"
    missing = sorted(path for path in cited - planned if not (REPO / path).exists())
    assert missing == []
