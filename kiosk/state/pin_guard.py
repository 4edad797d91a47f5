"""The staff PIN guard: checks PINs against the stored hash and locks the pad after 5
wrong tries for 60 s, doubling with each further lock. It lives as long as the kiosk, so
closing and reopening the staff sheet does not reset it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.config.pin import pin_hash_problem, verify_pin

TRIES_BEFORE_LOCK = 5
FIRST_LOCK_S = 60


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
    """Checks PINs against the stored hash, with the lock-out rule. Lives as long as the
    kiosk, so closing and reopening the staff sheet does not reset it."""

    def __init__(self, stored_hash: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._wrong = 0
        self._locks = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        """True if a usable PIN hash is configured."""
        return bool(self._stored) and pin_hash_problem(self._stored) is None

    def locked_for(self) -> int:
        """Seconds the pad stays locked (0: not locked)."""
        return max(0, int(-(-(self._locked_until - self._clock()) // 1)))

    def attempt(self, pin: str) -> PinResult:
        """Try *pin*."""
        if self.locked_for():
            return PinResult(PinOutcome.LOCKED, locked_s=self.locked_for())
        if verify_pin(pin, self._stored):
            self._wrong = 0
            return PinResult(PinOutcome.OK)
        self._wrong += 1
        if self._wrong >= TRIES_BEFORE_LOCK:
            self._wrong = 0
            self._locked_until = self._clock() + FIRST_LOCK_S * 2**self._locks
            self._locks += 1
            return PinResult(PinOutcome.LOCKED, locked_s=self.locked_for())
        return PinResult(PinOutcome.WRONG, tries_left=TRIES_BEFORE_LOCK - self._wrong)
