"""`faq-kiosk content approve`: a reviewer's sign-off makes a translation reviewed, and
the kiosk then offers it under the cautious default."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli.content import content_main
from kiosk.config import Config
from kiosk.content import load_bundle
from kiosk.content.model import TranslationState
from kiosk.content.store import offered_languages


@pytest.fixture
def unreviewed(tmp_path: Path, bundled_content: Path) -> Path:
    """The shipped bundle with two Spanish answers unreviewed, one of them stale, and a
    Vietnamese answer not translated."""
    folder = tmp_path / "content"
    shutil.copytree(bundled_content, folder)
    spanish = folder / "es.toml"
    spanish.write_text(
        spanish.read_text(encoding="utf-8").replace('status = "reviewed"', 'status = "translated"'),
        encoding="utf-8",
    )
    english = folder / "en.toml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("$626K", "$700K"), encoding="utf-8"
    )
    vi = folder / "vi.toml"
    text = vi.read_text(encoding="utf-8")
    vi.write_text(
        text[: text.index("[questions.contact]")] + text[text.index("[links.") :],
        encoding="utf-8",
    )
    return folder


def test_approving_a_language_marks_what_is_unchanged(
    unreviewed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert offered_languages(load_bundle(unreviewed), Config.defaults()) == ["en"]
    assert content_main(["approve", str(unreviewed), "--lang", "es"]) == 1  # savings is stale
    out = capsys.readouterr().out
    assert "Spanish: approved as reviewed: 'What prompted the decision" in out
    assert "'How much money will the district save from…' changed in English" in out
    assert "--question savings" in out
    bundle = load_bundle(unreviewed)
    assert bundle.unreviewed("es") == ["savings"]
    assert bundle.state("es", "savings") == TranslationState.NEEDS_REVIEW
    # Compared with the new English and approved by name: now all of Spanish is reviewed.
    assert content_main(["approve", str(unreviewed), "--lang", "es", "--question", "savings"]) == 0
    bundle = load_bundle(unreviewed)
    assert bundle.unreviewed("es") == []
    assert offered_languages(bundle, Config.defaults()) == ["en", "es"]


def test_a_question_not_translated_cannot_be_approved(
    unreviewed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (unreviewed / "vi.toml").read_bytes()
    assert content_main(["approve", str(unreviewed), "--lang", "vi"]) == 1
    assert "is not translated yet: there is nothing to approve" in capsys.readouterr().out
    assert (unreviewed / "vi.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--lang", "en"], "has no translation into English"),
        (["--lang", "fr"], "has no translation into French"),
        (["--lang", "es", "--question", "nope"], "No such question"),
    ],
)
def test_wrong_requests_change_nothing(
    unreviewed: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    before = {p.name: p.read_bytes() for p in unreviewed.iterdir()}
    assert content_main(["approve", str(unreviewed), *args]) == 1
    assert says in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in unreviewed.iterdir()} == before
