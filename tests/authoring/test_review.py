"""Tests for kiosk.authoring.review: `faq-kiosk content check` says in plain words, per
language, what is not ready, with the file and line for IT, and exits 1 until it is."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from kiosk.authoring.review import language_name, report_lines, review_bundle, short_title
from kiosk.cli.content import content_main
from tests.helpers import edit_question, remove_question

#: The day the English file is dated in these tests ("changed in English on …").
EDIT_DAY = datetime.date(2026, 12, 3)
SAVINGS = "'How much money will the district save from…'"
CONTACT = "'If I have questions/feedback, who can I…'"
SRO_COUNT = "'How many SROs supported DPS Schools?'"


@pytest.fixture
def content(tmp_path: Path, bundled_content: Path) -> Path:
    """A copy of the shipped bundle, to edit."""
    folder = tmp_path / "content"
    shutil.copytree(bundled_content, folder)
    return folder


def date_english(folder: Path, day: datetime.date = EDIT_DAY) -> None:
    """Make en.toml look last changed on *day*."""
    stamp = datetime.datetime.combine(day, datetime.time(12)).timestamp()
    os.utime(folder / "en.toml", (stamp, stamp))


def line_starting(path: Path, prefix: str, after: str) -> int:
    """The line number of the first line starting *prefix* after the one starting *after*."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(after))
    return next(n for n, line in enumerate(lines[start:], start) if line.startswith(prefix)) + 1


def test_the_shipped_bundle_is_ready(bundled_content: Path) -> None:
    review = review_bundle(bundled_content)
    assert review.ready and review.exit_status == 0
    assert report_lines(review) == [
        "'dps-sro-faq' version 2021.1: every question is reviewed in every language. "
        "Ready to publish."
    ]


def test_an_english_edit_asks_every_translation_for_review(content: Path) -> None:
    edit_question(content, "en", "savings", "$626K annually", "$627K annually")
    date_english(content)
    review = review_bundle(content)
    assert review.exit_status == 1
    spanish, vietnamese = review.languages
    assert [finding.sentence for finding in spanish.findings] == [
        f"Spanish: the question or answer {SAVINGS} changed in English on 2026-12-03; "
        "its translation needs review"
    ]
    assert vietnamese.findings[0].sentence.startswith("Vietnamese: the question or answer")
    line = line_starting(content / "es.toml", "source_hash = ", "[questions.savings]")
    assert spanish.findings[0].detail.startswith(f"{content / 'es.toml'}:{line}: questions.savings")
    lines = report_lines(review)
    assert (
        lines[0] == "'dps-sro-faq' version 2021.1: 2 translated question(s) are not reviewed yet."
    )
    assert lines.index("Spanish (es): 1 to review") < lines.index("Vietnamese (vi): 1 to review")
    assert lines[lines.index("Spanish (es): 1 to review") + 2].startswith("      for IT: ")


def test_a_removed_translation_says_visitors_see_the_english(content: Path) -> None:
    remove_question(content, "vi", "contact")
    review = review_bundle(content)
    assert review.exit_status == 1
    assert review.languages[0].findings == ()
    (finding,) = review.languages[1].findings
    assert (
        finding.sentence == f"Vietnamese: {CONTACT} is not translated yet; visitors see the English"
    )
    assert finding.detail.startswith(f"{content / 'vi.toml'}: questions.contact: ")


def test_a_translated_status_is_not_yet_reviewed(content: Path) -> None:
    edit_question(content, "es", "how-many-sros", 'status = "reviewed"', 'status = "translated"')
    review = review_bundle(content)
    (finding,) = review.languages[0].findings
    assert finding.sentence == f"Spanish: {SRO_COUNT} is translated but not yet reviewed"
    line = line_starting(content / "es.toml", "status = ", "[questions.how-many-sros]")
    assert finding.detail == (
        f"{content / 'es.toml'}:{line}: questions.how-many-sros.status: "
        "status is 'translated', not 'reviewed'"
    )


def test_the_most_urgent_comes_first_within_a_language(content: Path) -> None:
    edit_question(content, "es", "why-remove-sros", 'status = "reviewed"', 'status = "translated"')
    remove_question(content, "es", "contact")
    edit_question(content, "en", "savings", "$626K annually", "$627K annually")
    sentences = [finding.sentence for finding in review_bundle(content).languages[0].findings]
    assert [sentence.split(":")[1].split("'")[0].strip() for sentence in sentences] == [
        "the question or answer",
        "",
        "",
    ]
    assert "not translated yet" in sentences[1] and "not yet reviewed" in sentences[2]


def test_a_rejected_bundle_says_what_to_fix_first(content: Path) -> None:
    edit_question(content, "es", "savings", "title = ", "heading = ")
    review = review_bundle(content)
    assert review.bundle is None and review.exit_status == 1
    sentences = [finding.sentence for finding in review.errors]
    assert "The Spanish text (es.toml): in question 'savings', 'heading' unknown key" in sentences
    assert "The Spanish text (es.toml): in question 'savings', the question is missing" in sentences
    line = line_starting(content / "es.toml", "heading = ", "[questions.savings]")
    details = [finding.detail for finding in review.errors]
    assert f"{content / 'es.toml'}:{line}: questions.savings.heading: unknown key" in details
    lines = report_lines(review)
    assert lines[0].startswith(f"The content in {content} cannot be used")
    assert lines[2] == "Fix these first:"


def test_the_command_prints_the_report_and_exits_with_its_status(
    content: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert content_main(["check", str(bundled_content)]) == 0
    assert "Ready to publish" in capsys.readouterr().out
    remove_question(content, "vi", "contact")
    assert content_main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    assert "Vietnamese (vi): 1 to review\n" in out and "for IT: " in out


def test_language_names_and_short_titles() -> None:
    assert [language_name(code) for code in ("es", "vi", "pt-BR", "xx-zz-bad")] == [
        "Spanish",
        "Vietnamese",
        "Portuguese (Brazil)",
        "xx-zz-bad",
    ]
    assert short_title("Short?") == "Short?"
    assert short_title("word " * 20) == ("word " * 9).strip() + "…"
