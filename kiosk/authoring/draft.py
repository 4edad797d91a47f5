"""What an import reads from a spreadsheet or documents, before it is a bundle: a `Draft`.

`build_bundle` turns a draft into a `ContentBundle`, keeping question ids and review
states stable against the previous bundle:

- **Ids.** A question's id is the one in the file's id column if it has one. Otherwise it
  is the id of the previous bundle's question with the same source-language title; else
  of the previous question at the same position (first question, second, …) unless that
  one kept its title elsewhere; else made from the source-language title (lower-case
  ASCII letters, digits and hyphens, at most 40 characters, with "-2", "-3" added to
  tell equal ones apart).
- **Review states.** A translated question whose title and answer are exactly those of
  the previous bundle keeps its state and the source text it was recorded against (so
  it becomes "needs review" if the source changed since). A new or changed translation
  is "translated": not reviewed yet, made from the current source.

`publish` writes the bundle only after it has loaded without errors from a scratch copy,
so a failed import leaves the output folder as it was.
"""

from __future__ import annotations

import datetime
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config.tomlfile import Issue
from kiosk.content.loader import BundleInvalidError, load_bundle
from kiosk.content.model import ContentBundle, LanguageText, Link, Question, TranslationState
from kiosk.content.writer import write_bundle

#: The longest id made from a question's title.
MAX_ID_LENGTH = 40
#: What a question id may consist of (the file's id column is checked against it).
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
FALLBACK_ID = "question"
FALLBACK_BUNDLE_ID = "faq"


@dataclass
class DraftQuestion:
    """One question in every language it has: language → (title, answer paragraphs)."""

    id: str = ""
    texts: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    origin: str = ""  # where it was read, for messages: "row 5", "faq.es.docx"


@dataclass
class DraftLink:
    """A link as read: `questions` are positions in `Draft.questions`."""

    id: str
    kind: str = ""
    url: str = ""
    display: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    questions: list[int] = field(default_factory=list)


@dataclass
class Draft:
    """Everything an import read; empty fields are filled from the previous bundle."""

    languages: list[str] = field(default_factory=list)
    source_language: str = ""
    bundle_id: str = ""
    version: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    questions: list[DraftQuestion] = field(default_factory=list)
    links: dict[str, DraftLink] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def link(self, link_id: str) -> DraftLink:
        """The link called *link_id*, added if it is new."""
        return self.links.setdefault(link_id, DraftLink(link_id))


class DraftProblemsError(Exception):
    """The files cannot make a bundle; `problems` says why, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def slug(text: str) -> str:
    """*text* as an id: ASCII lower-case words joined by hyphens, at most MAX_ID_LENGTH."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > MAX_ID_LENGTH:
            break
        result = candidate
    return result or (words[0][:MAX_ID_LENGTH] if words else FALLBACK_ID)


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def assign_ids(draft: Draft, source: str, previous: ContentBundle | None) -> list[str]:
    """Every draft question's id, by the rule in this module's docstring."""
    ids = [question.id for question in draft.questions]
    used: set[str] = set()
    for number, question_id in enumerate(ids):
        if not question_id:
            continue
        if not ID_PATTERN.fullmatch(question_id):
            draft.problems.append(
                f"{draft.questions[number].origin}: the id {question_id!r} may only have "
                "letters, digits, '-' and '_'"
            )
        elif question_id in used:
            draft.problems.append(
                f"{draft.questions[number].origin}: the id {question_id!r} is used twice"
            )
        used.add(question_id)
    titles = [question.texts.get(source, ("", ()))[0] for question in draft.questions]
    if previous is not None:
        old_source = previous.texts[previous.source_language].questions
        by_title = {old_source[qid].title: qid for qid in previous.question_ids}
        for number, title in enumerate(titles):
            if not ids[number] and (old := by_title.get(title)) and old not in used:
                ids[number] = old
                used.add(old)
        for number in range(len(titles)):
            if ids[number] or number >= len(previous.question_ids):
                continue
            old = previous.question_ids[number]
            if old not in used and old_source[old].title not in titles:
                ids[number] = old
                used.add(old)
    for number, title in enumerate(titles):
        if not ids[number]:
            ids[number] = _unique(slug(title), used)
            used.add(ids[number])
    return ids


