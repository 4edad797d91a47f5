"""`faq-kiosk content approve`: the reviewer's sign-off. Once a person who reads the
language has checked a translation (in the preview PDF, or on a kiosk with
`unreviewed_translations = "mark"`), this records it as reviewed, so the kiosk offers it
under the cautious default. A translation whose source changed since it was made is
approved only when asked for by name (`--question`): the reviewer must have compared it
with the new source text. A question not translated yet cannot be approved.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from kiosk.authoring.review import language_name, short_title
from kiosk.content.loader import BundleInvalidError, load_bundle, source_hash
from kiosk.content.model import ContentBundle, TranslationState
from kiosk.content.writer import write_bundle


def approve(
    bundle: ContentBundle, language: str, question_ids: list[str] | None
) -> tuple[ContentBundle, list[str], list[str]]:
    """*bundle* with *language*'s translations of *question_ids* (None: every question
    translated and not changed since) marked reviewed; with what was approved and what
    could not be, in plain words."""
    text = bundle.texts[language]
    source = bundle.texts[bundle.source_language]
    states, hashes = dict(text.states), dict(text.source_hashes)
    approved, refused = [], []
    wanted = question_ids if question_ids is not None else list(bundle.question_ids)
    for question_id in wanted:
        state = bundle.state(language, question_id)
        title = short_title(source.questions[question_id].title)
        if state == TranslationState.REVIEWED:
            continue
        if state == TranslationState.NEW:
            refused.append(f"'{title}' is not translated yet: there is nothing to approve")
            continue
        if state == TranslationState.NEEDS_REVIEW and question_ids is None:
            refused.append(
                f"'{title}' changed in {language_name(bundle.source_language)} after it was "
                f"translated: compare it, then approve it by name (--question {question_id})"
            )
            continue
        original = source.questions[question_id]
        states[question_id] = TranslationState.REVIEWED
        hashes[question_id] = source_hash(original.title, original.answer)
        approved.append(f"'{title}'")
    texts = {
        **bundle.texts,
        language: dataclasses.replace(text, states=states, source_hashes=hashes),
    }
    return dataclasses.replace(bundle, texts=texts), approved, refused


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `approve DIR --lang LANG [--question ID…]` to the `faq-kiosk content` commands."""
    command = commands.add_parser(
        "approve",
        help="record that a person has reviewed a language's translation",
        description="Mark the translation into LANG as reviewed, after a person who reads "
        "that language has checked it (in `faq-kiosk content preview`, say). Without "
        "--question: every translated question whose source has not changed since. A "
        "question whose source changed is approved only by name. Exit status 1 if "
        "anything asked for could not be approved.",
    )
    command.add_argument("folder", type=Path, metavar="DIR", help="the content folder")
    command.add_argument("--lang", required=True, help="the language reviewed, e.g. es")
    command.add_argument(
        "--question",
        action="append",
        metavar="ID",
        help="approve only this question (may be given more than once)",
    )
    command.set_defaults(run=run_approve)


def run_approve(options: argparse.Namespace) -> int:
    """Approve what *options* name; print what was done."""
    try:
        bundle = load_bundle(options.folder)
    except BundleInvalidError as invalid:
        print("This content cannot be used yet; fix these first (faq-kiosk content check):")
        print("\n".join(f"  {issue}" for issue in invalid.issues))
        return 1
    language, name = options.lang, language_name(options.lang)
    if language not in bundle.languages or language == bundle.source_language:
        print(f"{options.folder} has no translation into {name} ({language}).")
        return 1
    unknown = [qid for qid in options.question or [] if qid not in bundle.question_ids]
    if unknown:
        print(f"No such question in {options.folder}: {', '.join(unknown)}.")
        return 1
    updated, approved, refused = approve(bundle, language, options.question)
    if approved:
        write_bundle(updated, options.folder)
        print(f"{name}: approved as reviewed: " + ", ".join(approved) + ".")
    elif not refused:
        print(f"{name}: nothing to approve; every translated question is reviewed.")
    for reason in refused:
        print(f"{name}: not approved: {reason}.")
    return 1 if refused else 0
