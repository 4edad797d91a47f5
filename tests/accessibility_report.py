"""Makes docs/accessibility.md, the accessibility conformance report (VPAT 2.5 shape),
from docs/accessibility-criteria.toml. Run `make accessibility-report` after editing the
table; tests/test_accessibility_report.py fails while the report is stale."""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "docs" / "accessibility-criteria.toml"
REPORT = REPO / "docs" / "accessibility.md"
COMMAND = "make accessibility-report"

LEVELS = ("A", "AA", "AAA")
TERMS = ("Supports", "Partially supports", "Does not support", "Not applicable")
# EN 301 549 V3.2.1 clause 11.1-11.4 repeats WCAG 2.1 A and AA; these came with WCAG 2.2.
NEW_IN_WCAG_22 = frozenset({"2.4.11", "2.4.12", "2.4.13", "2.5.7", "2.5.8", "3.2.6", "3.3.7"})
NEW_IN_WCAG_22 |= {"3.3.8", "3.3.9"}

Row = dict[str, Any]


def load(path: Path = TABLE) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def version() -> str:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _key(row: Row) -> tuple[int, ...]:
    return tuple(int(part) for part in str(row["id"]).split("."))


def clause_11_rows(table: dict[str, Any]) -> list[Row]:
    """EN 301 549 11.1 to 11.4, one per WCAG 2.1 A/AA criterion, then the clause's own."""
    mapped = [
        {
            "id": f"11.{row['id']}",
            "name": row["name"],
            "conformance": row["conformance"],
            "remarks": f"See WCAG 2.2 {row['id']}.",
            "evidence": [],
        }
        for row in table["wcag"]
        if row["level"] in ("A", "AA") and row["id"] not in NEW_IN_WCAG_22
    ]
    own = [row for row in table["en301549"] if str(row["id"]).startswith("11.")]
    return sorted(mapped + own, key=_key)


def all_rows(table: dict[str, Any]) -> list[Row]:
    return [*table["wcag"], *table["section508"], *table["en301549"], *clause_11_rows(table)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _remarks(row: Row) -> str:
    text = _cell(str(row["remarks"]))
    if row.get("deployer"):
        text += f"<br>**Deployer provides:** {_cell(str(row['deployer']))}"
    return text


def _evidence(row: Row) -> str:
    return "<br>".join(f"`{_cell(item)}`" for item in row["evidence"]) or "—"


def _table(rows: list[Row], evidence: bool = True) -> list[str]:
    head = "| Criteria | Conformance Level | Remarks and Explanations |"
    lines = [head + (" Evidence |" if evidence else ""), "|---|---|---|" + ("---|" * evidence)]
    for row in rows:
        cells = [f"{row['id']} {_cell(str(row['name']))}", row["conformance"], _remarks(row)]
        if evidence:
            cells.append(_evidence(row))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _tally(rows: list[Row]) -> str:
    counts = Counter(row["conformance"] for row in rows)
    return ", ".join(f"{term}: {counts[term]}" for term in TERMS)


def render(table: dict[str, Any]) -> str:
    info = table["report"]
    wcag, s508 = table["wcag"], table["section508"]
    clause_5 = [row for row in table["en301549"] if str(row["id"]).startswith("5.")]
    clause_11 = clause_11_rows(table)
    out = [
        f"# {info['product']} Accessibility Conformance Report",
        "",
        "International Edition, in the shape of the ITI VPAT® Version 2.5 (WCAG 2.2,",
        "Revised Section 508, EN 301 549).",
        "",
        "<!-- Generated from docs/accessibility-criteria.toml by tests/accessibility_report.py."
        f" Do not edit: change the table and run `{COMMAND}`. -->",
        "",
        f"**Name of Product/Version:** {info['product']} {version()}",
        "",
        f"**Report Date:** {info['evaluated']}",
        "",
        f"**Product Description:** {info['description']}",
        "",
        f"**Contact Information:** {info['contact']}",
        "",
        "**Notes:** The report covers the kiosk software. Rows marked **Deployer provides**",
        "hold on a real kiosk only with that hardware; the list is",
        "[at the end](#what-the-deployer-must-provide). The Evidence column names the automated",
        "tests (pytest node ids) or the files that show each row; the test suite checks that",
        "each exists.",
        "",
        "**Evaluation Methods Used:**",
        "",
        *[f"- {method}" for method in info["methods"]],
        "",
        "## Applicable Standards/Guidelines",
        "",
        "| Standard/Guideline | Included In Report |",
        "|---|---|",
        "| Web Content Accessibility Guidelines 2.2 | Level A (Yes), Level AA (Yes), "
        "Level AAA (Yes) |",
        "| Revised Section 508 standards (January 18, 2017) | Chapter 4 §402 and §407 (Yes); "
        "chapters 3, 5 and 6 (No) |",
        "| EN 301 549 V3.2.1 (2021-03) | Clause 5 (Yes), clause 11 (Yes); other clauses (No) |",
        "",
        "## Terms",
        "",
        "- **Supports**: the functionality of the product has at least one method that meets",
        "  the criterion without known defects or meets with equivalent facilitation.",
        "- **Partially supports**: some functionality of the product does not meet the",
        "  criterion.",
        "- **Does not support**: the majority of product functionality does not meet the",
        "  criterion.",
        "- **Not applicable**: the criterion is not relevant to the product.",
        "",
        "## Summary",
        "",
        "| Table | Rows | Conformance |",
        "|---|---|---|",
    ]
    levels = [
        (level, [row for row in wcag if row["level"] == level]) for level in ("A", "AA", "AAA")
    ]
    sections = [
        *[(f"WCAG 2.2 Level {level}", rows) for level, rows in levels],
        ("Section 508 chapter 4", s508),
        ("EN 301 549 clause 5", clause_5),
        ("EN 301 549 clause 11", clause_11),
    ]
    out += [f"| {name} | {len(rows)} | {_tally(rows)} |" for name, rows in sections]
    out.append("")
    for number, (level, rows) in enumerate(levels, start=1):
        out += [f"## WCAG 2.2 Report: Table {number}, Success Criteria, Level {level}", ""]
        out += [*_table(rows), ""]
    out += [
        "## Revised Section 508 Report: Chapter 4, Hardware",
        "",
        "The kiosk is software; these rows say what it does and what the hardware it runs on",
        "must add.",
        "",
        "### 402 Closed Functionality",
        "",
        *_table([row for row in s508 if str(row["id"]).startswith("402")]),
        "",
        "### 407 Operable Parts",
        "",
        *_table([row for row in s508 if str(row["id"]).startswith("407")]),
        "",
        "## EN 301 549 Report",
        "",
        "### Chapter 5: Generic Requirements",
        "",
        *_table(clause_5),
        "",
        "### Chapter 11: Software",
        "",
        "11.1 to 11.4 (open functionality) are WCAG 2.1 A and AA: each row has the level of the",
        "WCAG 2.2 criterion of the same number above.",
        "",
        *_table(clause_11),
        "",
        "## What the deployer must provide",
        "",
    ]
    out += [
        f"- **{row['id']} {row['name']}:** {row['deployer']}"
        for row in [*s508, *table["en301549"]]
        if row.get("deployer")
    ]
    out += [
        "",
        "## Legal Disclaimer",
        "",
        "This report describes the kiosk software as tested on the date above. It is not a",
        "certification; the district completes the contact information and confirms the",
        "hardware rows on its installed kiosks.",
        "",
    ]
    return "\n".join(out)


def main() -> int:
    REPORT.write_text(render(load()), encoding="utf-8")
    print(f"wrote {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
