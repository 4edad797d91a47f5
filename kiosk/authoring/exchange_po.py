"""Translation units as a gettext PO file, and back, through Babel's PO reader and
writer (never by joining strings).

Each unit is one entry: `msgctxt` is the unit id (so two identical paragraphs in two
questions stay two entries), `msgid` the source text, `msgstr` the translation. The
extracted comments (`#.`) give the context and, on a line of its own, `source-hash:`
and the fingerprint of the source the unit was exported from. The review state:

- new: an empty `msgstr`;
- translated: a `msgstr`, not fuzzy;
- needs review: the `fuzzy` flag (the earlier source text is not kept in a bundle, so
  there is no `#| msgid`; a translator comment says so);
- reviewed: not fuzzy, and a translator comment (`#`) of just the word `reviewed`.
  A reviewer adds or removes that comment line in their PO editor.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from kiosk.authoring.exchange_units import ExchangeFile, ExchangeFileError, Unit, language_name
from kiosk.content.model import TranslationState

#: The translator comment that marks an entry as reviewed.
REVIEWED_COMMENT = "reviewed"
#: Starts the extracted comment holding a unit's source fingerprint.
HASH_PREFIX = "source-hash: "
FUZZY = "fuzzy"
HEADER_COMMENT = (
    "# The FAQ {bundle} to translate into {language}, made by faq-kiosk.\n"
    "# Translate each msgstr. Leave msgctxt and the '#.' comments as they are:\n"
    "# they say where each text goes and which source text it translates.\n"
    "# A reviewer marks each checked entry with the translator comment\n"
    "# reviewed\n"
    "#"
)


def _babel_locale(language: str) -> str:
    """*language* as Babel writes it in the `Language` header ("pt-BR" → "pt_BR")."""
    return language.replace("-", "_")


def _message(unit: Unit) -> Message:
    """The PO entry for *unit*."""
    comments = list(unit.comments)
    if unit.state == TranslationState.REVIEWED:
        comments.append(REVIEWED_COMMENT)
    return Message(
        unit.source,
        unit.target,
        flags={FUZZY} if unit.state == TranslationState.NEEDS_REVIEW else set(),
        auto_comments=[unit.note, HASH_PREFIX + unit.source_hash],
        user_comments=comments,
        context=unit.id,
    )


def po_bytes(exchange: ExchangeFile) -> bytes:
    """*exchange* as the bytes of a UTF-8 PO file."""
    catalog = Catalog(
        locale=_babel_locale(exchange.target_language),
        project=exchange.bundle_id,
        version=exchange.bundle_version,
        fuzzy=False,
        header_comment=HEADER_COMMENT.format(
            bundle=exchange.bundle_id, language=language_name(exchange.target_language)
        ),
        msgid_bugs_address="",
        last_translator="",
        language_team=exchange.target_language,
        revision_date=datetime.now(UTC),
    )
    for unit in exchange.units:
        catalog[unit.source] = _message(unit)
    out = io.BytesIO()
    write_po(out, catalog, omit_header=False, include_previous=True)
    return out.getvalue()


def _state(message: Message) -> TranslationState:
    """The review state a PO entry says."""
    if not message.string:
        return TranslationState.NEW
    if FUZZY in message.flags:
        return TranslationState.NEEDS_REVIEW
    said = {comment.strip().lower() for comment in message.user_comments}
    return TranslationState.REVIEWED if REVIEWED_COMMENT in said else TranslationState.TRANSLATED


def _unit(message: Message) -> Unit:
    """The unit a PO entry holds."""
    hashes = [
        c[len(HASH_PREFIX) :].strip() for c in message.auto_comments if c.startswith(HASH_PREFIX)
    ]
    notes = [c for c in message.auto_comments if not c.startswith(HASH_PREFIX)]
    return Unit(
        id=message.context or "",
        source=str(message.id),
        target=str(message.string or ""),
        state=_state(message),
        note=" ".join(notes),
        source_hash=hashes[0] if hashes else "",
    )


def read_po_units(data: bytes) -> ExchangeFile:
    """The units of the PO file *data*; raise `ExchangeFileError` if it is not one."""
    try:
        catalog = read_po(io.BytesIO(data), ignore_obsolete=True, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise ExchangeFileError(f"this is not a PO file that can be read ({error})") from error
    language = (catalog.locale_identifier or "").replace("_", "-")
    units = tuple(_unit(message) for message in catalog if message.id)
    return ExchangeFile(catalog.project or "", "", language, units, catalog.version or "")
