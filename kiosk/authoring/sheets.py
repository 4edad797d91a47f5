"""The FAQ as a spreadsheet (.xlsx) or a CSV file with the same columns, both ways.

Sheet "FAQ": one row per question. Columns: "id" (optional: made from the source
question when empty, see `kiosk.authoring.draft`), then per language "Question (en)" and
"Answer (en)" (paragraphs separated by a blank line inside the cell), then the link
columns: "Link id", "Link kind" (web or phone), "Link URL or phone", "Link label (en)"
per language, "Link shown as". A row with only link columns filled adds another link to
the question above; a link id on several rows is one link shown in all those answers.
Sheet "Bundle": the bundle id, version, source language and the FAQ title per language.
A CSV file is the "FAQ" sheet alone; a row whose id is "(title)" gives the FAQ title per
language in its question columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kiosk.authoring.draft import Draft, DraftQuestion, slug
from kiosk.content.model import ContentBundle, Link

FAQ_SHEET = "FAQ"
HELP_SHEET = "How to fill this in"
BUNDLE_SHEET = "Bundle"
ID = "id"
LINK_ID, LINK_KIND, LINK_URL, LINK_SHOWN = (
    "Link id",
    "Link kind",
    "Link URL or phone",
    "Link shown as",
)
LINK_KINDS = ("web", "phone")
TITLE_ROW_ID = "(title)"
BUNDLE_ID, VERSION, SOURCE_LANGUAGE = "Bundle id", "Version", "Source language"
#: Rows of the FAQ sheet offered the web/phone choice.
VALIDATED_ROWS = 1000
WIDTHS = {"Question": 40, "Answer": 80, "Link label": 30, ID: 24, LINK_URL: 30}
DEFAULT_WIDTH = 16
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LANGUAGE_COLUMN = re.compile(r"(Question|Answer|Link label|Title) \((.+)\)")
DEFAULT_LANGUAGES = ("en", "es", "vi")

HELP_TEXT = (
    "How to fill in this FAQ spreadsheet",
    "",
    "1. On the sheet 'Bundle', type a short name for this FAQ (letters, digits and hyphens),"
    " a version such as 2024.1, and the FAQ's title in each language.",
    "2. On the sheet 'FAQ', write one question per row: the question in 'Question (en)' and"
    " its answer in 'Answer (en)'. Do the same in the other languages' columns, or leave"
    " them empty until the translation is ready: visitors then see the source language.",
    "3. An answer can have several paragraphs: leave an empty line between them (in Excel,"
    " press Alt+Enter twice; on a Mac, Control+Option+Enter).",
    "4. Leave 'id' empty: the tool gives each question a lasting name. Only change an id"
    " if you know why.",
    "5. If an answer says 'you can find it here', fill in the link columns on its row:"
    " a short link id, 'web' or 'phone', the web address or phone number, what it leads"
    " to in each language, and (optional) how a phone number should be printed. The kiosk"
    " shows it as a QR code. For a second link, use the next row and leave its question"
    " columns empty.",
    "6. Save, then run: faq-kiosk content import this-file.xlsx --out my-faq-folder",
    "   The tool lists anything that needs fixing, with its row.",
)


def columns(languages: Iterable[str]) -> list[str]:
    """The FAQ sheet's column headers for *languages*, in order."""
    languages = list(languages)
    headers = [ID]
    for language in languages:
        headers += [f"Question ({language})", f"Answer ({language})"]
    headers += [LINK_ID, LINK_KIND, LINK_URL]
    headers += [f"Link label ({language})" for language in languages]
    return [*headers, LINK_SHOWN]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def paragraphs(cell: str) -> tuple[str, ...]:
    """An answer cell's paragraphs: split at blank lines; a single line break is a space."""
    parts = (" ".join(part.split("\n")).strip() for part in _PARAGRAPH_BREAK.split(cell))
    return tuple(part for part in parts if part)


def _languages_of(headers: Iterable[str]) -> list[str]:
    found: list[str] = []
    for header in headers:
        match = _LANGUAGE_COLUMN.fullmatch(header)
        if match and match[1] == "Question" and match[2] not in found:
            found.append(match[2])
    return found


def _add_link(draft: Draft, row: dict[str, str], question: int, where: str) -> None:
    url = row.get(LINK_URL, "")
    link_id = row.get(LINK_ID, "")
    labels = {lang: row.get(f"Link label ({lang})", "") for lang in draft.languages}
    if not (link_id or url or any(labels.values())):
        return
    link = draft.link(link_id or slug(next(filter(None, labels.values()), url)))
    kind = row.get(LINK_KIND, "").lower() or link.kind
    kind = kind or ("phone" if url.startswith("tel:") else "web")
    if kind not in LINK_KINDS:
        draft.problems.append(f"{where}: the link kind must be 'web' or 'phone', not {kind!r}")
    if kind == "phone" and url and not url.startswith("tel:"):
        link.display = link.display or url
        url = "tel:" + re.sub(r"[^0-9+]", "", url)
    for name, value, old in (("kind", kind, link.kind), ("URL", url, link.url)):
        if value and old and value != old:
            draft.problems.append(f"{where}: link {link.id!r} has another {name} on an earlier row")
    link.kind, link.url = kind, url or link.url
    link.display = row.get(LINK_SHOWN, "") or link.display
    link.labels.update({lang: label for lang, label in labels.items() if label})
    if question not in link.questions:
        link.questions.append(question)


