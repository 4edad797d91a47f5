"""The README's config reference is the one generated from the schema."""

from __future__ import annotations

from kiosk.config import reference_table
from tests.conftest import REPO


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
