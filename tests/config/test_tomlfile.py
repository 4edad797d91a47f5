"""Tests for kiosk.config.tomlfile: the line of every key and header, and errors that say where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config.tomlfile import Issue, KeyPath, TomlFileError, parse_toml, read_toml

NESTED_TABLES = """\
title = "FAQ"

[speech]
rate = 150
voices.en = "en-us"

[display]
theme = "standard"
"""

DOTTED_AND_QUOTED = """\
a.b.c = 1
"x.y".z = 2
'lit key' = 3
site."google.com" = true
[t]
  k . "q r" = 4
[links."campus-list"]
url = "https://example.org"
"""

ARRAYS_OF_TABLES = """\
[[voice]]
name = "en-us"

[[voice]]
name = "vi"
rate = 120

[voice.extra]
pitch = 50
"""

AFTER_MULTILINE = '''\
intro = """
first = "not a key"
[not.a.header]
"""
after_basic = 1
literal = \'\'\'
[[also.not.a.header]]
x = 1
\'\'\'
after_literal = 2
answer = [
  "one = two",
  "three",
]
after_array = 3
[table]
inside = 4
'''

# Valid TOML whose keys come after things that look like TOML syntax but are data.
AFTER_NESTED_ARRAY = """\
[speech]
grid = [
  [1, 2],
  [3, 4]
]
rate = 100
"""

AFTER_TRIPLE_QUOTE_IN_COMMENT = """\
# Long answers can be written as \"\"\" multi-line strings.
first = 1
second = 2
"""

AFTER_TRIPLE_QUOTE_IN_LITERAL = """\
quote = 'She said \"\"\"hello'
second = 2
"""


def case_id(value: object) -> str | None:
    """Readable test ids: the document's name, the dotted key, the line."""
    if isinstance(value, tuple):
        return ".".join(value)
    if isinstance(value, int):
        return f"line{value}"
    return None


DOCUMENTS = {
    "nested-tables": NESTED_TABLES,
    "dotted-and-quoted": DOTTED_AND_QUOTED,
    "arrays-of-tables": ARRAYS_OF_TABLES,
    "after-multiline": AFTER_MULTILINE,
    "after-nested-array": AFTER_NESTED_ARRAY,
    "after-triple-quote-in-comment": AFTER_TRIPLE_QUOTE_IN_COMMENT,
    "after-triple-quote-in-literal": AFTER_TRIPLE_QUOTE_IN_LITERAL,
}


@pytest.mark.parametrize(
    ("document", "key", "line"),
    [
        ("nested-tables", ("title",), 1),
        ("nested-tables", ("speech",), 3),
        ("nested-tables", ("speech", "rate"), 4),
        ("nested-tables", ("speech", "voices", "en"), 5),
        ("nested-tables", ("display",), 7),
        ("nested-tables", ("display", "theme"), 8),
        ("dotted-and-quoted", ("a", "b", "c"), 1),
        ("dotted-and-quoted", ("x.y", "z"), 2),
        ("dotted-and-quoted", ("lit key",), 3),
        ("dotted-and-quoted", ("site", "google.com"), 4),
        ("dotted-and-quoted", ("t",), 5),
        ("dotted-and-quoted", ("t", "k", "q r"), 6),
        ("dotted-and-quoted", ("links", "campus-list"), 7),
        ("dotted-and-quoted", ("links", "campus-list", "url"), 8),
        ("arrays-of-tables", ("voice",), 1),
        ("arrays-of-tables", ("voice", "name"), 2),
        ("arrays-of-tables", ("voice", "rate"), 6),
        ("arrays-of-tables", ("voice", "extra"), 8),
        ("arrays-of-tables", ("voice", "extra", "pitch"), 9),
        ("after-multiline", ("intro",), 1),
        ("after-multiline", ("after_basic",), 5),
        ("after-multiline", ("literal",), 6),
        ("after-multiline", ("after_literal",), 10),
        ("after-multiline", ("answer",), 11),
        ("after-multiline", ("after_array",), 15),
        ("after-multiline", ("table",), 16),
        ("after-multiline", ("table", "inside"), 17),
        ("after-nested-array", ("speech", "grid"), 2),
        ("after-nested-array", ("speech", "rate"), 6),
        ("after-triple-quote-in-comment", ("first",), 2),
        ("after-triple-quote-in-comment", ("second",), 3),
        ("after-triple-quote-in-literal", ("second",), 2),
    ],
    ids=case_id,
)
def test_line_of_key(document: str, key: KeyPath, line: int) -> None:
    parsed = parse_toml(DOCUMENTS[document], Path("file.toml"))
    assert parsed.line_of(key) == line


