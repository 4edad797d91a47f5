"""Soak: thousands of random visitor actions; no exception, no Qt warning (both fail the
test through pytest-qt), memory flat. 500 actions run with the suite; `make soak` runs
10,000 and checks that RSS grows by at most 5 MB after the first 1,000."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.cli.screenshot import settle
from kiosk.ui.button import TextButton
from tests.helpers import FakeClock, LiveKioskFactory


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def random_action(kiosk: Kiosk, clock: FakeClock, rng: random.Random) -> None:
    session, window = kiosk.session, kiosk.window
    roll = rng.random()
    if roll < 0.55:
        buttons = [b for b in window.findChildren(TextButton) if b.isVisible() and b.isEnabled()]
        if buttons:
            rng.choice(buttons).click()
    elif roll < 0.65:
        session.set_language(rng.choice(list(window.home.buttons)))
    elif roll < 0.75:
        bar = window.faq.scroll_area.verticalScrollBar()
        bar.setValue(rng.randint(0, max(bar.maximum(), 0)))
    elif roll < 0.82:
        session.set_text_size(rng.choice((100, 125, 150, 175, 200)))
    elif roll < 0.90:
        kiosk.read_aloud.toggle()
    elif roll < 0.95:
        kiosk.attract_overlay.wake()
        kiosk.idle_overlay.hide()
    else:  # a long pause: the idle question, then maybe the reset
        for _ in range(rng.choice((400, 480))):
            clock.now += 0.25
            kiosk.idle.poll()
    QApplication.processEvents()


def soak(kiosk: Kiosk, clock: FakeClock, actions: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    samples = []
    for index in range(actions):
        random_action(kiosk, clock, rng)
        if index % 250 == 0:
            samples.append(rss_kib())
    settle(kiosk)
    samples.append(rss_kib())
    return samples


def test_500_random_actions(live_kiosk: LiveKioskFactory) -> None:
    kiosk, clock = live_kiosk()
    soak(kiosk, clock, 500, seed=20261128)
    assert kiosk.window.isVisible()


@pytest.mark.slow
def test_10000_random_actions_keep_memory_flat(live_kiosk: LiveKioskFactory) -> None:
    kiosk, clock = live_kiosk()
    samples = soak(kiosk, clock, 10_000, seed=7)
    after_warm_up = samples[4]  # at 1,000 actions
    growth_mib = (samples[-1] - after_warm_up) / 1024
    print(
        f"RSS after 1,000 actions {after_warm_up / 1024:.1f} MiB, "
        f"after 10,000 {samples[-1] / 1024:.1f} MiB, growth {growth_mib:.2f} MiB"
    )
    assert growth_mib <= 5
