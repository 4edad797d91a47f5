"""Reading TOML files with line numbers, so every error can say file and line.

`tomllib` parses but forgets where keys were; `read_toml` also records the line of
every key and table header, and turns syntax, encoding and I/O errors into one
`TomlFileError` that names the file and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KeyPath = tuple[str, ...]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGNMENT = re.compile(
    r"""^\s*(?P<key>(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")
_TOMLLIB_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


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
        if key in self.lines:
            return self.lines[key]
        inside = [line for path, line in self.lines.items() if path[: len(key)] == key]
        if inside:
            return min(inside)
        for end in range(len(key) - 1, 0, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return None


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


def read_toml(path: Path) -> TomlDocument:
    """Read and parse *path*; every failure becomes a `TomlFileError`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TomlFileError(path, None, f"cannot read the file: {error.strerror}") from error
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad may start the file with a BOM
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TomlFileError(path, line, "the file is not valid UTF-8 text") from error
    return parse_toml(text, path)
