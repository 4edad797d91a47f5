"""Signed content on a real kiosk (built offscreen): refused archives leave the old content
on screen and say why; a new archive that crashes the kiosk or fails to render is rolled
back by itself. Real keys, real signatures, real archives."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_config
from kiosk.content.signing import generate_key, signature_path
from kiosk.system.health import CrashGuard
from kiosk.ui.faq import FaqScreen
from tests.helpers import FakeClock, discard, signed_archive, titled_bundle

TITLE = {"A": "Front office FAQ, version A", "B": "Front office FAQ, version B"}


class Site:
    """One kiosk's files: a district key, the published archive the config names, and
    kiosks built on them one after another (each a run of the kiosk)."""

    def __init__(self, qapp: QApplication, tmp_path: Path, bundled: Path) -> None:
        self.qapp, self.tmp, self.bundled = qapp, tmp_path, bundled
        self.key = tmp_path / "district.key"
        self.public = generate_key(self.key)
        self.live = tmp_path / "srv" / "content.faqbundle"
        self.live.parent.mkdir()
        self.config = tmp_path / "config.toml"
        self.config.write_text(
            f'content_dir = "{self.live}"\ncontent_public_key = "{self.public}"\n',
            encoding="utf-8",
        )
        self.clock = FakeClock()
        self.kiosks: list[Kiosk] = []

    def archive(self, version: str, key: Path | None = None, signed: bool = True) -> Path:
        folder = titled_bundle(
            self.bundled, self.tmp / f"bundle-{version}-{len(self.kiosks)}", TITLE[version], version
        )
        out = self.tmp / f"{folder.name}.faqbundle"
        return signed_archive(folder, out, (key or self.key) if signed else None)

    def publish(self, archive: Path) -> None:
        """Put *archive* (and its signature, if any) where the config points."""
        shutil.copyfile(archive, self.live)
        signature_path(self.live).unlink(missing_ok=True)
        if signature_path(archive).exists():
            shutil.copyfile(signature_path(archive), signature_path(self.live))

    def start(self, watch_crashes: bool = True) -> Kiosk:
        kiosk = build_kiosk(
            self.qapp, load_config(self.config), wall_clock=self.clock, watch_crashes=watch_crashes
        )
        self.kiosks.append(kiosk)
        return kiosk

    def stop(self, kiosk: Kiosk) -> None:
        """A clean end of the run (what kiosk/cli/run.py does after exec)."""
        kiosk.content.note_stop()


@pytest.fixture
def site(qapp: QApplication, tmp_path: Path, bundled_content: Path) -> Iterator[Site]:
    made = Site(qapp, tmp_path, bundled_content)
    yield made
    for kiosk in made.kiosks:
        discard(kiosk)


def on_screen(kiosk: Kiosk) -> str:
    return kiosk.window.faq.title.text()


def test_a_signed_archive_is_shown(site: Site) -> None:
    site.publish(site.archive("A"))
    kiosk = site.start()
    assert on_screen(kiosk) == TITLE["A"]
    assert kiosk.content.issues == []
    assert "Automatic content rollback: none" in kiosk.diagnostics()
    assert any(
        line.startswith("Content signature: required, key id ") for line in kiosk.diagnostics()
    )


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        ("tampered", "does not match its signature"),
        ("unsigned", "is not signed"),
        ("wrong-key", "is signed with another key"),
    ],
)
def test_a_bad_archive_is_refused_and_the_old_content_stays_on_screen(
    site: Site, tmp_path: Path, fault: str, why: str
) -> None:
    site.publish(site.archive("A"))
    kiosk = site.start()
    assert on_screen(kiosk) == TITLE["A"]
    if fault == "tampered":
        bad = site.archive("B")
        data = bytearray(bad.read_bytes())
        data[len(data) // 2] ^= 0x01  # one byte
        bad.write_bytes(bytes(data))
    elif fault == "unsigned":
        bad = site.archive("B", signed=False)
    else:
        other = tmp_path / "other.key"
        generate_key(other)
        bad = site.archive("B", key=other)
    site.publish(bad)
    result = kiosk.reload_content()
    assert result.startswith("Not reloaded, the previous content stays") and why in result
    assert on_screen(kiosk) == TITLE["A"]
    assert any(line.startswith("  rejected:") and why in line for line in kiosk.diagnostics())
    # And after a restart, the last good archive kept in the state folder is shown.
    site.stop(kiosk)
    again = site.start()
    assert on_screen(again) == TITLE["A"]
    assert why in str(again.content.issues[0])


def test_with_a_key_a_bundle_folder_is_refused(site: Site) -> None:
    folder = titled_bundle(site.bundled, site.tmp / "folder", TITLE["B"], "B")
    site.config.write_text(
        f'content_dir = "{folder}"\ncontent_public_key = "{site.public}"\n', encoding="utf-8"
    )
    kiosk = site.start()
    assert on_screen(kiosk) == "SRO Frequently Asked Questions"  # the bundled FAQ
    assert "only signed .faqbundle archives" in str(kiosk.content.issues[0])


def test_a_new_archive_that_crashes_the_kiosk_twice_in_a_minute_is_rolled_back(
    site: Site,
) -> None:
    site.publish(site.archive("A"))
    site.stop(site.start())  # A ran well
    site.publish(site.archive("B"))
    first = site.start()  # B is new: on trial
    assert on_screen(first) == TITLE["B"]
    # The kiosk process dies (no clean stop) and systemd starts it again, twice.
    site.clock.now += 5
    second = site.start()
    assert on_screen(second) == TITLE["B"]  # one crash is not enough
    site.clock.now += 20
    third = site.start()
    assert on_screen(third) == TITLE["A"]
    rollback = third.content.last_rollback
    assert rollback is not None and "crashed the kiosk twice within a minute" in rollback
    assert "version B" in rollback and "rolled back to dps-sro-faq version A" in rollback
    assert f"Automatic content rollback: {rollback}" in third.diagnostics()
    assert "rolled back automatically" in str(third.content.issues[0])
    # The refused archive stays refused; the rollback stays reported.
    site.stop(third)
    site.clock.now += 600
    fourth = site.start()
    assert on_screen(fourth) == TITLE["A"] and fourth.content.last_rollback == rollback


def test_crashes_caught_by_the_crash_guard_roll_back_only_within_a_minute(
    site: Site, qtbot: QtBot, tmp_path: Path
) -> None:
    site.publish(site.archive("A"))
    site.stop(site.start())
    site.publish(site.archive("B"))
    kiosk = site.start()
    guard = CrashGuard(tmp_path / "log")
    guard.crashed.connect(kiosk.content.note_crash)  # as kiosk/cli/run.py connects it
    guard.install()
    try:

        def crash() -> None:
            with qtbot.waitSignal(guard.crashed, timeout=5000):
                try:
                    raise RuntimeError("a slot failed")
                except RuntimeError as error:
                    sys.excepthook(RuntimeError, error, error.__traceback__)

        crash()
        site.clock.now += 61
        crash()  # a minute and more after the first: not a crash loop
        assert on_screen(kiosk) == TITLE["B"] and kiosk.content.last_rollback is None
        site.clock.now += 30
        with qtbot.waitSignal(kiosk.content.rolled_back, timeout=5000):
            crash()
        assert on_screen(kiosk) == TITLE["A"]
    finally:
        guard.uninstall()


def test_a_new_archive_that_fails_to_render_is_rolled_back(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.publish(site.archive("A"))
    kiosk = site.start()
    real = FaqScreen.set_content

    def fails_on_b(screen: FaqScreen, bundle: object) -> None:
        # A fault in building the widgets that only version B's content meets.
        if getattr(bundle, "version", "") == "B":
            raise ValueError("a widget could not be built")
        real(screen, bundle)  # type: ignore[arg-type]

    monkeypatch.setattr(FaqScreen, "set_content", fails_on_b)
    site.publish(site.archive("B"))
    kiosk.reload_content()
    assert on_screen(kiosk) == TITLE["A"]
    rollback = kiosk.content.last_rollback
    assert rollback is not None and "failed to render (ValueError" in rollback
    assert kiosk.content.bundle.version == "A"
    # At the next start B is refused; A, kept on disk, is shown.
    again = site.start()
    assert on_screen(again) == TITLE["A"]
