"""The content bundle as the kiosk uses it: immutable, already validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

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


@dataclass(frozen=True)
class LanguageText:
    """Everything a bundle says in one language."""

    language: str
    title: str
    questions: Mapping[str, Question]
    link_labels: Mapping[str, str]


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

    def title(self, language: str) -> str:
        """The FAQ's title in *language* (the source language's if it has none)."""
        return self._text(language).title

    def question(self, language: str, question_id: str) -> Question:
        """Question *question_id* in *language* (falling back to the source language)."""
        return self._text(language).questions[question_id]

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
