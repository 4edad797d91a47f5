"""docs/accessibility.md, the conformance report, cannot go stale silently: it is the one
tests/accessibility_report.py makes from docs/accessibility-criteria.toml, that table has
every WCAG 2.2 criterion once at its level, and every test or file it cites exists."""

from __future__ import annotations

import ast
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests import accessibility_report as report
from tests.helpers import REPO

# WCAG 2.2 (W3C Recommendation, 12 December 2024 edition): every success criterion but
# 4.1.1 Parsing, which 2.2 made obsolete. Written out here, apart from the table, so that
# the table cannot drop or relevel a criterion without this test noticing.
WCAG_22 = {
    "1.1.1": ("A", "Non-text Content"),
    "1.2.1": ("A", "Audio-only and Video-only (Prerecorded)"),
    "1.2.2": ("A", "Captions (Prerecorded)"),
    "1.2.3": ("A", "Audio Description or Media Alternative (Prerecorded)"),
    "1.2.4": ("AA", "Captions (Live)"),
    "1.2.5": ("AA", "Audio Description (Prerecorded)"),
    "1.2.6": ("AAA", "Sign Language (Prerecorded)"),
    "1.2.7": ("AAA", "Extended Audio Description (Prerecorded)"),
    "1.2.8": ("AAA", "Media Alternative (Prerecorded)"),
    "1.2.9": ("AAA", "Audio-only (Live)"),
    "1.3.1": ("A", "Info and Relationships"),
    "1.3.2": ("A", "Meaningful Sequence"),
    "1.3.3": ("A", "Sensory Characteristics"),
    "1.3.4": ("AA", "Orientation"),
    "1.3.5": ("AA", "Identify Input Purpose"),
    "1.3.6": ("AAA", "Identify Purpose"),
    "1.4.1": ("A", "Use of Color"),
    "1.4.2": ("A", "Audio Control"),
    "1.4.3": ("AA", "Contrast (Minimum)"),
    "1.4.4": ("AA", "Resize Text"),
    "1.4.5": ("AA", "Images of Text"),
    "1.4.6": ("AAA", "Contrast (Enhanced)"),
    "1.4.7": ("AAA", "Low or No Background Audio"),
    "1.4.8": ("AAA", "Visual Presentation"),
    "1.4.9": ("AAA", "Images of Text (No Exception)"),
    "1.4.10": ("AA", "Reflow"),
    "1.4.11": ("AA", "Non-text Contrast"),
    "1.4.12": ("AA", "Text Spacing"),
    "1.4.13": ("AA", "Content on Hover or Focus"),
    "2.1.1": ("A", "Keyboard"),
    "2.1.2": ("A", "No Keyboard Trap"),
    "2.1.3": ("AAA", "Keyboard (No Exception)"),
    "2.1.4": ("A", "Character Key Shortcuts"),
    "2.2.1": ("A", "Timing Adjustable"),
    "2.2.2": ("A", "Pause, Stop, Hide"),
    "2.2.3": ("AAA", "No Timing"),
    "2.2.4": ("AAA", "Interruptions"),
    "2.2.5": ("AAA", "Re-authenticating"),
    "2.2.6": ("AAA", "Timeouts"),
    "2.3.1": ("A", "Three Flashes or Below Threshold"),
    "2.3.2": ("AAA", "Three Flashes"),
    "2.3.3": ("AAA", "Animation from Interactions"),
    "2.4.1": ("A", "Bypass Blocks"),
    "2.4.2": ("A", "Page Titled"),
    "2.4.3": ("A", "Focus Order"),
    "2.4.4": ("A", "Link Purpose (In Context)"),
    "2.4.5": ("AA", "Multiple Ways"),
    "2.4.6": ("AA", "Headings and Labels"),
    "2.4.7": ("AA", "Focus Visible"),
    "2.4.8": ("AAA", "Location"),
    "2.4.9": ("AAA", "Link Purpose (Link Only)"),
    "2.4.10": ("AAA", "Section Headings"),
    "2.4.11": ("AA", "Focus Not Obscured (Minimum)"),
    "2.4.12": ("AAA", "Focus Not Obscured (Enhanced)"),
    "2.4.13": ("AAA", "Focus Appearance"),
    "2.5.1": ("A", "Pointer Gestures"),
    "2.5.2": ("A", "Pointer Cancellation"),
    "2.5.3": ("A", "Label in Name"),
    "2.5.4": ("A", "Motion Actuation"),
    "2.5.5": ("AAA", "Target Size (Enhanced)"),
    "2.5.6": ("AAA", "Concurrent Input Mechanisms"),
    "2.5.7": ("AA", "Dragging Movements"),
    "2.5.8": ("AA", "Target Size (Minimum)"),
    "3.1.1": ("A", "Language of Page"),
    "3.1.2": ("AA", "Language of Parts"),
    "3.1.3": ("AAA", "Unusual Words"),
    "3.1.4": ("AAA", "Abbreviations"),
    "3.1.5": ("AAA", "Reading Level"),
    "3.1.6": ("AAA", "Pronunciation"),
    "3.2.1": ("A", "On Focus"),
    "3.2.2": ("A", "On Input"),
    "3.2.3": ("AA", "Consistent Navigation"),
    "3.2.4": ("AA", "Consistent Identification"),
    "3.2.5": ("AAA", "Change on Request"),
    "3.2.6": ("A", "Consistent Help"),
    "3.3.1": ("A", "Error Identification"),
    "3.3.2": ("A", "Labels or Instructions"),
    "3.3.3": ("AA", "Error Suggestion"),
    "3.3.4": ("AA", "Error Prevention (Legal, Financial, Data)"),
    "3.3.5": ("AAA", "Help"),
    "3.3.6": ("AAA", "Error Prevention (All)"),
    "3.3.7": ("A", "Redundant Entry"),
    "3.3.8": ("AA", "Accessible Authentication (Minimum)"),
    "3.3.9": ("AAA", "Accessible Authentication (Enhanced)"),
    "4.1.2": ("A", "Name, Role, Value"),
    "4.1.3": ("AA", "Status Messages"),
}

