"""Tests for kiosk.content.store: a bad bundle never replaces the one on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import LoadedConfig, load_config
from kiosk.config.tomlfile import Issue
from kiosk.content import load_bundle
from kiosk.content.model import ContentBundle
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.system import resources


@pytest.fixture
def good(tmp_path: Path, bundled_content: Path) -> Path:
    """A valid bundle in its own folder, told apart from the bundled one by its id."""
    folder = tmp_path / "good"
    shutil.copytree(bundled_content, folder)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('id = "dps-sro-faq"', 'id = "other-faq"'), encoding="utf-8")
    return folder


@pytest.fixture
def broken(tmp_path: Path, bundled_content: Path) -> Path:
    """A bundle whose Spanish file has a syntax error."""
    folder = tmp_path / "broken"
    shutil.copytree(bundled_content, folder)
    spanish = folder / "es.toml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text.replace('language = "es"', 'language = "es'), encoding="utf-8")
    return folder


@pytest.fixture
def store(qapp: QApplication) -> ContentStore:
    """A store with no link URLs from a config."""
    return ContentStore({})


def write_config(folder: Path, text: str) -> LoadedConfig:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    assert loaded.issues == []
    return loaded


def test_bundled_faq_until_something_loads(store: ContentStore) -> None:
    assert store.bundle.id == "dps-sro-faq"
    assert store.bundle.source == str(resources.content_dir())
    assert store.issues == []


def test_loading_a_good_bundle_announces_it(qtbot: QtBot, store: ContentStore, good: Path) -> None:
    with (
        qtbot.waitSignal(store.changed, timeout=1000),
        qtbot.assertNotEmitted(store.load_failed),
    ):
        assert store.load(good) is True
    assert store.bundle.id == "other-faq"
    assert store.bundle.source == str(good)
    assert store.issues == []


def test_loading_none_means_the_bundled_faq(qtbot: QtBot, store: ContentStore, good: Path) -> None:
    store.load(good)
    with qtbot.waitSignal(store.changed, timeout=1000):
        assert store.load(None) is True
    assert store.bundle.id == "dps-sro-faq"


def test_broken_bundle_keeps_the_previous_one(
    qtbot: QtBot, store: ContentStore, good: Path, broken: Path
) -> None:
    store.load(good)
    before: ContentBundle = store.bundle
    with (
        qtbot.waitSignal(store.load_failed, timeout=1000) as failed,
        qtbot.assertNotEmitted(store.changed),
    ):
        assert store.load(broken) is False

    assert failed.args is not None
    issues = failed.args[0]
    assert issues, "load_failed must carry the issues"
    assert all(isinstance(issue, Issue) for issue in issues)
    assert [(issue.path, issue.line) for issue in issues] == [(broken / "es.toml", 5)]
    assert store.issues == issues

    assert store.bundle is before
    assert store.bundle.id == "other-faq"
    assert store.bundle.question_ids == before.question_ids
    assert store.bundle.source == str(good)


def test_issues_clear_after_a_good_load(store: ContentStore, good: Path, broken: Path) -> None:
    store.load(broken)
    assert store.issues
    assert store.load(good) is True
    assert store.issues == []


def test_broken_bundle_at_start_falls_back_to_the_bundled_faq(
    qtbot: QtBot, store: ContentStore, broken: Path
) -> None:
    with qtbot.waitSignal(store.load_failed, timeout=1000):
        assert store.load(broken) is False
    assert store.bundle.id == "dps-sro-faq"
    assert store.bundle.source == str(resources.content_dir())
    assert len(store.bundle.question_ids) == 11


def test_missing_content_dir_at_start_falls_back(store: ContentStore, tmp_path: Path) -> None:
    assert store.load(tmp_path / "no-such-folder") is False
    assert [issue.path for issue in store.issues] == [tmp_path / "no-such-folder/manifest.toml"]
    assert store.bundle.id == "dps-sro-faq"


def test_broken_content_dir_in_config_starts_on_the_bundled_faq(
    qtbot: QtBot, tmp_path: Path, broken: Path
) -> None:
    # content_dir is relative: it is taken from the config file's folder (tmp_path).
    loaded = write_config(tmp_path, 'content_dir = "broken"\n')
    assert configured_folder(loaded) == broken
    store = ContentStore(link_urls(loaded))
    with qtbot.waitSignal(store.load_failed, timeout=1000):
        store.load(configured_folder(loaded))
    assert store.bundle.id == "dps-sro-faq"
    assert store.bundle.links["feedback"].url == loaded.config.feedback_url


# --- link URLs from the config --------------------------------------------------------------


def test_link_urls_come_from_feedback_url_and_links(tmp_path: Path) -> None:
    loaded = write_config(
        tmp_path,
        'feedback_url = "https://forms.example.org/kiosk"\n'
        '[links]\ncampus-list = "https://example.org/campuses"\n',
    )
    assert link_urls(loaded) == {
        "feedback": "https://forms.example.org/kiosk",
        "campus-list": "https://example.org/campuses",
    }


def test_default_config_gives_the_feedback_url(default_config: LoadedConfig) -> None:
    assert link_urls(default_config) == {"feedback": default_config.config.feedback_url}


def test_config_urls_override_the_bundle(qapp: QApplication, tmp_path: Path, good: Path) -> None:
    loaded = write_config(
        tmp_path,
        'feedback_url = "https://forms.example.org/kiosk"\n'
        "[links]\n"
        'campus-list = "https://example.org/campuses"\n'
        'safe2tell = "tel:+13035550100"\n',
    )
    store = ContentStore(link_urls(loaded))
    bundled = store.bundle
    assert store.load(good) is True
    for bundle in (bundled, store.bundle):
        urls = {link_id: link.url for link_id, link in bundle.links.items()}
        assert urls == {
            "feedback": "https://forms.example.org/kiosk",
            "campus-list": "https://example.org/campuses",
            "safe2tell": "tel:+13035550100",
        }
        assert bundle.links["safe2tell"].shown_text == "1-877-542-7233"
    assert store.bundle.id == "other-faq"


def test_bundle_urls_stay_where_the_config_says_nothing(store: ContentStore) -> None:
    links = store.bundle.links
    assert links["safe2tell"].url == "tel:+18775427233"
    assert links["campus-list"].url == ""


@pytest.mark.parametrize(
    ("urls", "expected"),
    [
        pytest.param({}, {"feedback": "", "safe2tell": "tel:+18775427233"}, id="nothing"),
        pytest.param(
            {"feedback": "https://a.example/"},
            {"feedback": "https://a.example/", "safe2tell": "tel:+18775427233"},
            id="feedback",
        ),
        pytest.param(
            {"safe2tell": "tel:+1"}, {"feedback": "", "safe2tell": "tel:+1"}, id="safe2tell"
        ),
        pytest.param(
            {"safe2tell": ""}, {"feedback": "", "safe2tell": "tel:+18775427233"}, id="empty-url"
        ),
        pytest.param(
            {"nope": "https://a.example/"},
            {"feedback": "", "safe2tell": "tel:+18775427233"},
            id="unknown-link",
        ),
    ],
)
def test_with_link_urls(
    bundled_content: Path, urls: dict[str, str], expected: dict[str, str]
) -> None:
    original = load_bundle(bundled_content)
    changed = original.with_link_urls(urls)
    assert {key: changed.links[key].url for key in expected} == expected
    assert set(changed.links) == set(original.links)
    assert original.links["feedback"].url == ""  # the original is not modified
    assert changed.texts == original.texts


def test_reload_reads_off_the_ui_thread_and_keeps_the_screen_turning(
    qtbot: QtBot, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from kiosk.content import reading as reading_module

    threads: list[str] = []

    def slow_load(folder: Path) -> ContentBundle:
        threads.append(threading.current_thread().name)
        time.sleep(0.5)  # a large bundle
        return load_bundle(folder)

    monkeypatch.setattr(reading_module, "load_bundle", slow_load)
    store = ContentStore({})
    started = time.monotonic()
    assert store.reload(good)
    assert time.monotonic() - started < 0.4  # returned before the bundle was read
    assert store.reloading and not store.reload(good)  # one at a time
    with qtbot.waitSignal(store.reloaded, timeout=5000) as done:
        pass
    assert done.args == [True]
    assert threads == ["content-reload"]
    assert store.bundle.id == "other-faq" and not store.reloading


def test_an_unexpected_error_while_reading_is_an_issue_not_a_crash(
    qtbot: QtBot, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.content import reading as reading_module

    def broken_loader(folder: Path) -> ContentBundle:
        raise MemoryError("no room")

    store = ContentStore({})
    before = store.bundle.id
    monkeypatch.setattr(reading_module, "load_bundle", broken_loader)
    with qtbot.waitSignal(store.reloaded, timeout=5000) as done:
        store.reload(good)
    assert done.args == [False]
    assert "MemoryError: no room" in store.issues[0].message
    assert store.bundle.id == before


def test_a_reload_keeps_the_replaced_bundle_to_roll_back_to(
    qtbot: QtBot, store: ContentStore, good: Path, bundled_content: Path
) -> None:
    assert store.previous is None and not store.roll_back()  # nothing to go back to
    store.load(bundled_content)
    assert store.previous is None  # the first load replaces nothing shown
    store.load(good)
    assert store.previous is not None and store.previous.id == "dps-sro-faq"
    store.load(good)  # the same bundle again keeps the older one
    assert store.previous.id == "dps-sro-faq"
    with qtbot.waitSignal(store.changed, timeout=1000):
        assert store.roll_back()
    assert store.bundle.id == "dps-sro-faq" and store.previous.id == "other-faq"
    assert store.roll_back() and store.bundle.id == "other-faq"  # and forward again


def test_a_rejected_reload_leaves_the_previous_bundle_alone(
    store: ContentStore, good: Path, broken: Path, bundled_content: Path
) -> None:
    store.load(bundled_content)
    store.load(good)
    assert not store.load(broken)
    assert store.bundle.id == "other-faq"
    assert store.previous is not None and store.previous.id == "dps-sro-faq"
