"""The texts of a bundle as translators' tools see them: one unit per FAQ title,
question title, answer paragraph and link label, each with a stable id, its source
text, the translation (if any), its review state and a note for context.

The XLIFF and PO modules only turn `ExchangeFile`s into files and back; what a unit
means for the bundle (stale, complete, reviewed) is decided in `exchange`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.loader import source_hash
from kiosk.content.model import ContentBundle, Question, TranslationState

#: The id of the unit holding the FAQ's title.
FAQ_TITLE_ID = "title"
#: How many characters of a question title a message quotes before cutting it with "…".
QUOTE_LENGTH = 60
#: Said on a unit whose translation was made from an earlier source text.
STALE_NOTE = (
    "The {source} text changed after this was translated. The earlier {source} text is "
    "not kept, so it cannot be shown here: compare the translation with the {source} "
    "text now, correct it, then mark it as done."
)


class ExchangeFileError(Exception):
    """A translation file that cannot be read; the message says why, in plain words."""


@dataclass(frozen=True)
class Unit:
    """One text to translate. `source_hash` fingerprints the source it was exported
    from (for a question's units: the whole question's, `kiosk.content.source_hash`),
    so an import can tell that the source changed since. `comments` are extra notes
    for the translator (why a unit needs review)."""

    id: str
    source: str
    target: str
    state: TranslationState
    note: str
    source_hash: str
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExchangeFile:
    """What one translation file holds: which bundle and languages, and its units.
    An empty `source_language` or `bundle_version` is one the file does not say."""

    bundle_id: str
    source_language: str
    target_language: str
    units: tuple[Unit, ...]
    bundle_version: str = ""


def question_title_id(question_id: str) -> str:
    """The unit id of question *question_id*'s title."""
    return f"questions/{question_id}/title"


def paragraph_id(question_id: str, number: int) -> str:
    """The unit id of paragraph *number* (counted from 1) of *question_id*'s answer."""
    return f"questions/{question_id}/answer/{number}"


def link_label_id(link_id: str) -> str:
    """The unit id of link *link_id*'s label."""
    return f"links/{link_id}/label"


def question_unit_ids(question: Question) -> list[str]:
    """The unit ids of *question* (a source-language question): its title, then each
    answer paragraph."""
    return [
        question_title_id(question.id),
        *(paragraph_id(question.id, n) for n in range(1, len(question.answer) + 1)),
    ]


def text_hash(text: str) -> str:
    """Fingerprint of one source text that is not a question (a title or a label)."""
    return source_hash(text, ())


def quoted(text: str) -> str:
    """*text* cut to `QUOTE_LENGTH` characters, for quoting in a message."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _question_units(bundle: ContentBundle, language: str, question_id: str) -> list[Unit]:
    """The units of one question: the source's title and paragraphs, with the
    translation's (empty where there is none, or fewer paragraphs)."""
    source = bundle.texts[bundle.source_language].questions[question_id]
    translated = bundle.texts[language].questions.get(question_id)
    state = bundle.state(language, question_id)
    targets = [translated.title, *translated.answer] if translated else []
    fingerprint = source_hash(source.title, source.answer)
    comments: tuple[str, ...] = ()
    if state == TranslationState.NEEDS_REVIEW:
        comments = (STALE_NOTE.format(source=language_name(bundle.source_language)),)
    position = bundle.question_ids.index(question_id) + 1
    notes = [f"The title of question {position} of {len(bundle.question_ids)}."]
    notes += [
        f"Paragraph {n} of {len(source.answer)} of the answer to: {source.title}"
        for n in range(1, len(source.answer) + 1)
    ]
    units = []
    for index, (unit_id, text) in enumerate(
        zip(question_unit_ids(source), [source.title, *source.answer], strict=True)
    ):
        target = targets[index] if index < len(targets) else ""
        extra = comments
        if index == len(source.answer) and len(targets) > len(source.answer) + 1:
            earlier = " / ".join(targets[len(source.answer) + 1 :])
            extra = (*comments, f"The earlier translation had more paragraphs: {earlier}")
        units.append(Unit(unit_id, text, target, state, notes[index], fingerprint, extra))
    return units


def language_name(code: str) -> str:
    """The English name of language *code* ("English", "Spanish"), or the code itself."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).english_name
    except (UnknownLocaleError, ValueError):
        return code
    return name or code


def export_units(bundle: ContentBundle, language: str) -> ExchangeFile:
    """Every unit of *bundle* for translation into *language*, in display order: the
    FAQ title, each question, then each link label. The title and labels have no review
    state of their own in a bundle: they are exported as translated."""
    source = bundle.texts[bundle.source_language]
    text = bundle.texts[language]
    units = [
        Unit(
            FAQ_TITLE_ID,
            source.title,
            text.title,
            TranslationState.TRANSLATED,
            "The title of the whole FAQ, shown at the top of the kiosk's screen.",
            text_hash(source.title),
        )
    ]
    for question_id in bundle.question_ids:
        units += _question_units(bundle, language, question_id)
    for link in bundle.links.values():
        shown_in = "; ".join(source.questions[q].title for q in link.questions)
        label = source.link_labels[link.id]
        target = text.link_labels.get(link.id, "")
        units.append(
            Unit(
                link_label_id(link.id),
                label,
                target,
                TranslationState.TRANSLATED if target else TranslationState.NEW,
                f"What a QR code leads to, printed beside it in the answer to: {shown_in}",
                text_hash(label),
            )
        )
    return ExchangeFile(bundle.id, bundle.source_language, language, tuple(units), bundle.version)