# Section 508 chapter 4 and EN 301 549 clause 5 rows the report must have.
REQUIRED_508 = {"402.1", "402.2", "402.2.1", "402.2.2", "402.2.3", "402.2.4", "402.2.5"}
REQUIRED_508 |= {"402.3", "402.3.1", "402.3.2", "402.4", "402.5", "407.2", "407.3", "407.3.1"}
REQUIRED_508 |= {"407.3.2", "407.3.3", "407.4", "407.5", "407.6", "407.7", "407.8"}
REQUIRED_EN_5 = {"5.1.2.1", "5.1.2.2", "5.1.4", "5.1.5", "5.1.6.1", "5.1.6.2", "5.2", "5.3"}
REQUIRED_EN_5 |= {f"5.1.3.{n}" for n in range(1, 17)}
REQUIRED_EN_5 |= {"5.4", "5.5.1", "5.5.2", "5.6.1", "5.6.2", "5.7", "5.8", "5.9"}
# Hardware a real kiosk needs, with a word the deployer's note must contain.
HARDWARE = {"407.3.1": "keypad", "402.3.1": "3.5 mm", "5.1.3.11": "headphone"}


@cache
def table() -> dict[str, Any]:
    return report.load()


def test_the_report_is_the_one_the_table_makes() -> None:
    written = report.REPORT.read_text(encoding="utf-8")
    assert written == report.render(table()), (
        f"docs/accessibility.md is stale: run `{report.COMMAND}` "
        "(PYTHONPATH=. python -m tests.accessibility_report) and commit it"
    )


def test_every_wcag_22_criterion_is_there_once_at_its_level() -> None:
    rows = table()["wcag"]
    counts = Counter(row["id"] for row in rows)
    assert sorted(n for n, count in counts.items() if count > 1) == []
    assert set(counts) == set(WCAG_22), "missing or unknown criteria"
    assert len(WCAG_22) == 86
    for row in rows:
        assert (row["level"], row["name"]) == WCAG_22[row["id"]], row["id"]


