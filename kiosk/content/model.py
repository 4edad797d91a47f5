"""The content bundle as the kiosk uses it: immutable, already validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from kiosk.config.tomlfile import Issue


@dataclass(frozen=True)
class Question:
    """One question and its answer paragraphs, in one language."""

    id: str
    title: str
    answer: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link an answer refers to ("… here"): shown as a QR code inside the answer.

    `kind` is "web" or "phone"; `display` is the text printed under the QR (the URL
    itself when empty). Its label, per language, is in `LanguageText.link_labels`.
    """

    id: str
    kind: str
    url: str
    display: str
    questions: tuple[str, ...]

    @property
    def shown_text(self) -> str:
        """The text printed under the QR code."""
        return self.display or self.url


class TranslationState(StrEnum):
    """How far a translated question is from what visitors may be shown as official.

    The source language is REVIEWED by definition. Guidance to school districts (the
    2015 Education/Justice "Dear Colleague" letter) warns against unreviewed
    translation, so only REVIEWED counts as ready; `content.unreviewed` in the config
    decides what visitors see of the rest.
    """

    NEW = "new"  # not translated yet: the source language's text stands in
    TRANSLATED = "translated"  # translated, not yet reviewed
    NEEDS_REVIEW = "needs-review"  # the source text changed since it was translated
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class LanguageText:
    """Everything a bundle says in one language. `states` and `source_hashes` are per
    question, for translations only: the review state, and the hash of the source text
    each translation was made from (as recorded; see `source_hash`)."""

    language: str
    title: str
    questions: Mapping[str, Question]
    link_labels: Mapping[str, str]
    states: Mapping[str, TranslationState] = field(default_factory=dict)
    source_hashes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ShowDates:
    """When a question is shown (both days included; None: no limit on that side)."""

    show_from: date | None = None
    show_until: date | None = None

    def shown(self, day: date) -> bool:
        """Whether the question is shown on *day*."""
        after = self.show_from is None or self.show_from <= day
        return after and (self.show_until is None or day <= self.show_until)

    def never_after(self, day: date) -> str | None:
        """Why the question is never shown from *day* on (None: it will be)."""
        if self.show_from and self.show_until and self.show_until < self.show_from:
            return f"show_until {self.show_until} is before show_from {self.show_from}"
        if self.show_until is not None and self.show_until < day:
            return f"show_until {self.show_until} has passed"
        return None


@dataclass(frozen=True)
class ContentBundle:
    """A validated FAQ bundle: questions in order, their text per language, links."""

    id: str
    version: str
    source_language: str
    languages: tuple[str, ...]
    question_ids: tuple[str, ...]
    texts: Mapping[str, LanguageText]
    links: Mapping[str, Link]
    source: str
    warnings: tuple[Issue, ...] = field(default=())
    #: Whether the screen marks answers whose translation is not reviewed (the config's
    #: `unreviewed_translations = "mark"`); set by the store, not the bundle's files.
    mark_unreviewed: bool = False
    #: Questions shown only between two dates (manifest [dates]); the others always.
    dates: Mapping[str, ShowDates] = field(default_factory=dict)

    def shown_on(self, day: date) -> ContentBundle:
        """The bundle as visitors see it on *day*: without the questions whose dates
        leave them out."""
        if not self.dates:
            return self
        shown = tuple(
            q for q in self.question_ids if q not in self.dates or self.dates[q].shown(day)
        )
        return replace(self, question_ids=shown)

    def title(self, language: str) -> str:
        """The FAQ's title in *language* (the source language's if it has none)."""
        return self._text(language).title

    def question(self, language: str, question_id: str) -> Question:
        """Question *question_id* in *language* (the source language's where *language*
        has no translation of it yet)."""
        question = self._text(language).questions.get(question_id)
        return question or self.texts[self.source_language].questions[question_id]

    def state(self, language: str, question_id: str) -> TranslationState:
        """The review state of *question_id* in *language*."""
        if language == self.source_language or language not in self.texts:
            return TranslationState.REVIEWED
        return self.texts[language].states.get(question_id, TranslationState.NEW)

    def unreviewed(self, language: str) -> list[str]:
        """The questions, in order, whose *language* text is not reviewed."""
        return [
            qid
            for qid in self.question_ids
            if self.state(language, qid) != TranslationState.REVIEWED
        ]

    def link_label(self, language: str, link_id: str) -> str:
        """What link *link_id* leads to, in *language*."""
        return self._text(language).link_labels[link_id]

    def links_for(self, question_id: str) -> list[Link]:
        """The links shown inside *question_id*'s answer, in bundle order."""
        return [link for link in self.links.values() if question_id in link.questions]

    def with_link_urls(self, urls: Mapping[str, str]) -> ContentBundle:
        """A copy whose links take their URL from *urls* where it names them."""
        links = {
            link_id: replace(link, url=urls[link_id]) if urls.get(link_id) else link
            for link_id, link in self.links.items()
        }
        return replace(self, links=links)

    def _text(self, language: str) -> LanguageText:
        return self.texts.get(language) or self.texts[self.source_language]
