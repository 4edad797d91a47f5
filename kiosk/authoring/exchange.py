"""`faq-kiosk content export-translation` and `import-translation`: hand a language's
texts to a translator as XLIFF 1.2 or PO, and take the translated file back.

The units, their ids and notes are in `exchange_units`; the file formats in
`exchange_xliff` and `exchange_po`; what an import takes or refuses in
`exchange_import`. The bundle is always written by `kiosk.content.writer`.
Format reference: docs/content.md ("Translation files (XLIFF and PO)").
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.authoring.exchange_import import ImportReport, import_units
from kiosk.authoring.exchange_po import po_bytes, read_po_units
from kiosk.authoring.exchange_units import (
    ExchangeFile,
    ExchangeFileError,
    export_units,
    language_name,
)
from kiosk.authoring.exchange_xliff import read_xliff_units, xliff_bytes
from kiosk.content.loader import BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle
from kiosk.content.writer import write_bundle

FORMATS = ("xliff", "po")
#: File name endings that say which format to write when `--format` is not given.
SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".po": "po"}
#: The most a translation file may be (a 5,000-question language is about 10 MB as XLIFF).
MAX_FILE_BYTES = 64 * 1024 * 1024
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _load(folder: Path) -> ContentBundle | None:
    """The bundle in *folder*, or None after saying what is wrong with it."""
    try:
        return load_bundle(folder)
    except BundleInvalidError as error:
        print(f"The FAQ in {folder} has problems; fix them first:")
        for issue in error.issues:
            print(f"  {issue}")
        return None


def _translation_language(bundle: ContentBundle, language: str) -> str | None:
    """The bundle's spelling of translation language *language* ("pt_BR" finds "pt-BR"),
    or None after saying why it is not one."""
    wanted = language.replace("_", "-").lower()
    for code in bundle.languages:
        if code.replace("_", "-").lower() == wanted and code != bundle.source_language:
            return code
    others = ", ".join(code for code in bundle.languages if code != bundle.source_language)
    print(
        f"This FAQ has no translation into '{language}' (it is translated into: {others}). "
        "Add the language to manifest.toml first."
    )
    return None


def run_export(options: argparse.Namespace) -> int:
    """`export-translation`: write the file for a translator."""
    out: Path = options.out
    kind = options.format or SUFFIXES.get(out.suffix.lower())
    if kind is None:
        print("Say --format xliff or --format po (or end the file name in .xlf or .po).")
        return EXIT_USAGE
    bundle = _load(options.folder)
    if bundle is None:
        return EXIT_PROBLEMS
    language = _translation_language(bundle, options.lang)
    if language is None:
        return EXIT_PROBLEMS
    exchange = export_units(bundle, language)
    out.write_bytes(xliff_bytes(exchange) if kind == "xliff" else po_bytes(exchange))
    print(_export_summary(bundle, language, exchange, out))
    return EXIT_OK


def _export_summary(bundle: ContentBundle, language: str, exchange: ExchangeFile, out: Path) -> str:
    """One plain sentence on what an export wrote."""
    states = [bundle.state(language, question_id) for question_id in bundle.question_ids]
    counts = ", ".join(
        f"{states.count(state)} {state.value.replace('-', ' ')}" for state in dict.fromkeys(states)
    )
    return (
        f"Wrote {len(exchange.units)} texts to translate into {language_name(language)} "
        f"to {out} ({len(states)} questions: {counts})."
    )


def read_units(path: Path) -> ExchangeFile:
    """The units of translation file *path*, XLIFF or PO (told apart by what it
    holds: XML starts with '<'); raise `ExchangeFileError` if it cannot be read."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ExchangeFileError("the file is too large to be a translation of this FAQ")
        data = path.read_bytes()
    except OSError as error:
        raise ExchangeFileError(f"the file cannot be read ({error.strerror})") from error
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_xliff_units(data)
    return read_po_units(data)


def _check_file(bundle: ContentBundle, exchange: ExchangeFile, folder: Path) -> str | None:
    """Why *exchange* cannot be a translation of *bundle* at all, or None."""
    if exchange.bundle_id and exchange.bundle_id != bundle.id:
        return (
            f"This file was made from the FAQ '{exchange.bundle_id}', but the FAQ in "
            f"{folder} is '{bundle.id}'."
        )
    if exchange.source_language and exchange.source_language != bundle.source_language:
        return (
            f"This file translates from '{exchange.source_language}', but the FAQ is "
            f"written in '{bundle.source_language}'."
        )
    if not exchange.target_language:
        return "The file does not say which language it translates into."
    return None


def _count(number: int, noun: str) -> str:
    """ "1 question", "2 questions"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _print_report(report: ImportReport, language: str, written: bool) -> None:
    """Say what an import took and refused."""
    what = language_name(language)
    if written:
        print(
            f"Took the {what} translation of {_count(report.taken, 'question')} "
            f"({report.reviewed} of them reviewed) and {_count(report.other_texts, 'other text')}."
        )
    else:
        print(f"Nothing new to take from this {what} translation.")
    if report.not_done:
        print(
            f"{report.not_done} questions are not translated in this file; they stay as they were."
        )
    if report.refused:
        print("Not taken:")
        for sentence in report.refused:
            print(f"  {sentence}")


def run_import(options: argparse.Namespace) -> int:
    """`import-translation`: take a translated file back into the bundle."""
    bundle = _load(options.folder)
    if bundle is None:
        return EXIT_PROBLEMS
    try:
        exchange = read_units(options.file)
    except ExchangeFileError as error:
        print(f"{options.file}: {error}. Nothing was taken.")
        return EXIT_PROBLEMS
    problem = _check_file(bundle, exchange, options.folder)
    language = None if problem else _translation_language(bundle, exchange.target_language)
    if problem or language is None:
        if problem:
            print(f"{problem} Nothing was taken.")
        return EXIT_PROBLEMS
    updated, report = import_units(bundle, language, exchange)
    written = updated.texts[language] != bundle.texts[language]
    if written:
        write_bundle(updated, options.folder)
    _print_report(report, language, written)
    return EXIT_PROBLEMS if report.refused else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export-translation` and `import-translation` to `faq-kiosk content`."""
    export = commands.add_parser(
        "export-translation",
        help="write one language's texts as a file for a translator (XLIFF or PO)",
        description="Write every text of the FAQ (its title, each question's title and "
        "answer paragraphs, each link's label) with its translation into LANG so far, "
        "as an XLIFF 1.2 or PO file a translator's tool opens. Texts not translated yet "
        "are empty; translations whose source changed since are marked for review.",
    )
    export.add_argument("folder", metavar="DIR", type=Path, help="the FAQ's folder")
    export.add_argument("--lang", required=True, help="the language to translate into, e.g. es")
    export.add_argument(
        "--format", choices=FORMATS, help="file format (default: from OUT's ending, .xlf or .po)"
    )
    export.add_argument("out", metavar="OUT", type=Path, help="the file to write")
    export.set_defaults(run=run_export)
    take = commands.add_parser(
        "import-translation",
        help="take a translated XLIFF or PO file back into the FAQ",
        description="Take the translations from FILE (made by export-translation) into "
        "the FAQ in DIR, keeping what the file says about review. A question is taken "
        "only when all its texts are translated and its source has not changed since the "
        "file was made; anything not taken is listed, and the exit status is then 1.",
    )
    take.add_argument("folder", metavar="DIR", type=Path, help="the FAQ's folder")
    take.add_argument("file", metavar="FILE", type=Path, help="the translated .xlf or .po file")
    take.set_defaults(run=run_import)