def test_the_hardware_standards_have_their_rows_once() -> None:
    s508 = [row["id"] for row in table()["section508"]]
    en = [row["id"] for row in table()["en301549"]]
    assert len(s508) == len(set(s508)) and len(en) == len(set(en))
    assert set(s508) >= REQUIRED_508
    assert set(en) >= REQUIRED_EN_5
    clause_11 = [row["id"] for row in report.clause_11_rows(table())]
    assert len(clause_11) == len(set(clause_11))
    # WCAG 2.1 A and AA: 50 criteria, 4.1.1 included; EN 301 549 11.1-11.4 repeats them.
    assert len([n for n in clause_11 if n.split(".")[1] in "1234"]) == 50


@pytest.mark.parametrize("section", ["wcag", "section508", "en301549"])
def test_every_row_has_a_term_a_remark_and_evidence_for_a_claim(
    section: str,
) -> None:
    for row in table()[section]:
        assert row["conformance"] in report.TERMS, row["id"]
        assert str(row["remarks"]).strip(), row["id"]
        if row["conformance"] in ("Supports", "Partially supports"):
            assert row["evidence"], f"{row['id']} says {row['conformance']} without evidence"
    for row in report.clause_11_rows(table()):
        assert row["conformance"] in report.TERMS, row["id"]


@cache
def _test_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    )


def test_every_evidence_test_and_file_exists() -> None:
    missing = []
    for row in report.all_rows(table()):
        for item in row["evidence"]:
            path, _, name = str(item).partition("::")
            if not (REPO / path).exists():
                missing.append(f"{row['id']}: {item} (no such file)")
            elif name and any(part not in _test_names(REPO / path) for part in name.split("::")):
                missing.append(f"{row['id']}: {item} (no such test)")
            elif name and not name.split("::")[-1].startswith("test_"):
                missing.append(f"{row['id']}: {item} (not a test)")
    assert missing == []


def test_hardware_rows_say_what_the_deployer_provides() -> None:
    rows = {row["id"]: row for row in [*table()["section508"], *table()["en301549"]]}
    for criterion, word in HARDWARE.items():
        assert word in str(rows[criterion].get("deployer", "")), criterion
    written = report.REPORT.read_text(encoding="utf-8")
    assert "## What the deployer must provide" in written


def test_the_known_gaps_are_not_claimed_as_supported() -> None:
    wcag = {row["id"]: row for row in table()["wcag"]}
    en = {row["id"]: row for row in table()["en301549"]}
    gaps = {
        "1.4.2": "screen reader",  # Read aloud can speak over a screen reader
        "2.2.1": "screen reader",  # reading with a screen reader does not reset the idle count
        "4.1.3": "announcement",  # status changes are not announced
    }
    for criterion, word in gaps.items():
        assert wcag[criterion]["conformance"] != "Supports", criterion
        assert word in wcag[criterion]["remarks"], criterion
    assert en["5.1.3.10"]["conformance"] != "Supports"
    assert all(wcag[n]["conformance"] == "Not applicable" for n in ("1.2.1", "1.2.2", "1.2.4"))


def test_what_orca_showed_is_claimed_only_with_the_orca_test() -> None:
    # "expanded" on open (4.1.2) and the answer's paragraphs in the Tab order (2.1.1)
    # were gaps Orca found; they are claimed as supported on the strength of Orca itself.
    wcag = {row["id"]: row for row in table()["wcag"]}
    orca = "tests/screen_reader/test_orca_journey.py::test_journey_with_orca"
    for criterion, word in (("4.1.2", "expanded"), ("2.1.1", "Tab")):
        assert word in wcag[criterion]["remarks"], criterion
        assert orca in wcag[criterion]["evidence"], criterion


def test_the_header_names_the_version_and_how_it_was_evaluated() -> None:
    written = report.REPORT.read_text(encoding="utf-8")
    assert f"FAQ Kiosk {report.version()}" in written
    assert "faq-kiosk check --a11y" in written and "Orca" in written
    assert "Contact Information" in written
