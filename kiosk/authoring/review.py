"""The plain-language check of a content bundle, for the communications officer.

`review_bundle(folder)` says, per language, which questions are not ready to be shown
as official: changed in the source language since they were translated, not translated
yet, or translated but not reviewed. A bundle the kiosk would reject comes first, each
problem in plain words. Below every sentence is a detail for IT: file:line: key: what
the loader said (`Issue`).

The bundle records no date of its own, so "changed in English on …" is the date the
source-language file (e.g. en.toml) was last modified: the best evidence of when the
source text changed.

`faq-kiosk content check DIR` prints `report_lines`; `kiosk.cli.preview` puts the same
lines first in the preview PDF.
"""

from __future__ import annotations

import argparse
import datetime
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from kiosk.config.tomlfile import Issue, TomlDocument, TomlFileError, read_toml
from kiosk.content.loader import MANIFEST, BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle, TranslationState

#: How many characters of a question's title a sentence quotes before "…".
TITLE_CHARS = 45
#: The order a language's findings are listed in: the most urgent first.
STATE_ORDER = (
    TranslationState.NEEDS_REVIEW,
    TranslationState.NEW,
    TranslationState.TRANSLATED,
)
#: What each key of a bundle file is, in words ("questions.<id>.<part>").
QUESTION_PARTS = {
    "title": "the question",
    "answer": "the answer",
    "status": "the review status",
    "source_hash": "the record of which English it translates",
}


@dataclass(frozen=True)
class Finding:
    """One thing to fix, in plain words, with where it is for IT."""

    sentence: str
    detail: str


@dataclass(frozen=True)
class LanguageReview:
    """What is not ready in one language."""

    language: str
    name: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Review:
    """The outcome of checking one bundle folder. `bundle` is None when it is rejected."""

    folder: Path
    bundle: ContentBundle | None
    errors: tuple[Finding, ...]
    languages: tuple[LanguageReview, ...]
    source_date: datetime.date | None

    @property
    def ready(self) -> bool:
        """True when the bundle loads and every translation is reviewed."""
        return self.bundle is not None and not any(lang.findings for lang in self.languages)

    @property
    def exit_status(self) -> int:
        """0 when `ready`, 1 when the bundle is rejected or anything is unreviewed."""
        return 0 if self.ready else 1


def language_name(code: str) -> str:
    """*code*'s name in English ("es" → "Spanish"); the code itself if babel has none."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return code
    return str(name) if name else code


def short_title(title: str, limit: int = TITLE_CHARS) -> str:
    """*title* cut after a word to at most *limit* characters, with "…" when cut."""
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:?")
    return f"{cut}…"


def modified_date(path: Path) -> datetime.date | None:
    """The day *path* was last modified, or None if it cannot be read."""
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def review_bundle(folder: Path) -> Review:
    """Check the bundle in *folder*: what would reject it, else what is not reviewed."""
    try:
        bundle = load_bundle(folder)
    except BundleInvalidError as error:
        errors = tuple(_error_finding(issue) for issue in error.issues)
        return Review(folder, None, errors, (), None)
    source_file = folder / f"{bundle.source_language}.toml"
    date = modified_date(source_file)
    languages = tuple(
        _review_language(bundle, language, folder, date)
        for language in bundle.languages
        if language != bundle.source_language
    )
    return Review(folder, bundle, (), languages, date)


def _review_language(
    bundle: ContentBundle, language: str, folder: Path, date: datetime.date | None
) -> LanguageReview:
    name = language_name(language)
    source_name = language_name(bundle.source_language)
    lines = _LineFinder(folder / f"{language}.toml")
    unreviewed = bundle.unreviewed(language)
    findings: list[Finding] = []
    for state in STATE_ORDER:
        for qid in unreviewed:
            if bundle.state(language, qid) != state:
                continue
            title = short_title(bundle.question(bundle.source_language, qid).title)
            sentence = _state_sentence(state, name, source_name, title, date)
            detail = _warning_detail(bundle, language, qid) or lines.detail(qid, state)
            findings.append(Finding(sentence, detail))
    return LanguageReview(language, name, tuple(findings))


def _state_sentence(
    state: TranslationState,
    name: str,
    source_name: str,
    title: str,
    date: datetime.date | None,
) -> str:
    when = f" on {date.isoformat()}" if date else ""
    if state == TranslationState.NEEDS_REVIEW:
        return (
            f"{name}: the question or answer '{title}' changed in {source_name}{when}; "
            "its translation needs review"
        )
    if state == TranslationState.NEW:
        return f"{name}: '{title}' is not translated yet; visitors see the {source_name}"
    return f"{name}: '{title}' is translated but not yet reviewed"


def _warning_detail(bundle: ContentBundle, language: str, qid: str) -> str | None:
    key = f"questions.{qid}"
    for issue in bundle.warnings:
        if issue.key == key and issue.path is not None and issue.path.stem == language:
            return str(issue)
    return None


class _LineFinder:
    """Where a question's `status` is written in one language file, for IT."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: TomlDocument | None
        try:
            self.document = read_toml(path)
        except TomlFileError:
            self.document = None

    def detail(self, qid: str, state: TranslationState) -> str:
        key = ("questions", qid, "status")
        line = self.document.line_of(key) if self.document else None
        message = f"status is {str(state)!r}, not 'reviewed'"
        return str(Issue(self.path, line, message, ".".join(key)))


