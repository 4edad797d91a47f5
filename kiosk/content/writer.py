"""Write a content bundle as the folder `load_bundle` reads: manifest.toml and one
<language>.toml each. Every importer (spreadsheets, documents, translation files) makes a
`ContentBundle` and writes it here, so the source hashes and review states are recorded
by the tool, never by hand, and what is written always loads again.

TOML is written by this module, not by a library (the standard library reads TOML but
does not write it): strings through `json.dumps`, whose escapes are a subset of TOML's
basic strings, keys bare where TOML allows and quoted otherwise.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kiosk.content.loader import MANIFEST, source_hash
from kiosk.content.model import ContentBundle, LanguageText, TranslationState

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_string(text: str) -> str:
    """*text* as a TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def toml_key(name: str) -> str:
    """*name* as a TOML key: bare if it can be, quoted otherwise."""
    return name if _BARE_KEY.fullmatch(name) else toml_string(name)


def _string_list(items: Iterable[str], indent: str = "  ") -> list[str]:
    return ["[", *(f"{indent}{toml_string(item)}," for item in items), "]"]


def manifest_text(bundle: ContentBundle) -> str:
    """manifest.toml for *bundle*."""
    lines = [
        f"id = {toml_string(bundle.id)}",
        f"version = {toml_string(bundle.version)}",
        f"source_language = {toml_string(bundle.source_language)}",
        f"languages = [{', '.join(toml_string(lang) for lang in bundle.languages)}]",
        "",
        "questions = " + "\n".join(_string_list(bundle.question_ids)),
    ]
    for link in bundle.links.values():
        lines += [
            "",
            f"[links.{toml_key(link.id)}]",
            f"kind = {toml_string(link.kind)}",
            f"url = {toml_string(link.url)}",
        ]
        if link.display:
            lines.append(f"display = {toml_string(link.display)}")
        lines.append(f"questions = [{', '.join(toml_string(q) for q in link.questions)}]")
    for question_id, dates in bundle.dates.items():
        lines += ["", f"[dates.{toml_key(question_id)}]"]
        lines += [f"show_from = {dates.show_from.isoformat()}"] if dates.show_from else []
        lines += [f"show_until = {dates.show_until.isoformat()}"] if dates.show_until else []
    return "\n".join(lines) + "\n"


def language_text(bundle: ContentBundle, language: str) -> str:
    """<language>.toml for *bundle*: a translation records, per question, the hash of
    the source text it translates (the one recorded in `source_hashes`; the current
    source's for a translation that records none, as an importer makes) and its review
    state; a question not translated yet (NEW) is left out."""
    text: LanguageText = bundle.texts[language]
    source = bundle.texts[bundle.source_language]
    is_translation = language != bundle.source_language
    lines = [f"language = {toml_string(language)}", f"title = {toml_string(text.title)}"]
    for question_id in bundle.question_ids:
        question = text.questions.get(question_id)
        if question is None:
            continue
        lines += [
            "",
            f"[questions.{toml_key(question_id)}]",
            f"title = {toml_string(question.title)}",
            "answer = " + "\n".join(_string_list(question.answer)),
        ]
        if is_translation:
            original = source.questions[question_id]
            recorded = text.source_hashes.get(question_id) or source_hash(
                original.title, original.answer
            )
            lines.append(f"source_hash = {toml_string(recorded)}")
            reviewed = bundle.state(language, question_id) == TranslationState.REVIEWED
            lines.append(f"status = {toml_string('reviewed' if reviewed else 'translated')}")
    for link_id in bundle.links:
        if label := text.link_labels.get(link_id):
            lines += ["", f"[links.{toml_key(link_id)}]", f"label = {toml_string(label)}"]
    return "\n".join(lines) + "\n"


def bundle_files(bundle: ContentBundle) -> dict[str, str]:
    """File name → text of every file of *bundle*'s folder."""
    files = {MANIFEST: manifest_text(bundle)}
    for language in bundle.languages:
        files[f"{language}.toml"] = language_text(bundle, language)
    return files


def write_bundle(bundle: ContentBundle, folder: Path) -> None:
    """Write *bundle* into *folder* (made if missing; the bundle's files replaced, other
    files left alone). The files are written beside it first and moved in only when all
    are written, so a failure leaves the folder as it was."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=folder))
    files = bundle_files(bundle)
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        for name in files:
            (staging / name).replace(folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