def _language_text(
    draft: Draft, language: str, ids: list[str], previous: ContentBundle | None, source: str
) -> LanguageText:
    questions: dict[str, Question] = {}
    states: dict[str, TranslationState] = {}
    hashes: dict[str, str] = {}
    old = previous.texts.get(language) if previous else None
    for question_id, draft_question in zip(ids, draft.questions, strict=True):
        if language not in draft_question.texts:
            continue
        title, answer = draft_question.texts[language]
        question = questions[question_id] = Question(question_id, title, answer)
        if language == source:
            continue
        states[question_id] = TranslationState.TRANSLATED
        if previous is not None and old is not None and old.questions.get(question_id) == question:
            states[question_id] = previous.state(language, question_id)
            if recorded := old.source_hashes.get(question_id):
                hashes[question_id] = recorded
    labels = {
        link.id: link.labels[language] for link in draft.links.values() if language in link.labels
    }
    title = draft.titles.get(language) or (previous.title(language) if previous else "")
    return LanguageText(language, title, questions, labels, states, hashes)


def _check_texts(draft: Draft, source: str) -> None:
    """Plain-words problems a reader can fix in the file: half-filled questions."""
    for question in draft.questions:
        if source not in question.texts:
            draft.problems.append(f"{question.origin}: the {source!r} question is missing")
        for language, (title, answer) in question.texts.items():
            if not title.strip():
                draft.problems.append(f"{question.origin}: the {language!r} answer has no question")
            if not answer:
                draft.problems.append(f"{question.origin}: the {language!r} question has no answer")


def _position(order: list[str], item: str) -> int:
    """Where *item* is in *order* (after all of it when absent)."""
    return order.index(item) if item in order else len(order)


def build_bundle(draft: Draft, previous: ContentBundle | None) -> ContentBundle:
    """The bundle *draft* describes; raise `DraftProblemsError` if it cannot be one."""
    if not draft.languages:
        raise DraftProblemsError([*draft.problems, "no language was found in the files"])
    source = draft.source_language
    if not source and previous and previous.source_language in draft.languages:
        source = previous.source_language
    source = source or draft.languages[0]
    if source not in draft.languages:
        draft.problems.append(f"the source language {source!r} has no text in the files")
        raise DraftProblemsError(draft.problems)
    _check_texts(draft, source)
    ids = assign_ids(draft, source, previous)
    if draft.problems:
        raise DraftProblemsError(draft.problems)
    texts = {lang: _language_text(draft, lang, ids, previous, source) for lang in draft.languages}
    order = list(previous.links) if previous else []
    ordered = sorted(draft.links.values(), key=lambda link: _position(order, link.id))
    links = {
        link.id: Link(
            link.id, link.kind, link.url, link.display, tuple(ids[n] for n in link.questions)
        )
        for link in ordered
    }
    bundle_id = draft.bundle_id or (previous.id if previous else "")
    return ContentBundle(
        id=bundle_id or slug(texts[source].title) or FALLBACK_BUNDLE_ID,
        version=draft.version
        or (previous.version if previous else "")
        or datetime.date.today().isoformat(),
        source_language=source,
        languages=tuple(draft.languages),
        question_ids=tuple(ids),
        texts=texts,
        links=links,
        source="",
        # Dates are set in the manifest by hand; an import into a bundle keeps them.
        dates={q: d for q, d in previous.dates.items() if q in ids} if previous else {},
    )


def describe(issue: Issue, origins: dict[str, str]) -> str:
    """*issue* from a scratch copy of the bundle, said without its file and TOML names."""
    where = issue.path.stem if issue.path else ""
    where = "the bundle" if where == "manifest" else f"the {where!r} text"
    table, name, field_name = [*(issue.key or "").split(".", 2), "", ""][:3]
    its = f", its {field_name}" if field_name else ""
    if table == "questions" and name:
        origin = origins.get(name, "")
        where += f", question {name!r}" + (f" ({origin})" if origin else "") + its
    elif table == "links" and name:
        where += f", link {name!r}{its}"
    elif issue.key:
        where += f", {issue.key}"
    return f"{where}: {issue.message}"


def publish(bundle: ContentBundle, out: Path, origins: dict[str, str]) -> list[str]:
    """Write *bundle* into *out* if it is valid; its problems (none if written) otherwise.

    Warnings (stale translations, questions not translated yet) do not stop it."""
    with tempfile.TemporaryDirectory(prefix="faq-import-") as scratch:
        write_bundle(bundle, Path(scratch))
        try:
            load_bundle(Path(scratch))
        except BundleInvalidError as error:
            return [describe(issue, origins) for issue in error.issues]
    write_bundle(bundle, out)
    return []


def origins_of(draft: Draft, bundle: ContentBundle) -> dict[str, str]:
    """Question id → where the draft read it, for messages."""
    return {
        qid: question.origin
        for qid, question in zip(bundle.question_ids, draft.questions, strict=True)
    }