def draft_from_rows(draft: Draft, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
    """Fill *draft* from the FAQ table's rows (row number, header → text)."""
    for number, row in rows:
        where = f"row {number}"
        texts = {
            lang: (row.get(f"Question ({lang})", ""), paragraphs(row.get(f"Answer ({lang})", "")))
            for lang in draft.languages
        }
        if row.get(ID) == TITLE_ROW_ID:
            draft.titles.update({lang: title for lang, (title, _) in texts.items() if title})
            continue
        filled = {lang: text for lang, text in texts.items() if text[0] or text[1]}
        if filled or row.get(ID):
            draft.questions.append(DraftQuestion(row.get(ID, ""), filled, where))
        if draft.questions:
            _add_link(draft, row, len(draft.questions) - 1, where)
        elif any(row.values()):
            draft.problems.append(f"{where}: a link comes before the first question")


def _rows(
    cells: Iterator[Sequence[object]], start: int
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    headers = [_cell_text(value) for value in next(cells, ())]
    rows = []
    for number, values in enumerate(cells, start=start + 1):
        row = {header: _cell_text(value) for header, value in zip(headers, values, strict=False)}
        if any(row.values()):
            rows.append((number, row))
    return headers, rows


def read_xlsx(path: Path) -> Draft:
    """The draft in spreadsheet *path* (its FAQ and Bundle sheets)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    draft = Draft()
    if FAQ_SHEET not in workbook.sheetnames:
        draft.problems.append(f"{path.name}: there is no sheet called {FAQ_SHEET!r}")
        return draft
    headers, rows = _rows(workbook[FAQ_SHEET].iter_rows(values_only=True), 1)
    draft.languages = _languages_of(headers)
    if BUNDLE_SHEET in workbook.sheetnames:
        for values in workbook[BUNDLE_SHEET].iter_rows(values_only=True, max_col=2):
            name, value = (_cell_text(v) for v in (*values, None, None)[:2])
            _bundle_value(draft, name, value)
    draft_from_rows(draft, rows)
    workbook.close()
    return draft


def _bundle_value(draft: Draft, name: str, value: str) -> None:
    if name == BUNDLE_ID:
        draft.bundle_id = value
    elif name == VERSION:
        draft.version = value
    elif name == SOURCE_LANGUAGE:
        draft.source_language = value
    elif (match := _LANGUAGE_COLUMN.fullmatch(name)) and match[1] == "Title" and value:
        draft.titles[match[2]] = value


def read_csv(path: Path) -> Draft:
    """The draft in CSV file *path* (UTF-8, with or without a byte-order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        headers, rows = _rows(iter(csv.reader(file)), 1)
    draft = Draft(languages=_languages_of(headers))
    draft_from_rows(draft, rows)
    return draft


def table_rows(bundle: ContentBundle) -> list[list[str]]:
    """*bundle* as the FAQ sheet's rows, headers first."""
    headers = columns(bundle.languages)
    rows = [headers]
    for question_id in bundle.question_ids:
        row = dict.fromkeys(headers, "")
        row[ID] = question_id
        for language in bundle.languages:
            question = bundle.texts[language].questions.get(question_id)
            if question is not None:
                row[f"Question ({language})"] = question.title
                row[f"Answer ({language})"] = "\n\n".join(question.answer)
        links: list[Link | None] = [*bundle.links_for(question_id)] or [None]
        for number, link in enumerate(links):
            line = row if number == 0 else dict.fromkeys(headers, "")
            if link is not None:
                line.update({LINK_ID: link.id, LINK_KIND: link.kind, LINK_URL: link.url})
                line[LINK_SHOWN] = link.display
                for language in bundle.languages:
                    line[f"Link label ({language})"] = bundle.texts[language].link_labels.get(
                        link.id, ""
                    )
            rows.append([line[header] for header in headers])
    return rows


def _width(header: str) -> int:
    for prefix, width in WIDTHS.items():
        if header.startswith(prefix):
            return width
    return DEFAULT_WIDTH


def _format_faq(sheet: Worksheet, headers: list[str]) -> None:
    sheet.freeze_panes = "B2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, header in enumerate(headers, start=1):
        letter = sheet.cell(1, column).column_letter
        sheet.column_dimensions[letter].width = _width(header)
        sheet.cell(1, column).font = Font(bold=True)
        for row in range(1, sheet.max_row + 1):
            sheet.cell(row, column).alignment = wrap
    kind_letter = sheet.cell(1, headers.index(LINK_KIND) + 1).column_letter
    choice = DataValidation(type="list", formula1=f'"{",".join(LINK_KINDS)}"', allow_blank=True)
    choice.error, choice.errorTitle = "Choose web or phone.", "Link kind"
    choice.add(f"{kind_letter}2:{kind_letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(choice)


def write_xlsx(path: Path, bundle: ContentBundle | None, languages: Iterable[str]) -> None:
    """Write *bundle* (or, when None, an empty template for *languages*) to *path*."""
    languages = list(bundle.languages if bundle else languages)
    workbook = Workbook()
    faq = workbook.active
    assert faq is not None
    faq.title = FAQ_SHEET
    rows = table_rows(bundle) if bundle else [columns(languages)]
    for row in rows:
        faq.append(row)
    _format_faq(faq, rows[0])
    help_sheet = workbook.create_sheet(HELP_SHEET)
    for line in HELP_TEXT:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 120
    help_sheet["A1"].font = Font(bold=True)
    for row in help_sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    info = workbook.create_sheet(BUNDLE_SHEET)
    info.append(["What", "Value"])
    info.append([BUNDLE_ID, bundle.id if bundle else ""])
    info.append([VERSION, bundle.version if bundle else ""])
    info.append([SOURCE_LANGUAGE, bundle.source_language if bundle else languages[0]])
    for language in languages:
        info.append([f"Title ({language})", bundle.title(language) if bundle else ""])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 20, 60
    info["A1"].font = info["B1"].font = Font(bold=True)
    info["B3"].number_format = "@"  # a version such as 2021.10 stays text
    workbook.save(path)
