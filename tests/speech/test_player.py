"""The player starts each file at its first audible sample (issue 14.7: a keypad move is
heard within 300 ms of its key, and espeak-ng opens most sentences with silence)."""

from __future__ import annotations

import struct

from kiosk.speech.player import SILENCE, audible_start


def pcm(*samples: int) -> bytes:
    return struct.pack(f"<{len(samples)}h", *samples)


def test_leading_silence_is_skipped() -> None:
    frames = pcm(0, 3, -5, SILENCE - 1, -SILENCE, 900, 0)
    assert audible_start(frames, channels=1) == 4 * 2  # at the first sample loud enough


def test_the_cut_is_on_a_frame_of_every_channel() -> None:
    # Stereo: the left sample of frame 1 is quiet, its right one loud: frame 1 is kept whole.
    frames = pcm(0, 0, 1, 4000, 200, 200)
    assert audible_start(frames, channels=2) == 2 * 2


def test_sound_from_the_first_sample_is_kept_and_silence_is_all_skipped() -> None:
    assert audible_start(pcm(1000, 0, 0), channels=1) == 0
    assert audible_start(pcm(0, 1, -1), channels=1) == 6
    assert audible_start(b"", channels=1) == 0
