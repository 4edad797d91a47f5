"""Take a translator's units back into a bundle, refusing what cannot be trusted.

A question is taken only whole (its title and every paragraph translated and marked
done), only if its source is still the one the file was made from (the fingerprint
the file recorded matches the source now), and only if the text is fit to show. What
is refused is said in plain words; everything else is taken. A question is reviewed
if all its units say so, translated otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kiosk.authoring.exchange_units import (
    FAQ_TITLE_ID,
    ExchangeFile,
    Unit,
    language_name,
    link_label_id,
    question_unit_ids,
    quoted,
    text_hash,
)
from kiosk.content.loader import source_hash, text_problem
from kiosk.content.model import ContentBundle, LanguageText, Question, TranslationState

#: The states of a unit a translator has finished.
DONE = frozenset({TranslationState.TRANSLATED, TranslationState.REVIEWED})


@dataclass
class ImportReport:
    """What an import took and refused. `refused` holds one plain sentence per refusal;
    `taken` and `reviewed` count questions; `other_texts` the FAQ title and labels;
    `not_done` the questions the file leaves untranslated (nothing to take)."""

    taken: int = 0
    reviewed: int = 0
    other_texts: int = 0
    not_done: int = 0
    refused: list[str] = field(default_factory=list)


def _done(unit: Unit | None) -> bool:
    """Whether the translator finished *unit*."""
    return unit is not None and unit.state in DONE and bool(unit.target.strip())


@dataclass
class _Merge:
    """The translation being rebuilt from a bundle's and a file's texts."""

    bundle: ContentBundle
    language: str
    units: dict[str, Unit]
    report: ImportReport
    questions: dict[str, Question]
    states: dict[str, TranslationState]
    hashes: dict[str, str]

    @property
    def source_name(self) -> str:
        return language_name(self.bundle.source_language)

    def question(self, question_id: str) -> None:
        """Take question *question_id* from the file if it may be taken."""
        source = self.bundle.texts[self.bundle.source_language].questions[question_id]
        units = [self.units.get(unit_id) for unit_id in question_unit_ids(source)]
        if not any(map(_done, units)):
            self.report.not_done += 1
            return
        present = [unit for unit in units if unit is not None]
        targets = [unit.target for unit in present]
        current = self.questions.get(question_id)
        fingerprint = source_hash(source.title, source.answer)
        name = quoted(source.title)
        if any(unit.source_hash != fingerprint for unit in present):
            if current is None or targets != [current.title, *current.answer]:
                seen = quoted(units[0].source) if units[0] else name  # as the file has it
                self.report.refused.append(
                    f"The {self.source_name} of '{seen}' changed after this file was made; "
                    "export again and translate the new text."
                )
            return
        if not all(map(_done, units)):
            missing = [_part_name(n) for n, unit in enumerate(units) if not _done(unit)]
            self.report.refused.append(
                f"'{name}' is only partly translated in this file (not done: "
                f"{', '.join(missing)}); finish every part, then import again."
            )
            return
        if problem := next(filter(None, map(text_problem, targets)), None):
            self.report.refused.append(f"The translation of '{name}' {problem}.")
            return
        taken = Question(question_id, targets[0], tuple(targets[1:]))
        reviewed = all(unit.state == TranslationState.REVIEWED for unit in present)
        state = TranslationState.REVIEWED if reviewed else TranslationState.TRANSLATED
        if taken == current and self.bundle.state(self.language, question_id) == state:
            return
        self.questions[question_id] = taken
        self.states[question_id] = state
        self.hashes[question_id] = fingerprint
        self.report.taken += 1
        self.report.reviewed += reviewed

    def text(self, unit_id: str, source: str, current: str, what: str) -> str:
        """The translation of one text that is not a question (*what* names it in a
        message): the file's if it may be taken, *current* otherwise."""
        unit = self.units.get(unit_id)
        if unit is None or not _done(unit) or unit.target == current:
            return current
        if unit.source_hash != text_hash(source):
            self.report.refused.append(
                f"The {self.source_name} of {what} changed after this file was made; "
                "export again and translate the new text."
            )
            return current
        if problem := text_problem(unit.target):
            self.report.refused.append(f"The translation of {what} {problem}.")
            return current
        self.report.other_texts += 1
        return unit.target


def _part_name(index: int) -> str:
    """How a message names part *index* of a question (0: its title)."""
    return "the title" if index == 0 else f"paragraph {index}"


def _unknown_units(bundle: ContentBundle, units: dict[str, Unit]) -> list[str]:
    """Sentences for the file's units this bundle has no place for."""
    source = bundle.texts[bundle.source_language]
    known = {FAQ_TITLE_ID, *(link_label_id(link_id) for link_id in bundle.links)}
    for question in source.questions.values():
        known.update(question_unit_ids(question))
    return [
        f"The file has a text this FAQ does not have (now): '{quoted(unit.source)}' "
        f"({unit_id}); it was left out."
        for unit_id, unit in units.items()
        if unit_id not in known and _done(unit)
    ]


def import_units(
    bundle: ContentBundle, language: str, exchange: ExchangeFile
) -> tuple[ContentBundle, ImportReport]:
    """*bundle* with what *exchange* translates into *language* taken, and the report."""
    text = bundle.texts[language]
    source = bundle.texts[bundle.source_language]
    units = {unit.id: unit for unit in exchange.units}
    report = ImportReport(refused=_unknown_units(bundle, units))
    merge = _Merge(
        bundle,
        language,
        units,
        report,
        dict(text.questions),
        dict(text.states),
        dict(text.source_hashes),
    )
    title = merge.text(FAQ_TITLE_ID, source.title, text.title, "the FAQ's title")
    for question_id in bundle.question_ids:
        merge.question(question_id)
    labels = dict(text.link_labels)
    for link_id in bundle.links:
        labels[link_id] = merge.text(
            link_label_id(link_id),
            source.link_labels[link_id],
            labels.get(link_id, ""),
            f"the label '{quoted(source.link_labels[link_id])}'",
        )
    translated = LanguageText(language, title, merge.questions, labels, merge.states, merge.hashes)
    return replace(bundle, texts={**bundle.texts, language: translated}), report
