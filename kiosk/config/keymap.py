"""The keypad's key map: which keys move, select, go back, ask for help or change volume.

Defaults follow EZ Access (arrows, Enter, Backspace/Left = back, ? and F1 = help, + and -
= volume); the config's `[keypad]` table maps other keys, for keypads that send their own
codes. Key names are Qt's ("Up", "Return", "F1", "Backspace", "?", "+", "8"…).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


class KeypadAction(StrEnum):
    """What a keypad key does (the config's [keypad] table names them)."""

    UP = "up"
    DOWN = "down"
    SELECT = "select"
    BACK = "back"
    NEXT = "next"
    HELP = "help"
    VOLUME_UP = "volume_up"
    VOLUME_DOWN = "volume_down"


ACTIONS = tuple(KeypadAction)

DEFAULT_KEYS: dict[str, list[str]] = {
    KeypadAction.UP: ["Up"],
    KeypadAction.DOWN: ["Down"],
    KeypadAction.SELECT: ["Return", "Enter"],
    KeypadAction.BACK: ["Left", "Backspace"],
    KeypadAction.NEXT: ["Right"],
    KeypadAction.HELP: ["?", "F1"],
    KeypadAction.VOLUME_UP: ["+"],
    KeypadAction.VOLUME_DOWN: ["-"],
}


def key_code(name: str) -> int | None:
    """The Qt key code of *name* ("Up", "F1", "+"), or None if Qt does not know it."""
    sequence = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1:
        return None
    combination = sequence[0]  # type: ignore[index]
    key = combination.key()
    if combination.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        return None
    return int(key.value) if key != Qt.Key.Key_unknown else None


def key_map_problem(value: Mapping[str, object]) -> str | None:
    """Why the config's [keypad] table is wrong, or None (config validation)."""
    taken: dict[int, str] = {}
    for action, names in value.items():
        if action not in ACTIONS:
            return f"unknown action {action!r}; the actions are {', '.join(ACTIONS)}"
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return f'{action} must be a list of key names, like ["Up"]'
        for name in names:
            code = key_code(name)
            if code is None:
                return f'{action}: {name!r} is not a key name Qt knows (try "Up", "F1")'
            if taken.setdefault(code, action) != action:
                return f"{name!r} is named for both {taken[code]} and {action}; give it one"
    return None


@dataclass(frozen=True)
class KeyMap:
    """Key code → action."""

    actions: Mapping[int, KeypadAction]

    @classmethod
    def from_config(cls, configured: Mapping[str, list[str]]) -> KeyMap:
        """Defaults, with each action the config names replaced by its keys; a key the
        config names beats another action's default for it."""
        names: dict[str, list[str]] = {**DEFAULT_KEYS, **configured}
        actions: dict[int, KeypadAction] = {}
        # Configured actions last: their keys overwrite any default given to another.
        for action in sorted(ACTIONS, key=lambda action: action in configured):
            for name in names[action]:
                code = key_code(name)
                if code is not None:
                    actions[code] = action
        return cls(actions)

    def action(self, key: int) -> KeypadAction | None:
        """The action of *key*, or None."""
        return self.actions.get(key)