def _error_finding(issue: Issue) -> Finding:
    """A problem that rejects the bundle, in plain words, and as the loader said it."""
    return Finding(f"{_file_words(issue.path)}: {_key_words(issue)}", str(issue))


def _file_words(path: Path | None) -> str:
    if path is None:
        return "The bundle"
    if path.name == MANIFEST:
        return "The list of languages and questions (manifest.toml)"
    return f"The {language_name(path.stem)} text ({path.name})"


def _key_words(issue: Issue) -> str:
    table, name, rest = _split_key(issue.key)
    if table == "questions" and name:
        part = QUESTION_PARTS.get(rest, f"'{rest}'") if rest else "it"
        return f"in question '{name}', {part} {issue.message}"
    if table == "links" and name:
        return f"in link '{name}', {rest or 'it'} {issue.message}"
    if issue.key:
        return f"'{issue.key}' {issue.message}"
    return f"the file cannot be read: {issue.message}"


def _split_key(key: str | None) -> tuple[str, str, str]:
    """ "questions.savings.title" → ("questions", "savings", "title"); parts missing are ""."""
    table, _, rest = (key or "").partition(".")
    name, _, part = rest.partition(".")
    return table, name, part


def report_lines(review: Review) -> list[str]:
    """The check's outcome as lines of plain text: the verdict, then the problems that
    reject the bundle or, per language, what is not reviewed; under each, "for IT:"."""
    lines = [_verdict(review)]
    if review.errors:
        lines += ["", "Fix these first:"]
        for finding in review.errors:
            lines += _finding_lines(finding)
    for language in review.languages:
        if not language.findings:
            continue
        count = len(language.findings)
        lines += ["", f"{language.name} ({language.language}): {count} to review"]
        for finding in language.findings:
            lines += _finding_lines(finding)
    return lines


def _finding_lines(finding: Finding) -> list[str]:
    return [f"  • {finding.sentence}.", f"      for IT: {finding.detail}"]


def _verdict(review: Review) -> str:
    bundle = review.bundle
    if bundle is None:
        return (
            f"The content in {review.folder} cannot be used: the kiosk would refuse it and "
            f"keep showing the FAQ it had. {len(review.errors)} problem(s) to fix."
        )
    name = f"'{bundle.id}' version {bundle.version}"
    if review.ready:
        return f"{name}: every question is reviewed in every language. Ready to publish."
    total = sum(len(language.findings) for language in review.languages)
    return f"{name}: {total} translated question(s) are not reviewed yet."


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check DIR` to the `faq-kiosk content` commands."""
    command = commands.add_parser(
        "check",
        help="say in plain words what is not ready in a content folder",
        description="Check a content folder: first anything that stops the kiosk from "
        "using it, then, per language, the questions whose translation is out of date, "
        "missing or not reviewed yet. Under each, the file and line for IT. Exit status: "
        "0 when everything is reviewed, 1 when the content cannot be used or anything "
        "is not reviewed.",
    )
    command.add_argument("folder", type=Path, metavar="DIR", help="the content folder")
    command.set_defaults(run=run_check)


def run_check(options: argparse.Namespace) -> int:
    """Print the check of `options.folder`; the exit status of `Review.exit_status`."""
    review = review_bundle(options.folder)
    print("\n".join(report_lines(review)))
    return review.exit_status


def state_words(state: TranslationState, source_name: str) -> str:
    """What *state* means for a visitor-facing page, in a few words ("" when reviewed)."""
    if state == TranslationState.NEEDS_REVIEW:
        return f"The {source_name} changed since this was translated: needs review"
    if state == TranslationState.NEW:
        return f"Not translated yet: visitors see the {source_name}"
    if state == TranslationState.TRANSLATED:
        return "Translated, not yet reviewed"
    return ""
