"""`faq-kiosk content template|import|export`: the FAQ to and from spreadsheets and documents.

Formats: kiosk.authoring.sheets (.xlsx, .csv) and kiosk.authoring.documents (.docx, .md,
.txt); ids and review states: kiosk.authoring.draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.authoring import documents, sheets
from kiosk.authoring.draft import (
    Draft,
    DraftProblemsError,
    build_bundle,
    describe,
    origins_of,
    publish,
)
from kiosk.config import language_code_problem
from kiosk.content.loader import MANIFEST, BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle, TranslationState

SHEET_TYPES = (".xlsx", ".csv")
DOCUMENT_TYPES = (".docx", ".md", ".txt")

IMPORT_HELP = "make a bundle folder from a filled spreadsheet or one document per language"
IMPORT_EPILOG = """\
Sources: one .xlsx or .csv file (see 'template'), or documents, one per language:
Word .docx (Heading 1 = the FAQ title, Heading 2 = a question, the paragraphs after it =
its answer), Markdown .md (# title, ## question, paragraphs) or plain text .txt (blank
lines between blocks; a block ending in '?' is a question, a block without final
punctuation is a title and starts the next language; one .txt may hold all languages,
in the order --languages gives). A document's language is in its name: faq.es.docx is
Spanish; or say it with --lang faq-spanish.docx=es. Documents are matched by position:
the 3rd question in Spanish translates the 3rd in English.

Question ids come from the id column; else the previous bundle's question with the same
source-language title keeps its id; else the one at the same position (unless its title
moved elsewhere); else an id is made from the title. The previous bundle is --previous,
or the bundle already in --out.

Review: a translation that is new or changed since the previous bundle is 'translated'
(not reviewed); an unchanged one keeps its state (it needs review if its source text
changed). Nothing is written unless the whole bundle is valid."""


def _languages(text: str) -> list[str]:
    languages = [part.strip() for part in text.split(",") if part.strip()]
    for language in languages:
        if problem := language_code_problem(language):
            raise argparse.ArgumentTypeError(problem)
    return languages


def _lang_mapping(text: str) -> tuple[str, str]:
    name, _, language = text.rpartition("=")
    if not name or language_code_problem(language):
        raise argparse.ArgumentTypeError(f"{text!r}: write FILE=LANGUAGE, such as faq.docx=es")
    return Path(name).name, language


def register(commands: Any) -> None:
    """Add `template`, `import` and `export` to the `faq-kiosk content` group."""
    template = commands.add_parser(
        "template", help="make an empty spreadsheet to write an FAQ in", description=None
    )
    template.add_argument("out", type=Path, metavar="OUT.xlsx")
    template.add_argument(
        "--languages",
        type=_languages,
        default=list(sheets.DEFAULT_LANGUAGES),
        help="language codes, the source language first (default: en,es,vi)",
    )
    template.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    template.set_defaults(run=run_template)

    importer = commands.add_parser(
        "import",
        help=IMPORT_HELP,
        description=IMPORT_HELP,
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("sources", type=Path, nargs="+", metavar="SOURCE")
    importer.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the bundle folder to write (made if missing)",
    )
    importer.add_argument(
        "--previous",
        type=Path,
        metavar="DIR",
        help="the bundle this one updates (default: the one in --out)",
    )
    importer.add_argument(
        "--lang",
        type=_lang_mapping,
        action="append",
        default=[],
        metavar="FILE=LANG",
        help="the language of a document (repeatable)",
    )
    importer.add_argument(
        "--languages",
        type=_languages,
        default=[],
        metavar="en,es,vi",
        help="the languages of a .txt holding several, in order",
    )
    importer.add_argument(
        "--source-language",
        default="",
        metavar="LANG",
        help="the language translations are made from (default: the "
        "previous bundle's, else the first)",
    )
    importer.add_argument("--bundle-id", default="", help="the bundle's id (default: as before)")
    importer.add_argument(
        "--version", default="", help="the bundle's version (default: as before, else today's date)"
    )
    importer.set_defaults(run=run_import)

    exporter = commands.add_parser(
        "export", help="write a bundle as a spreadsheet or one document per language"
    )
    exporter.add_argument("bundle", type=Path, metavar="DIR")
    exporter.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="write a spreadsheet")
    exporter.add_argument("--docx", type=Path, metavar="FOLDER", help="write Word documents")
    exporter.add_argument("--md", type=Path, metavar="FOLDER", help="write Markdown files")
    exporter.set_defaults(run=run_export)


def run_template(options: argparse.Namespace) -> int:
    """`content template`: write an empty spreadsheet."""
    if options.out.exists() and not options.force:
        print(f"{options.out} already exists; add --force to replace it.", file=sys.stderr)
        return 1
    sheets.write_xlsx(options.out, None, options.languages)
    print(f"Wrote {options.out}. Its sheet {sheets.HELP_SHEET!r} says how to fill it in.")
    return 0


def _problems(lines: list[str], heading: str = "The bundle was not written. Please fix:") -> int:
    print(heading, file=sys.stderr)
    for line in lines:
        print(f"  - {line}", file=sys.stderr)
    return 1


def read_sources(options: argparse.Namespace) -> Draft:
    """The draft the command line's sources make."""
    sources: list[Path] = options.sources
    kinds = {path.suffix.lower() for path in sources}
    if unknown := kinds - set(SHEET_TYPES) - set(DOCUMENT_TYPES):
        raise DraftProblemsError([f"cannot read {', '.join(sorted(unknown))} files"])
    if missing := [str(path) for path in sources if not path.is_file()]:
        raise DraftProblemsError([f"{name}: no such file" for name in missing])
    if kinds & set(SHEET_TYPES):
        if len(sources) > 1:
            raise DraftProblemsError(["give one spreadsheet, or documents only"])
        path = sources[0]
        draft = sheets.read_xlsx(path) if path.suffix.lower() == ".xlsx" else sheets.read_csv(path)
    else:
        given = dict(options.lang)
        read: list[documents.Document] = []
        for path in sources:
            read += read_document(path, language_name(path, given), options.languages)
        draft = documents.draft_from_documents(read, options.source_language)
    draft.source_language = options.source_language or draft.source_language
    draft.bundle_id = options.bundle_id or draft.bundle_id
    draft.version = options.version or draft.version
    return draft


