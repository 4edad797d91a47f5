"""The keypad's key map: EZ Access defaults, the config's [keypad] table, key names Qt
knows, the problems staff are shown, and key events looked up as the navigator does."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from kiosk.config import load_config
from kiosk.config.keymap import (
    ACTIONS,
    DEFAULT_KEYS,
    KeyMap,
    KeypadAction,
    key_code,
    key_map_problem,
)

Key = Qt.Key
Action = KeypadAction

# EZ Access, written out here rather than read from DEFAULT_KEYS.
DEFAULTS: dict[Qt.Key, KeypadAction] = {
    Key.Key_Up: Action.UP,
    Key.Key_Down: Action.DOWN,
    Key.Key_Return: Action.SELECT,
    Key.Key_Enter: Action.SELECT,
    Key.Key_Left: Action.BACK,
    Key.Key_Backspace: Action.BACK,
    Key.Key_Right: Action.NEXT,
    Key.Key_Question: Action.HELP,
    Key.Key_F1: Action.HELP,
    Key.Key_Plus: Action.VOLUME_UP,
    Key.Key_Minus: Action.VOLUME_DOWN,
}

ACTION_NAMES = "up, down, select, back, next, help, volume_up, volume_down"


def bindings(key_map: KeyMap) -> dict[Qt.Key, KeypadAction]:
    """The map as Qt keys (readable in a failure)."""
    return {Qt.Key(code): action for code, action in key_map.actions.items()}


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier, text: str = "") -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)


# -- defaults ------------------------------------------------------------------------------


def test_defaults_follow_ez_access() -> None:
    key_map = KeyMap.from_config({})

    assert bindings(key_map) == DEFAULTS
    assert set(key_map.actions.values()) == set(KeypadAction)  # every action has a key


def test_action_names_are_the_config_names() -> None:
    assert [action.value for action in ACTIONS] == ACTION_NAMES.split(", ")
    assert set(DEFAULT_KEYS) == set(ACTIONS)


@pytest.mark.parametrize("key", [getattr(Key, f"Key_{digit}") for digit in range(10)])
def test_digits_are_free_by_default_for_choosing_a_language(key: Qt.Key) -> None:
    """The navigator (kiosk/control/keypad.py) gives a key without an action to the
    language buttons on Home: 1 for the first language, 2 for the second …"""
    assert KeyMap.from_config({}).action(key.value) is None


def test_a_key_without_an_action_is_none() -> None:
    key_map = KeyMap.from_config({})

    for key in (Key.Key_Escape, Key.Key_Space, Key.Key_A, Key.Key_F2, Key.Key_Tab):
        assert key_map.action(key.value) is None, key


# -- the config's [keypad] table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("configured", "added", "removed"),
    [
        pytest.param(
            {"up": ["Up", "8"]}, {Key.Key_8: Action.UP}, set[Qt.Key](), id="up-adds-keypad-8"
        ),
        pytest.param(
            {"select": ["Space"]},
            {Key.Key_Space: Action.SELECT},
            {Key.Key_Return, Key.Key_Enter},
            id="select-replaced",
        ),
        pytest.param({"back": ["Backspace"]}, {}, {Key.Key_Left}, id="back-without-left"),
        pytest.param(
            {"volume_up": ["F9", "PgUp"], "volume_down": ["F10", "PgDown"]},
            {
                Key.Key_F9: Action.VOLUME_UP,
                Key.Key_PageUp: Action.VOLUME_UP,
                Key.Key_F10: Action.VOLUME_DOWN,
                Key.Key_PageDown: Action.VOLUME_DOWN,
            },
            {Key.Key_Plus, Key.Key_Minus},
            id="volume-on-function-keys",
        ),
    ],
)
def test_a_configured_action_has_exactly_its_keys_and_the_rest_keep_theirs(
    configured: dict[str, list[str]],
    added: dict[Qt.Key, KeypadAction],
    removed: set[Qt.Key],
) -> None:
    expected = {key: action for key, action in DEFAULTS.items() if key not in removed}
    expected.update(added)

    assert bindings(KeyMap.from_config(configured)) == expected


def test_configuring_keys_leaves_the_defaults_alone() -> None:
    before = copy.deepcopy(DEFAULT_KEYS)

    KeyMap.from_config({"up": ["8"], "select": ["5"], "help": ["0"]})

    assert before == DEFAULT_KEYS
    assert bindings(KeyMap.from_config({})) == DEFAULTS


def test_an_unknown_key_name_is_skipped_and_the_others_kept() -> None:
    """Validation reports the name; the map itself never raises on it."""
    key_map = KeyMap.from_config({"up": ["Upp", "8"], "jump": ["Space"]})

    assert key_map.action(Key.Key_8.value) == Action.UP
    assert key_map.action(Key.Key_Up.value) is None  # up's keys were replaced
    assert key_map.action(Key.Key_Space.value) is None  # no such action


def test_a_keypad_table_in_the_config_file_becomes_the_key_map(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keypad]\nup = ["Up", "8"]\ndown = ["Down", "2"]\n', encoding="utf-8")

    loaded = load_config(path)

    assert loaded.issues == []
    assert loaded.config.keypad == {"up": ["Up", "8"], "down": ["Down", "2"]}
    key_map = KeyMap.from_config(loaded.config.keypad)
    assert key_map.action(Key.Key_8.value) == Action.UP
    assert key_map.action(Key.Key_2.value) == Action.DOWN
    assert key_map.action(Key.Key_Return.value) == Action.SELECT  # not named: default


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('up = ["Upp"]', "up: 'Upp' is not a key name Qt knows"),
        ('jump = ["Up"]', "unknown action 'jump'"),
        ('up = "Up"', 'up must be a list of key names, like ["Up"]'),
    ],
)
def test_a_bad_keypad_table_is_an_issue_and_the_defaults_stay(
    tmp_path: Path, table: str, says: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[keypad]\n{table}\n", encoding="utf-8")

    loaded = load_config(path)

    assert [issue.key for issue in loaded.issues] == ["keypad"]
    assert says in loaded.issues[0].message
    assert loaded.config.keypad == {}
    assert bindings(KeyMap.from_config(loaded.config.keypad)) == DEFAULTS


# -- key names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Up", Key.Key_Up),
        ("up", Key.Key_Up),  # Qt's names are not case-sensitive
        ("Return", Key.Key_Return),
        ("Enter", Key.Key_Enter),
        ("Backspace", Key.Key_Backspace),
        ("F1", Key.Key_F1),
        ("?", Key.Key_Question),
        ("+", Key.Key_Plus),
        ("-", Key.Key_Minus),
        ("8", Key.Key_8),
        ("Space", Key.Key_Space),
        ("PgUp", Key.Key_PageUp),
        ("Esc", Key.Key_Escape),
    ],
)
def test_key_code_of_a_qt_key_name(name: str, key: Qt.Key) -> None:
    assert key_code(name) == key.value


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("", id="empty"),
        pytest.param("Upp", id="misspelt"),
        pytest.param("Plus", id="spelt-out"),
        pytest.param("Ctrl+U", id="with-modifier"),
        pytest.param("Num+8", id="keypad-modifier"),
        pytest.param("Up, Down", id="two-keys"),
        pytest.param("F36", id="past-F35"),
    ],
)
def test_key_code_is_none_for_what_is_not_one_plain_key(name: str) -> None:
    assert key_code(name) is None


# -- problems shown to staff ---------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        {},
        {"up": ["Up", "8"]},
        {action.value: [f"F{number}"] for number, action in enumerate(ACTIONS, start=2)},
        {"select": ["Return", "Enter", "Space"], "help": ["?", "F1", "H"]},
    ],
)
def test_a_good_table_has_no_problem(table: dict[str, object]) -> None:
    assert key_map_problem(table) is None


def test_an_unknown_action_names_it_and_lists_the_actions() -> None:
    problem = key_map_problem({"up": ["Up"], "jump": ["Space"]})

    assert problem == f"unknown action 'jump'; the actions are {ACTION_NAMES}"


@pytest.mark.parametrize(
    "names",
    [pytest.param("Up", id="a-string"), pytest.param(["Up", 8], id="a-number"), None],
)
def test_keys_must_be_a_list_of_names(names: object) -> None:
    assert key_map_problem({"down": names}) == 'down must be a list of key names, like ["Up"]'


@pytest.mark.parametrize("name", ["Upp", "Ctrl+U", "Up, Down", ""])
def test_a_name_qt_does_not_know_as_one_key_is_named(name: str) -> None:
    problem = key_map_problem({"up": ["Up"], "help": ["F1", name]})

    assert problem == f'help: {name!r} is not a key name Qt knows (try "Up", "F1")'


def test_the_same_key_for_two_actions_is_a_problem() -> None:
    problem = key_map_problem({"up": ["8"], "down": ["8"]})

    assert problem == "'8' is named for both up and down; give it one"


@pytest.mark.parametrize("action", [action for action in ACTIONS if action != Action.SELECT])
def test_a_configured_key_beats_another_actions_default(action: KeypadAction) -> None:
    key_map = KeyMap.from_config({action.value: ["Return"]})

    assert key_map.action(Key.Key_Return.value) == action
    assert key_map.action(Key.Key_Enter.value) == Action.SELECT  # select keeps its other key


# -- key events, as the navigator looks them up --------------------------------------------


KEYPAD = Qt.KeyboardModifier.KeypadModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.mark.parametrize(
    ("key", "modifiers", "text", "action"),
    [
        pytest.param(Key.Key_Up, NO_MODIFIER, "", Action.UP, id="arrow"),
        pytest.param(Key.Key_Up, KEYPAD, "", Action.UP, id="keypad-8-with-num-lock-off"),
        pytest.param(Key.Key_Enter, KEYPAD, "", Action.SELECT, id="keypad-enter"),
        pytest.param(Key.Key_Plus, KEYPAD, "+", Action.VOLUME_UP, id="keypad-plus"),
        pytest.param(
            Key.Key_Question, Qt.KeyboardModifier.ShiftModifier, "?", Action.HELP, id="shifted-?"
        ),
        pytest.param(Key.Key_8, KEYPAD, "8", None, id="keypad-8-with-num-lock-on"),
    ],
)
def test_key_events_with_the_default_map(
    key: Qt.Key, modifiers: Qt.KeyboardModifier, text: str, action: KeypadAction | None
) -> None:
    event = press(key, modifiers, text)

    assert KeyMap.from_config({}).action(event.key()) == action


def test_keypad_digits_and_arrows_both_move_when_configured() -> None:
    """A numeric keypad sends arrows with Num Lock off and digits with it on: up = ["Up",
    "8"] makes its 8 move up either way, and the top-row 8 too (the map ignores
    modifiers, as the navigator does for all but Ctrl and Alt)."""
    key_map = KeyMap.from_config({"up": ["Up", "8"], "down": ["Down", "2"]})

    for event, action in [
        (press(Key.Key_Up, KEYPAD), Action.UP),
        (press(Key.Key_8, KEYPAD, "8"), Action.UP),
        (press(Key.Key_8, NO_MODIFIER, "8"), Action.UP),
        (press(Key.Key_Down, KEYPAD), Action.DOWN),
        (press(Key.Key_2, KEYPAD, "2"), Action.DOWN),
        (press(Key.Key_1, KEYPAD, "1"), None),  # still free for the first language
    ]:
        assert key_map.action(event.key()) == action, (Qt.Key(event.key()), event.modifiers())


def test_the_map_accepts_qt_key_enums_as_codes() -> None:
    key_map = KeyMap.from_config({})

    assert key_map.action(Key.Key_F1) == Action.HELP
    assert key_map.action(Key.Key_F1.value) == Action.HELP