@pytest.mark.parametrize(
    ("document", "phantom"),
    [
        ("after-multiline", ("first",)),
        ("after-multiline", ("not", "a", "header")),
        ("after-multiline", ("also", "not", "a", "header")),
        ("after-multiline", ("also", "not", "a", "header", "x")),
        ("after-multiline", ("one",)),
    ],
    ids=case_id,
)
def test_text_inside_strings_is_not_a_key(document: str, phantom: KeyPath) -> None:
    assert parse_toml(DOCUMENTS[document], Path("file.toml")).line_of(phantom) is None


def test_crlf_line_endings_count_lines_the_same() -> None:
    text = AFTER_MULTILINE.replace("\n", "\r\n")
    document = parse_toml(text, Path("file.toml"))
    assert document.line_of(("after_basic",)) == 5
    assert document.line_of(("table", "inside")) == 17


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_inside_strings_are_not_new_lines(separator: str) -> None:
    # TOML ends lines only at LF: NEL, LS, PS and the others str.splitlines() breaks at
    # may stand inside a string value (found by tests/app/test_fuzz.py).
    document = parse_toml(f'a = "x{separator}y"\nb = 2\n', Path("file.toml"))
    assert document.line_of(("b",)) == 2


def test_line_of_falls_back_to_nearest_written_ancestor() -> None:
    document = parse_toml(NESTED_TABLES, Path("file.toml"))
    assert document.line_of(("speech", "volume")) == 3
    assert document.line_of(("nowhere", "at", "all")) is None


def test_parsed_data_matches_tomllib() -> None:
    document = parse_toml(DOTTED_AND_QUOTED, Path("file.toml"))
    assert document.data["x.y"] == {"z": 2}
    assert document.data["t"] == {"k": {"q r": 4}}
    assert document.path == Path("file.toml")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param('a = 1\nb = "unterminated\nc = 3\n', 2, id="unterminated-string"),
        pytest.param("a = 1\n[table\nb = 2\n", 2, id="unclosed-header"),
        pytest.param("a = 1\nb = tru\n", 2, id="bad-value"),
        pytest.param("a = 1\na = 2\n", 2, id="duplicate-key"),
        pytest.param("ok = 1\n\n\n[t]\nx = = 1\n", 5, id="double-equals"),
        pytest.param("first = 1\nno_equals_sign\n", 2, id="bare-word"),
        # tomllib reports these "at end of document"; the file still has a last line.
        pytest.param('a = 1\nlanguages = ["en", "es"\n', 2, id="unclosed-array-at-eof"),
        pytest.param("a = 1\nb = ", 2, id="missing-value-at-eof"),
    ],
)
def test_syntax_error_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TomlFileError) as caught:
        read_toml(path)
    issue = caught.value.issue
    assert issue == Issue(path, line, issue.message)
    assert issue.message.startswith("TOML syntax error: ")
    assert "(at line" not in issue.message  # the position is in `line`, not repeated
    assert str(caught.value).startswith(f"{path}:{line}: TOML syntax error")


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b'a = "\xff"\n', 1),
        (b'a = 1\nb = "ok"\nc = "caf\xe9"\n', 3),
        (b'# \xc3\xa9 is fine\na = 1\n\n\nb = "\xc3"\n', 5),
        (b'a = """\nline\n\xfe\n"""\n', 3),
    ],
)
def test_invalid_utf8_names_line_of_bad_byte(tmp_path: Path, raw: bytes, line: int) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(raw)
    with pytest.raises(TomlFileError) as caught:
        read_toml(path)
    assert caught.value.issue.path == path
    assert caught.value.issue.line == line
    assert "UTF-8" in caught.value.issue.message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "config.toml"
    with pytest.raises(TomlFileError) as caught:
        read_toml(path)
    assert caught.value.issue.path == path
    assert caught.value.issue.line is None
    assert str(caught.value) == f"{path}: cannot read the file: No such file or directory"


def test_directory_instead_of_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TomlFileError) as caught:
        read_toml(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot read the file: Is a directory"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(TomlFileError) as caught:
        read_toml(path)
    assert str(caught.value) == f"{path}: cannot read the file: Permission denied"


@pytest.mark.parametrize(
    ("issue", "text"),
    [
        (Issue(Path("/etc/k.toml"), 3, "bad", "speech.rate"), "/etc/k.toml:3: speech.rate: bad"),
        (Issue(Path("/etc/k.toml"), None, "bad"), "/etc/k.toml: bad"),
        (Issue(None, None, "bad", "x"), "(built-in): x: bad"),
    ],
)
def test_issue_text(issue: Issue, text: str) -> None:
    assert str(issue) == text