def read_document(path: Path, language: str, languages: list[str]) -> list[documents.Document]:
    """The document(s) in *path*: several for a .txt holding *languages*."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return documents.read_plain_text(path, [language] if language else languages)
    document = documents.read_word(path) if suffix == ".docx" else documents.read_markdown(path)
    document.language = language or document.language
    return [document]


def language_name(path: Path, given: dict[str, str]) -> str:
    """*path*'s language from --lang or its name, or ""."""
    return given.get(path.name) or documents.language_from_name(path)


def previous_bundle(options: argparse.Namespace) -> ContentBundle | None:
    """The bundle this import updates: --previous, or a valid one already in --out."""
    folder = options.previous or options.out
    if options.previous is None and not (folder / MANIFEST).is_file():
        return None
    try:
        return load_bundle(folder)
    except BundleInvalidError as error:
        if options.previous is not None:
            raise DraftProblemsError(
                [f"the previous bundle {folder}: " + describe(issue, {}) for issue in error.issues]
            ) from error
        print(
            f"Note: the bundle in {folder} has problems, so ids are made afresh.", file=sys.stderr
        )
        return None


def run_import(options: argparse.Namespace) -> int:
    """`content import`: read the sources, check the bundle, write it."""
    try:
        draft = read_sources(options)
        previous = previous_bundle(options)
        bundle = build_bundle(draft, previous)
    except DraftProblemsError as error:
        return _problems(error.problems)
    if problems := publish(bundle, options.out, origins_of(draft, bundle)):
        return _problems(problems)
    written = load_bundle(options.out)
    for warning in written.warnings:
        print(f"Note: {describe(warning, origins_of(draft, bundle))}")
    print(
        f"Wrote {options.out}: {len(bundle.question_ids)} questions, id {bundle.id!r}, "
        f"version {bundle.version!r}."
    )
    for language in bundle.languages:
        if language == bundle.source_language:
            continue
        states = [written.state(language, qid) for qid in written.question_ids]
        counts = {state: states.count(state) for state in TranslationState if state in states}
        summary = ", ".join(f"{count} {state.value}" for state, count in counts.items())
        print(f"  {language}: {summary}")
    return 0


def run_export(options: argparse.Namespace) -> int:
    """`content export`: write the bundle as a spreadsheet and/or documents."""
    if not (options.xlsx or options.docx or options.md):
        print("Say what to write: --xlsx OUT.xlsx, --docx FOLDER or --md FOLDER.", file=sys.stderr)
        return 2
    try:
        bundle = load_bundle(options.bundle)
    except BundleInvalidError as error:
        lines = [describe(issue, {}) for issue in error.issues]
        return _problems(lines, f"{options.bundle} cannot be exported: it has problems.")
    if options.xlsx:
        sheets.write_xlsx(options.xlsx, bundle, bundle.languages)
        print(f"Wrote {options.xlsx}")
    for folder, extension in ((options.docx, ".docx"), (options.md, ".md")):
        if folder:
            for path in documents.export_documents(bundle, folder, extension):
                print(f"Wrote {path}")
    return 0
