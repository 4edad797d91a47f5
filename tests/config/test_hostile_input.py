"""Files an admin or a disk gets wrong: each becomes an `Issue`, never an exception, a
hang or unbounded memory (issue 12). Every case failed before the fix."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import load_config, url_problem
from kiosk.config.settings import MAX_CONFIG_BYTES
from kiosk.config.tomlfile import TomlFileError, parse_toml, read_toml


def only_issue(path: Path) -> str:
    loaded = load_config(path)
    assert len(loaded.issues) == 1, loaded.issues
    return str(loaded.issues[0])


def test_a_fifo_config_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(only_issue(fifo)), daemon=True)

    reader.start()
    reader.join(timeout=10)

    assert not reader.is_alive(), "load_config blocked on a FIFO"
    assert "is a pipe (FIFO), not a file; using defaults" in result[0]


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")

    assert "is a device, not a file" in only_issue(link)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "cannot read the file: Is a directory" in only_issue(tmp_path)


def test_a_config_over_the_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "config.toml"
    with big.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs

    assert f"larger than the {MAX_CONFIG_BYTES // 1024:,} KB limit" in only_issue(big)


@pytest.mark.parametrize("opening", ["[", "{a="])
def test_deep_nesting_is_a_toml_error_not_a_recursion_error(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = f"x = {opening * 1000}1{closing * 1000}\n"

    with pytest.raises(TomlFileError, match="nested too deeply"):
        parse_toml(text, Path("deep.toml"))


def test_deep_nesting_in_a_config_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("feedback_url = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")

    assert "nested too deeply" in only_issue(path)


def test_a_home_folder_of_no_such_user_is_a_config_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('content_dir = "~nosuchuser/faq"\nlog_dir = "~nosuchuser"\n', "utf-8")

    loaded = load_config(path)

    assert [issue.key for issue in loaded.issues] == ["content_dir", "log_dir"]
    assert "home folder of a user this machine does not have" in loaded.issues[0].message
    assert loaded.config.content_dir == ""
    assert loaded.resolve_path("~nosuchuser/x") == tmp_path / "~nosuchuser" / "x"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://[::1/form", "is not a valid URL"),
        ("https://example.org:99999/", "is not a valid URL"),
        ("https://example.org:abc/", "is not a valid URL"),
        ("https://admin:secret@example.org/", "user name or password"),
        ("https:///form", "must name a host"),
        ("https://example.org/\u202eform", "invisible characters"),
        ("https://example.org/ form", "spaces"),
    ],
)
def test_a_malformed_url_is_a_problem(url: str, says: str) -> None:
    problem = url_problem(url)

    assert problem is not None and says in problem


@pytest.mark.parametrize("key", ["feedback_url", "links.campus"])
def test_a_malformed_url_in_the_config_is_an_issue(tmp_path: Path, key: str) -> None:
    path = tmp_path / "config.toml"
    table, _, name = key.rpartition(".")
    path.write_text((f"[{table}]\n" if table else "") + f'{name} = "https://[::1/form"\n', "utf-8")

    loaded = load_config(path)

    assert [issue.key for issue in loaded.issues] == [key.split(".", maxsplit=1)[0]]
    assert "is not a valid URL" in loaded.issues[0].message


URL_PART = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scheme=st.sampled_from(["https", "http", "tel", "ftp", ""]),
    userinfo=st.one_of(st.just(""), URL_PART.map(lambda u: u + "@")),
    host=st.one_of(URL_PART, URL_PART.map(lambda h: f"[{h}"), URL_PART.map(lambda h: f"[{h}]")),
    port=st.one_of(
        st.just(""), URL_PART.map(lambda p: ":" + p), st.integers().map(lambda p: f":{p}")
    ),
    rest=URL_PART,
)
def test_url_problem_is_total(scheme: str, userinfo: str, host: str, port: str, rest: str) -> None:
    url = f"{scheme}://{userinfo}{host}{port}/{rest}"

    problem = url_problem(url)

    assert problem is None or isinstance(problem, str)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.just("1"),
        lambda inner: inner.map(lambda v: f"[{v}]") | inner.map(lambda v: f"{{a={v}}}"),
        max_leaves=400,
    )
)
def test_any_nesting_parses_or_is_a_toml_error(value: str) -> None:
    with contextlib.suppress(TomlFileError):  # any other exception fails the test
        parse_toml(f"x = {value}\n", Path("nested.toml"))


def test_read_toml_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text("a = 1\n", encoding="utf-8")

    assert read_toml(path).data == {"a": 1}
