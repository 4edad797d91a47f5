"""Load and validate a content bundle folder: manifest.toml plus one <lang>.toml each.

Rejected (raise `BundleInvalidError`, every problem with file and line): a missing or
unreadable file, TOML syntax errors, unknown or missing keys, wrong types, empty
text, question ids the manifest does not list (or a source-language file missing
one), links pointing at unknown questions or lacking a label. Reported as warnings,
still loaded: a question a translation does not have yet (NEW; the source text stands
in), and stale translations (their recorded `source_hash` differs from the current
source text: NEEDS_REVIEW). Each translated question's `status` ("translated" or
"reviewed") is its review state otherwise.
Format reference: docs/content.md.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.config import language_code_problem, url_problem
from kiosk.config.tomlfile import Issue, TomlDocument, TomlFileError, read_toml
from kiosk.content.model import (
    ContentBundle,
    LanguageText,
    Link,
    Question,
    ShowDates,
    TranslationState,
)

MANIFEST = "manifest.toml"
#: The `status` a translated question may record (NEW and NEEDS_REVIEW are found, not said).
RECORDED_STATES = (TranslationState.TRANSLATED, TranslationState.REVIEWED)
LINK_KINDS = {"web": ("http", "https"), "phone": ("tel",)}
#: Embedding, override and isolate controls: they reorder what is shown, so "0100-555"
#: can display as another number. (The marks U+200E/U+200F only nudge neutral
#: characters and are kept: right-to-left text uses them.)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Letters that draw nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def text_problem(value: str) -> str | None:
    """Why *value* would show visitors something other than what it says, or None."""
    if controls := sorted(BIDI_CONTROLS.intersection(value)):
        names = ", ".join(f"U+{ord(char):04X}" for char in controls)
        return (
            f"contains the invisible direction control {names}, which can show the text "
            "in another order than it is written; remove it"
        )
    if value and not any(_visible(char) for char in value):
        return "has no visible characters (only spaces or invisible ones)"
    return None


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] not in "CZ" and char not in _BLANK_LETTERS


class BundleInvalidError(Exception):
    """The bundle cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


