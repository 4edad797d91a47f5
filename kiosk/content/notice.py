"""Closure and emergency notices: a file IT or staff drop into the notice folder, shown
above everything in every language it has, until it expires.

Two formats are read:

- **TOML** (`*.toml`), written by hand::

      expires = 2026-12-05T15:00:00-07:00     # required: a date-time with its offset
      [text]
      en = "All DPS schools are closed today, December 5, because of snow."
      es = "Todas las escuelas de DPS están cerradas hoy, 5 de diciembre, por la nieve."
      vi = "Tất cả các trường DPS đóng cửa hôm nay, ngày 5 tháng 12, do tuyết."

- **CAP 1.2** (`*.xml`), the Common Alerting Protocol that alerting and signage systems
  send: an `<alert>` with `<status>Actual</status>` and one `<info>` per language
  (`<language>es-US</language>`); the text is the info's headline, description and
  instruction, and the notice expires at the earliest `<expires>`. An alert whose
  `msgType` is Cancel, or whose status is not Actual (Test, Exercise, ...), shows
  nothing.

A notice is a secondary channel: it does not replace the district's own alerting
(docs/deploying.md, Notices). Files are read only if they are regular files of at most
`MAX_NOTICE_BYTES`; a bad file is a problem staff diagnostics and `check` name, never a
crash, and the other files still count.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from kiosk.config.tomlfile import read_bounded

#: The largest notice file read.
MAX_NOTICE_BYTES = 64 * 1024
#: The longest text of one language.
MAX_TEXT_CHARS = 1000
CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
SUFFIXES = (".toml", ".xml")


class NoticeError(ValueError):
    """A notice file that cannot be shown, and why."""


@dataclass(frozen=True)
class Notice:
    """A notice: its text per language code, when it ends, and the file it came from."""

    texts: dict[str, str]
    expires: datetime
    source: Path

    def in_languages(self, languages: list[str]) -> list[tuple[str, str]]:
        """(language, text) for each of *languages* the notice has, in that order; the
        notice's other languages after them."""
        ordered = [language for language in languages if language in self.texts]
        ordered += [language for language in self.texts if language not in ordered]
        return [(language, self.texts[language]) for language in ordered]


def _clean(text: str, where: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise NoticeError(f"{where}: empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise NoticeError(f"{where}: longer than {MAX_TEXT_CHARS} characters")
    return text


def _aware(value: datetime, where: str) -> datetime:
    if value.tzinfo is None:
        raise NoticeError(f"{where}: expires needs a UTC offset (2026-12-05T15:00:00-07:00)")
    return value


def _toml_notice(data: bytes, path: Path) -> Notice:
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise NoticeError(f"{path}: {error}") from None
    expires, texts = table.get("expires"), table.get("text")
    if not isinstance(expires, datetime):
        raise NoticeError(f"{path}: expires must be a date-time, e.g. 2026-12-05T15:00:00-07:00")
    if not isinstance(texts, dict) or not texts:
        raise NoticeError(f'{path}: [text] must give the notice per language (en = "…")')
    cleaned: dict[str, str] = {}
    for language, text in texts.items():
        if not isinstance(text, str):
            raise NoticeError(f"{path}: text.{language} must be a string")
        cleaned[language.lower()] = _clean(text, f"{path}: text.{language}")
    return Notice(cleaned, _aware(expires, str(path)), path)


def _cap_notice(data: bytes, path: Path) -> Notice | None:
    try:
        # Size-limited; expat (2.4 and later) refuses entity expansion bombs, and
        # ElementTree fetches no external entities.
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise NoticeError(f"{path}: not XML: {error}") from None
    ns = {"cap": CAP_NAMESPACE}
    if root.tag != f"{{{CAP_NAMESPACE}}}alert":
        raise NoticeError(f"{path}: not a CAP 1.2 alert (no <alert> in {CAP_NAMESPACE})")
    status = (root.findtext("cap:status", "", ns) or "").strip()
    if status != "Actual" or (root.findtext("cap:msgType", "", ns) or "").strip() == "Cancel":
        return None
    texts: dict[str, str] = {}
    ends: list[datetime] = []
    for number, info in enumerate(root.findall("cap:info", ns), start=1):
        where = f"{path}: info {number}"
        language = (info.findtext("cap:language", "en-US", ns) or "en-US").strip()
        parts = [
            (info.findtext(f"cap:{field}", "", ns) or "").strip()
            for field in ("headline", "description", "instruction")
        ]
        # "Schools closed. Snow. Stay home." from headline, description, instruction.
        text = ". ".join(part.rstrip(".") for part in parts if part)
        texts[language.split("-")[0].lower()] = _clean(text + "." if text else "", where)
        expires = (info.findtext("cap:expires", "", ns) or "").strip()
        if expires:
            try:
                ends.append(_aware(datetime.fromisoformat(expires), where))
            except ValueError:
                raise NoticeError(f"{where}: expires {expires!r} is not a date-time") from None
    if not texts:
        raise NoticeError(f"{path}: the alert has no <info>")
    if not ends:
        raise NoticeError(f"{path}: no <expires>: a notice must end")
    return Notice(texts, min(ends), path)


def load_notice(path: Path) -> Notice | None:
    """The notice in *path* (None: a CAP alert that shows nothing). Raises NoticeError."""
    try:
        data = read_bounded(path, MAX_NOTICE_BYTES)
    except ValueError as error:
        raise NoticeError(f"{path}: not read: it {error}") from None
    except OSError as error:
        raise NoticeError(f"{path}: cannot read: {error.strerror}") from None
    return _cap_notice(data, path) if path.suffix == ".xml" else _toml_notice(data, path)


def active_notice(folder: Path, now: datetime) -> tuple[Notice | None, list[str]]:
    """The notice to show at *now* from *folder* (the one ending last, if several), and
    the problems of the files that could not be read."""
    problems: list[str] = []
    notices: list[Notice] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    except FileNotFoundError:
        return None, []
    except OSError as error:
        return None, [f"cannot read the notice folder {folder}: {error.strerror}"]
    for path in paths:
        try:
            notice = load_notice(path)
        except NoticeError as error:
            problems.append(str(error))
            continue
        if notice is not None and notice.expires > now:
            notices.append(notice)
    return max(notices, key=lambda n: n.expires, default=None), problems
