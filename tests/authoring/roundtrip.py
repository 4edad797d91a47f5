"""Helpers for the authoring tests: run a `faq-kiosk content` command, compare bundles."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli.content import content_main
from kiosk.content import ContentBundle


def run(*args: str | Path) -> int:
    """Run `faq-kiosk content ARGS…` in this process; its exit status."""
    return content_main([str(arg) for arg in args])


def summary(bundle: ContentBundle) -> dict[str, object]:
    """What a round trip must keep: ids, every text, links (and the order each answer shows
    them in) and review states."""
    return {
        "id": bundle.id,
        "version": bundle.version,
        "source": bundle.source_language,
        "languages": bundle.languages,
        "questions": bundle.question_ids,
        "titles": {lang: bundle.title(lang) for lang in bundle.languages},
        "texts": {
            lang: {qid: (q.title, q.answer) for qid, q in bundle.texts[lang].questions.items()}
            for lang in bundle.languages
        },
        "links": sorted(
            (link.id, link.kind, link.url, link.display, link.questions)
            for link in bundle.links.values()
        ),
        "shown": {qid: [link.id for link in bundle.links_for(qid)] for qid in bundle.question_ids},
        "labels": {lang: dict(bundle.texts[lang].link_labels) for lang in bundle.languages},
        "states": {
            lang: [bundle.state(lang, qid) for qid in bundle.question_ids]
            for lang in bundle.languages
        },
    }
