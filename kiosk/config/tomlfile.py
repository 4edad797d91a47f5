"""Reading TOML files with line numbers, so every error can say file and line.

`tomllib` parses but forgets where keys were; `read_toml` also records the line of
every key and table header, and turns syntax, encoding and I/O errors into one
`TomlFileError` that names the file and line.

Input is bounded: only a regular file is read (a FIFO would block for ever, a device
such as /dev/zero never ends), at most `limit` bytes of it, and nesting too deep for
the parser's recursion is an error like any other (docs/content.md, Limits).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

KeyPath = tuple[str, ...]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGNMENT = re.compile(
    r"""^\s*(?P<key>(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")
_TOMLLIB_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
#: The largest TOML file read, unless the caller says otherwise: a config is a few KB,
#: one language of a 5,000-question bundle about 5 MB.
MAX_TOML_BYTES = 16 * 1024 * 1024
_KIB = 1024


@dataclass(frozen=True)
class Issue:
    """One problem found in a file: where (file, line, key) and what is wrong."""

    path: Path | None
    line: int | None
    message: str
    key: str | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.path else "(built-in)"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class TomlFileError(Exception):
    """A file that could not be read as TOML; `issue` says where and why."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.issue = Issue(path, line, message)

    def __str__(self) -> str:
        return str(self.issue)


@dataclass(frozen=True)
class TomlDocument:
    """Parsed TOML plus the line where each key or table was written."""

    path: Path
    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key: KeyPath) -> int | None:
        """Line of *key*; else of the first key written inside it (`a.b = 1` for `a`);
        else of its nearest written ancestor; None if nothing matches."""
        for end in range(len(key), 0, -1):
            if (line := self._first_line_within.get(key[:end])) is not None:
                return line
        return None

    @cached_property
    def _first_line_within(self) -> dict[KeyPath, int]:
        # Every prefix of every written key, with the first line at or under it: built
        # once, so each lookup costs the key's depth, not the document's size.
        first: dict[KeyPath, int] = {}
        for path, line in self.lines.items():
            for end in range(1, len(path) + 1):
                prefix = path[:end]
                if line < first.get(prefix, line + 1):
                    first[prefix] = line
        first.update(self.lines)  # a key's own line wins over a line written inside it
        return first


def _split_key(text: str) -> KeyPath:
    return tuple(part.strip("\"'") for part in _KEY_PART.findall(text))


def _scan_value(text: str, depth: int) -> tuple[int, str | None]:
    """Bracket depth after *text* (part of a value) and any multi-line string left open."""
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            quotes = text[index : index + 3]
            end = text.find(quotes, index + 3)
            if end < 0:
                return depth, quotes
            index = end + 3
            continue
        if char in "\"'":
            index += 1
            while index < len(text) and text[index] != char:
                index += 2 if char == '"' and text[index] == "\\" else 1
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        index += 1
    return depth, None


def _lines(text: str) -> list[str]:
    # TOML ends a line only at LF (or CRLF); str.splitlines would also break at NEL, LS,
    # PS and others inside string values, and every line number after them would be wrong.
    return text.replace("\r\n", "\n").split("\n")


def _key_lines(text: str) -> Iterator[tuple[KeyPath, int]]:
    # The text is valid TOML (tomllib parsed it), so a light scan is enough: headers and
    # assignments count only outside arrays, inline tables and multi-line strings.
    table: KeyPath = ()
    depth = 0
    open_string: str | None = None
    for number, line in enumerate(_lines(text), start=1):
        rest = line
        if open_string is not None:
            end = line.find(open_string)
            if end < 0:
                continue
            rest, open_string = line[end + 3 :], None
        elif depth == 0:
            if (header := _HEADER.match(line)) is not None:
                table = _split_key(header["key"])
                yield table, number
                continue
            if (assignment := _ASSIGNMENT.match(line)) is not None:
                yield table + _split_key(assignment["key"]), number
                rest = line[assignment.end() :]
        depth, open_string = _scan_value(rest, depth)


def parse_toml(text: str, path: Path) -> TomlDocument:
    """Parse *text* (the contents of *path*); raise `TomlFileError` on bad syntax."""
    try:
        data = tomllib.loads(text)
    except RecursionError as error:
        raise TomlFileError(
            path, None, "TOML nested too deeply (arrays or tables inside each other)"
        ) from error
    except tomllib.TOMLDecodeError as error:
        position = _TOMLLIB_POSITION.search(str(error))
        # "at end of document" has no line number: the last line is where it ends.
        line = int(position.group(1)) if position else max(1, len(_lines(text.rstrip("\n"))))
        message = _TOMLLIB_POSITION.sub("", str(error)).strip()
        raise TomlFileError(path, line, f"TOML syntax error: {message}") from error
    lines: dict[KeyPath, int] = {}
    for key, number in _key_lines(text):
        lines.setdefault(key, number)
    return TomlDocument(path, data, lines)


def _kind(mode: int) -> str:
    # A folder never gets here: os.fdopen refuses it ("Is a directory").
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of *path* if it is a regular file of at most *limit* bytes; else
    `OSError` or `ValueError` saying why. Never blocks on a FIFO, never reads more than
    *limit* + 1 bytes (a file growing while read is caught too)."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer for ever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise ValueError(f"is {_kind(mode)}, not a file")
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"is larger than the {limit // _KIB:,} KB limit")
    return raw


def read_toml(path: Path, limit: int = MAX_TOML_BYTES) -> TomlDocument:
    """Read and parse *path* (a regular file of at most *limit* bytes); every failure
    becomes a `TomlFileError`."""
    try:
        raw = read_bounded(path, limit)
    except OSError as error:
        reason = error.strerror or str(error)
        raise TomlFileError(path, None, f"cannot read the file: {reason}") from error
    except ValueError as error:
        raise TomlFileError(path, None, f"cannot read the file: it {error}") from error
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad may start the file with a BOM
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TomlFileError(path, line, "the file is not valid UTF-8 text") from error
    return parse_toml(text, path)
