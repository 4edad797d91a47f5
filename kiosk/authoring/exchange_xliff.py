"""Translation units as an XLIFF 1.2 file, and back, through lxml (never by joining
strings).

One `<file>` (original = the bundle id, source-language, target-language,
datatype="plaintext"); one `<trans-unit>` per unit, its id the unit id. The source
fingerprint is the unit's `extradata`, marked by `extype="x-faq-kiosk-source-hash"`:
XLIFF 1.2's own place for a tool's data, so the file is valid against the strict
schema (an attribute in a namespace of our own is not); the context is a
`<note from="faq-kiosk">`.
The review state is the target's `state`: "new" (empty target), "translated",
"needs-review-translation", and for reviewed "final" with `approved="yes"` on the
unit. Read back, "final", "signed-off" or `approved="yes"` mean reviewed, any
"needs-review-…" state means not done yet.
"""

from __future__ import annotations

from lxml import etree

from kiosk.authoring.exchange_units import ExchangeFile, ExchangeFileError, Unit
from kiosk.content.model import TranslationState

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
NOTE_FROM = "faq-kiosk"
#: The `extype` that says a unit's `extradata` is its source fingerprint.
HASH_EXTYPE = "x-faq-kiosk-source-hash"
_STATES = {
    TranslationState.NEW: "new",
    TranslationState.TRANSLATED: "translated",
    TranslationState.NEEDS_REVIEW: "needs-review-translation",
    TranslationState.REVIEWED: "final",
}
#: Target states that mean a reviewer signed the translation off.
REVIEWED_STATES = frozenset({"final", "signed-off"})


def _tag(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _trans_unit(body: etree._Element, unit: Unit) -> None:
    """Add *unit* to *body* as a `<trans-unit>`."""
    element = etree.SubElement(
        body,
        _tag("trans-unit"),
        {"id": unit.id, "extype": HASH_EXTYPE, "extradata": unit.source_hash},
    )
    if unit.state == TranslationState.REVIEWED:
        element.set("approved", "yes")
    etree.SubElement(element, _tag("source")).text = unit.source
    target = etree.SubElement(element, _tag("target"), {"state": _STATES[unit.state]})
    target.text = unit.target or None
    for text in (unit.note, *unit.comments):
        etree.SubElement(element, _tag("note"), {"from": NOTE_FROM}).text = text


def xliff_bytes(exchange: ExchangeFile) -> bytes:
    """*exchange* as the bytes of a UTF-8 XLIFF 1.2 document."""
    root = etree.Element(_tag("xliff"), {"version": "1.2"}, nsmap={None: XLIFF_NS})
    file = etree.SubElement(
        root,
        _tag("file"),
        {
            "original": exchange.bundle_id,
            "source-language": exchange.source_language,
            "target-language": exchange.target_language,
            "datatype": "plaintext",
            "product-version": exchange.bundle_version,
        },
    )
    body = etree.SubElement(file, _tag("body"))
    for unit in exchange.units:
        _trans_unit(body, unit)
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document


def _state(element: etree._Element, target: str) -> TranslationState:
    """The review state a `<trans-unit>` with translation *target* says."""
    target_element = element.find(_tag("target"))
    state = "" if target_element is None else target_element.get("state", "")
    if not target.strip():
        return TranslationState.NEW
    if state.startswith("needs-review") or state == "needs-translation":
        return TranslationState.NEEDS_REVIEW
    if element.get("approved") == "yes" or state in REVIEWED_STATES:
        return TranslationState.REVIEWED
    return TranslationState.TRANSLATED


def _text(element: etree._Element | None) -> str:
    """All the text inside *element* (inline markup dropped), or ""."""
    return "" if element is None else "".join(element.itertext())


def _unit(element: etree._Element) -> Unit:
    """The unit a `<trans-unit>` holds."""
    target = _text(element.find(_tag("target")))
    notes = [
        _text(note) for note in element.iterfind(_tag("note")) if note.get("from") == NOTE_FROM
    ]
    return Unit(
        id=element.get("id", ""),
        source=_text(element.find(_tag("source"))),
        target=target,
        state=_state(element, target),
        note=notes[0] if notes else "",
        source_hash=element.get("extradata", "") if element.get("extype") == HASH_EXTYPE else "",
    )


def read_xliff_units(data: bytes) -> ExchangeFile:
    """The units of the XLIFF 1.2 document *data*; raise `ExchangeFileError` if it is
    not one (or has more than one `<file>`)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ExchangeFileError(f"this XML file cannot be read ({error})") from error
    if root.tag != _tag("xliff"):
        raise ExchangeFileError("this XML file is not an XLIFF 1.2 translation file")
    files = root.findall(_tag("file"))
    if len(files) != 1:
        raise ExchangeFileError(f"the file holds {len(files)} translations; it must hold one")
    file = files[0]
    return ExchangeFile(
        bundle_id=file.get("original", ""),
        source_language=file.get("source-language", ""),
        target_language=file.get("target-language", ""),
        units=tuple(_unit(element) for element in file.iter(_tag("trans-unit"))),
        bundle_version=file.get("product-version", ""),
    )
