"""The staff PIN guard: checks PINs against the stored hash and locks the pad after 5
wrong tries for 60 s, doubling with each further lock until the right PIN is entered.

The count and the lock survive closing the sheet and restarting the kiosk (a crash, the
watchdog, a power cut): they are kept in a small state file, replaced atomically. The
file holds the seconds of lock-out *left*, not a time of day, and time the kiosk is off
does not count, so neither a restart nor a clock set forward or back shortens a lock.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.config.pin import pin_hash_problem, verify_pin
from kiosk.system.files import atomic_write

log = logging.getLogger(__name__)

TRIES_BEFORE_LOCK = 5
FIRST_LOCK_S = 60
#: While locked, the seconds left are saved at most this often (as the sheet counts down).
SAVE_EVERY_S = 5
#: The state file's name in the state folder.
STATE_NAME = "pin-lockout.json"


class PinOutcome(StrEnum):
    """What a PIN attempt gave."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class PinResult:
    """What a PIN attempt gave: OK, WRONG (tries left) or LOCKED (seconds left)."""

    outcome: PinOutcome
    tries_left: int = 0
    locked_s: int = 0


class PinGuard:
    """Checks PINs against the stored hash, with the lock-out rule, kept in *state_file*
    (None: in memory only)."""

    def __init__(
        self,
        stored_hash: str,
        clock: Callable[[], float] = time.monotonic,
        state_file: Path | None = None,
    ) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._file = state_file
        self._wrong, self._locks, left = self._load()
        self._locked_until = clock() + left
        self._saved_at = clock()

    @property
    def configured(self) -> bool:
        """True if a usable PIN hash is configured."""
        return bool(self._stored) and pin_hash_problem(self._stored) is None

    def locked_for(self) -> int:
        """Seconds the pad stays locked (0: not locked)."""
        left = self._left()
        if left and self._clock() - self._saved_at >= SAVE_EVERY_S:
            self._save()
        return left

    def attempt(self, pin: str) -> PinResult:
        """Try *pin*."""
        if self.locked_for():
            return PinResult(PinOutcome.LOCKED, locked_s=self.locked_for())
        if verify_pin(pin, self._stored):
            self._wrong = self._locks = 0
            self._save()
            return PinResult(PinOutcome.OK)
        self._wrong += 1
        if self._wrong >= TRIES_BEFORE_LOCK:
            self._wrong = 0
            self._locked_until = self._clock() + FIRST_LOCK_S * 2**self._locks
            self._locks += 1
            self._save()
            return PinResult(PinOutcome.LOCKED, locked_s=self.locked_for())
        self._save()
        return PinResult(PinOutcome.WRONG, tries_left=TRIES_BEFORE_LOCK - self._wrong)

    def _left(self) -> int:
        return max(0, int(-(-(self._locked_until - self._clock()) // 1)))

    # -- the state file --------------------------------------------------------------------

    def _load(self) -> tuple[int, int, float]:
        # (wrong tries, locks so far, seconds of lock left). A file that cannot be read
        # is logged; one that is not ours to trust locks the pad once, for safety.
        if self._file is None:
            return 0, 0, 0.0
        try:
            data = json.loads(self._file.read_bytes()[:4096])
            wrong, locks, left = (int(data[key]) for key in ("wrong", "locks", "locked_s"))
        except FileNotFoundError:
            return 0, 0, 0.0
        except OSError as error:
            log.error("Cannot read the PIN lock-out state %s: %s", self._file, error.strerror)
            return 0, 0, 0.0
        except (ValueError, TypeError, KeyError):
            log.error("The PIN lock-out state %s is damaged; locking the pad", self._file)
            return 0, 1, float(FIRST_LOCK_S)
        locks = min(max(locks, 0), 16)
        left = min(max(left, 0), FIRST_LOCK_S * 2**locks)
        return min(max(wrong, 0), TRIES_BEFORE_LOCK - 1), locks, float(left)

    def _save(self) -> None:
        self._saved_at = self._clock()
        if self._file is None:
            return
        data = {"wrong": self._wrong, "locks": self._locks, "locked_s": self._left()}
        try:
            atomic_write(self._file, json.dumps(data).encode("ascii"))
        except OSError as error:  # a full or read-only disk: the lock still holds in memory
            log.error("Cannot save the PIN lock-out state %s: %s", self._file, error.strerror)