def source_hash(title: str, answer: list[str] | tuple[str, ...]) -> str:
    """Fingerprint of a source-language question, recorded by its translations."""
    text = json.dumps([title, list(answer)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class _Checker:
    """Reads typed values out of one TOML document, collecting issues with lines."""

    def __init__(self, document: TomlDocument, issues: list[Issue]) -> None:
        self.document = document
        self.issues = issues

    def report(self, key: tuple[str, ...], message: str) -> None:
        line = self.document.line_of(key)
        self.issues.append(Issue(self.document.path, line, message, ".".join(key) or None))

    def table(self, key: tuple[str, ...], allowed: set[str]) -> dict[str, Any]:
        value: Any = self.document.data
        for part in key:
            value = value.get(part, {}) if isinstance(value, dict) else None
        if not isinstance(value, dict):
            self.report(key, "must be a table")
            return {}
        for unknown in sorted(set(value) - allowed):
            self.report((*key, unknown), "unknown key")
        return value

    def text(self, table: dict[str, Any], key: tuple[str, ...], *, required: bool = True) -> str:
        value = table.get(key[-1], "" if not required else None)
        if value is None:
            self.report(key, "is missing")
            return ""
        if not isinstance(value, str):
            self.report(key, f"must be a text string, not {value!r}")
            return ""
        if required and not value.strip():
            self.report(key, "must not be empty")
        elif problem := text_problem(value):
            self.report(key, problem)
        return value

    def text_list(self, table: dict[str, Any], key: tuple[str, ...]) -> list[str]:
        value = table.get(key[-1])
        if value is None:
            self.report(key, "is missing")
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.report(key, "must be a list of text strings")
            return []
        if not value:
            self.report(key, "must not be empty")
        if any(not item.strip() for item in value):
            self.report(key, "must not contain empty text")
        elif problem := next(filter(None, map(text_problem, value)), None):
            self.report(key, problem)
        return value


def _read(path: Path, issues: list[Issue]) -> TomlDocument | None:
    try:
        return read_toml(path)
    except TomlFileError as error:
        issues.append(error.issue)
        return None


def _load_links(manifest: _Checker, question_ids: list[str]) -> dict[str, dict[str, Any]]:
    links: dict[str, dict[str, Any]] = {}
    given = manifest.document.data.get("links", {})
    for link_id in manifest.table(("links",), set(given) if isinstance(given, dict) else set()):
        key = ("links", link_id)
        entry = manifest.table(key, {"kind", "url", "display", "questions"})
        kind = manifest.text(entry, (*key, "kind"))
        if kind and kind not in LINK_KINDS:
            manifest.report((*key, "kind"), f"must be one of {', '.join(LINK_KINDS)}")
            continue
        url = manifest.text(entry, (*key, "url"), required=False)
        if url and kind and (problem := url_problem(url, LINK_KINDS[kind])):
            manifest.report((*key, "url"), problem)
        targets = manifest.text_list(entry, (*key, "questions"))
        for target in targets:
            if target not in question_ids:
                manifest.report((*key, "questions"), f"names unknown question {target!r}")
        display = manifest.text(entry, (*key, "display"), required=False)
        links[link_id] = {"kind": kind, "url": url, "display": display, "questions": targets}
    return links


def _load_language(
    folder: Path,
    language: str,
    *,
    question_ids: list[str],
    link_ids: list[str],
    issues: list[Issue],
    warnings: list[Issue],
    source: LanguageText | None,
) -> LanguageText | None:
    document = _read(folder / f"{language}.toml", issues)
    if document is None:
        return None
    check = _Checker(document, issues)
    top = check.table((), {"language", "title", "questions", "links"})
    if (declared := check.text(top, ("language",))) and declared != language:
        check.report(("language",), f"says {declared!r} but the file is for {language!r}")
    title = check.text(top, ("title",))
    given = check.table(("questions",), set(question_ids))
    questions: dict[str, Question] = {}
    states: dict[str, TranslationState] = {}
    hashes: dict[str, str] = {}
    for question_id in question_ids:
        key = ("questions", question_id)
        if question_id not in given:
            if source is None:
                check.report(("questions",), f"question {question_id!r} is missing")
            else:
                states[question_id] = TranslationState.NEW
                warnings.append(
                    Issue(
                        document.path,
                        None,
                        f"question {question_id!r} is not translated yet; visitors see "
                        f"the {source.language!r} text",
                        ".".join(key),
                    )
                )
            continue
        allowed = {"title", "answer"} | (set() if source is None else {"source_hash", "status"})
        entry = check.table(key, allowed)
        question = Question(
            question_id,
            check.text(entry, (*key, "title")),
            tuple(check.text_list(entry, (*key, "answer"))),
        )
        questions[question_id] = question
        if source is None:
            continue
        status = check.text(entry, (*key, "status"), required=False) or "translated"
        if status not in RECORDED_STATES:
            names = " or ".join(repr(str(state)) for state in RECORDED_STATES)
            check.report((*key, "status"), f"must be {names}")
            continue
        states[question_id] = TranslationState(status)
        current = source.questions.get(question_id)
        recorded = check.text(entry, (*key, "source_hash"), required=False)
        hashes[question_id] = recorded
        if current is not None and recorded != source_hash(current.title, current.answer):
            states[question_id] = TranslationState.NEEDS_REVIEW
            line = document.line_of((*key, "source_hash"))
            warnings.append(
                Issue(
                    document.path,
                    line,
                    "translation may be stale: the source text changed since it was translated",
                    ".".join(key),
                )
            )
    given_labels = check.table(("links",), set(link_ids))
    labels: dict[str, str] = {}
    for link_id in link_ids:
        key = ("links", link_id)
        if link_id not in given_labels:
            check.report(("links",), f"label for link {link_id!r} is missing")
            continue
        labels[link_id] = check.text(check.table(key, {"label"}), (*key, "label"))
    return LanguageText(language, title, questions, labels, states, hashes)


def _load_dates(manifest: _Checker, question_ids: list[str]) -> dict[str, ShowDates]:
    dates: dict[str, ShowDates] = {}
    for question_id in manifest.table(("dates",), set(question_ids)):
        key = ("dates", question_id)
        entry = manifest.table(key, {"show_from", "show_until"})
        limits: dict[str, date | None] = {"show_from": None, "show_until": None}
        for name in limits:
            value = entry.get(name)
            if value is None:
                continue
            if not isinstance(value, date) or isinstance(value, datetime):
                manifest.report((*key, name), "must be a date, e.g. 2027-01-05 (no quotes)")
                continue
            limits[name] = value
        if not entry:
            manifest.report(key, "needs show_from, show_until or both")
        dates[question_id] = ShowDates(limits["show_from"], limits["show_until"])
    return dates


def load_bundle(folder: Path) -> ContentBundle:
    """Load and validate the bundle in *folder*; raise `BundleInvalidError` with every problem."""
    issues: list[Issue] = []
    warnings: list[Issue] = []
    document = _read(folder / MANIFEST, issues)
    if document is None:
        raise BundleInvalidError(issues)
    manifest = _Checker(document, issues)
    top = manifest.table(
        (), {"id", "version", "source_language", "languages", "questions", "links", "dates"}
    )
    bundle_id = manifest.text(top, ("id",))
    version = manifest.text(top, ("version",))
    languages = manifest.text_list(top, ("languages",))
    for problem in filter(None, map(language_code_problem, languages)):
        manifest.report(("languages",), problem)  # also keeps file names inside the folder
    if len(set(languages)) != len(languages):
        manifest.report(("languages",), "lists a language twice")
    source_language = manifest.text(top, ("source_language",))
    if source_language and languages and source_language not in languages:
        manifest.report(("source_language",), "must be one of `languages`")
    question_ids = manifest.text_list(top, ("questions",))
    if len(set(question_ids)) != len(question_ids):
        manifest.report(("questions",), "lists a question id twice")
    links = _load_links(manifest, question_ids)
    dates = _load_dates(manifest, question_ids)
    if issues:
        raise BundleInvalidError(issues)

    texts: dict[str, LanguageText] = {}
    ordered = [source_language] + [lang for lang in languages if lang != source_language]
    for language in ordered:
        text = _load_language(
            folder,
            language,
            question_ids=question_ids,
            link_ids=list(links),
            issues=issues,
            warnings=warnings,
            source=texts.get(source_language),
        )
        if text is not None:
            texts[language] = text
    if issues:
        raise BundleInvalidError(issues)

    return ContentBundle(
        id=bundle_id,
        version=version,
        source_language=source_language,
        languages=tuple(languages),
        question_ids=tuple(question_ids),
        texts=texts,
        links={
            link_id: Link(
                link_id, entry["kind"], entry["url"], entry["display"], tuple(entry["questions"])
            )
            for link_id, entry in links.items()
        },
        source=str(folder),
        warnings=tuple(warnings),
        dates=dates,
    )
