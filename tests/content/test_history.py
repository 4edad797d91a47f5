"""kiosk.content.history: the last two good archives on disk, and when to go back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.archive import pack
from kiosk.content.history import CRASH_WINDOW_S, TRIAL_S, ContentHistory
from kiosk.content.signing import archive_digest
from tests.helpers import FakeClock, titled_bundle


@pytest.fixture
def archives(tmp_path: Path, bundled_content: Path) -> list[Path]:
    made = []
    for version in ("A", "B", "C"):
        folder = titled_bundle(bundled_content, tmp_path / version, f"FAQ {version}", version)
        made.append(tmp_path / f"{version}.faqbundle")
        pack(folder, made[-1])
    return made


def adopt(history: ContentHistory, archive: Path, version: str) -> bool:
    staged = history.stage(archive)
    return history.adopt(staged, archive_digest(staged).hex(), "faq", version)


def test_keeps_the_newest_two_archives_and_deletes_older_ones(
    tmp_path: Path, archives: list[Path]
) -> None:
    history = ContentHistory(tmp_path / "state", FakeClock())
    for archive, version in zip(archives, "ABC", strict=True):
        assert adopt(history, archive, version)
    assert not adopt(history, archives[2], "C")  # the same archive again: nothing new
    assert history.current is not None and history.current.version == "C"
    assert history.previous is not None and history.previous.version == "B"
    kept = sorted(path.name for path in (tmp_path / "state").glob("*.faqbundle"))
    assert kept == sorted([history.current.name, history.previous.name])
    assert history.path(history.current).read_bytes() == archives[2].read_bytes()
    reread = ContentHistory(tmp_path / "state")  # what the next run reads
    assert reread.current == history.current and reread.previous == history.previous


def test_two_crashes_within_a_minute_of_a_new_archive_make_a_rollback_due(
    tmp_path: Path, archives: list[Path]
) -> None:
    clock = FakeClock()
    history = ContentHistory(tmp_path / "state", clock)
    adopt(history, archives[0], "A")
    assert not history.note_crash()  # nothing to go back to
    adopt(history, archives[1], "B")
    assert not history.note_crash()
    clock.now += CRASH_WINDOW_S + 1
    assert not history.note_crash()  # the first is out of the window
    clock.now += CRASH_WINDOW_S - 1
    assert history.note_crash()
    good = history.roll_back("crashed")
    assert good is not None and good.version == "A" and history.previous is None
    assert history.is_rejected(archive_digest(archives[1]).hex())
    assert history.last_rollback is not None and "faq version B" in history.last_rollback


def test_crashes_after_the_trial_do_not_roll_back(tmp_path: Path, archives: list[Path]) -> None:
    clock = FakeClock()
    history = ContentHistory(tmp_path / "state", clock)
    adopt(history, archives[0], "A")
    adopt(history, archives[1], "B")
    clock.now += TRIAL_S + 1
    assert not history.note_crash() and not history.note_crash()


def test_a_run_that_never_ended_cleanly_counts_as_a_crash(
    tmp_path: Path, archives: list[Path]
) -> None:
    clock = FakeClock()
    first = ContentHistory(tmp_path / "state", clock)
    assert not first.note_start()
    adopt(first, archives[0], "A")
    adopt(first, archives[1], "B")
    first.note_stop()
    assert not ContentHistory(tmp_path / "state", clock).note_start()  # clean: no crash
    clock.now += 10
    assert not ContentHistory(tmp_path / "state", clock).note_start()  # crash 1
    clock.now += 10
    assert ContentHistory(tmp_path / "state", clock).note_start()  # crash 2


def test_a_run_stopped_after_more_than_a_minute_is_not_a_crash(
    tmp_path: Path, archives: list[Path]
) -> None:
    # systemd stops the kiosk with SIGTERM, which leaves no clean stop behind.
    clock = FakeClock()
    history = ContentHistory(tmp_path / "state", clock)
    history.note_start()
    adopt(history, archives[0], "A")
    adopt(history, archives[1], "B")
    for _run in range(3):
        clock.now += CRASH_WINDOW_S + 1
        assert not ContentHistory(tmp_path / "state", clock).note_start()
    assert ContentHistory(tmp_path / "state", clock).current == history.current


def test_a_damaged_state_file_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.json").write_text("{not json", encoding="utf-8")
    history = ContentHistory(tmp_path / "state")
    assert history.current is None and history.last_rollback is None
