"""AT-SPI events Qt's own bridge does not send (Linux).

Qt's bridge (qtbase `src/gui/accessible/linux/atspiadaptor.cpp`) turns a
`QAccessibleStateChangeEvent` into an AT-SPI `StateChanged` signal only for the checked,
active, enabled and focused states. Any other state change, such as an accordion header
becoming expanded, never reaches the screen reader: Orca keeps the state it cached and
says "collapsed" until focus leaves and comes back.

`send_state_changed` sends the signal itself, on Qt's own connection to the
accessibility bus (the one named "a11y", so that the sender is the application Orca
knows), for the object path Qt gives the widget (`/org/a11y/atspi/accessible/<id>`, the
id being `QAccessible.uniqueId`). Its arguments are AT-SPI's event signature
`siiva{sv}`: the state's name, 1 or 0, 0, a variant (unused for state changes), and no
properties. libatspi updates its cached state set from the event, and Orca presents it
("expanded").

With no accessibility bus (no screen reader has asked, or not Linux) nothing is sent.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant
from PySide6.QtGui import QAccessible

#: The name Qt's bridge gives its connection to the accessibility bus (dbusconnection.cpp).
A11Y_CONNECTION = "a11y"
OBJECT_PATH_PREFIX = "/org/a11y/atspi/accessible/"
EVENT_OBJECT_INTERFACE = "org.a11y.atspi.Event.Object"


def object_path(obj: QObject) -> str | None:
    """The AT-SPI object path Qt's bridge uses for *obj* (None: it has no interface)."""
    interface = QAccessible.queryAccessibleInterface(obj)
    if interface is None or not interface.isValid():
        return None
    return f"{OBJECT_PATH_PREFIX}{QAccessible.uniqueId(interface)}"


def state_changed_message(path: str, state: str, on: bool) -> QDBusMessage:
    """The `object:state-changed:<state>` signal for the object at *path*."""
    message = QDBusMessage.createSignal(path, EVENT_OBJECT_INTERFACE, "StateChanged")
    message.setArguments([state, 1 if on else 0, 0, QDBusVariant(0), {}])
    return message


def send_state_changed(obj: QObject, states: dict[str, bool]) -> bool:
    """Tell screen readers that *obj*'s *states* (AT-SPI names such as "expanded")
    changed to the values given, in order; whether they were sent."""
    connection = QDBusConnection(A11Y_CONNECTION)
    if not connection.isConnected():
        return False
    path = object_path(obj)
    if path is None:
        return False
    return all(
        connection.send(state_changed_message(path, state, on)) for state, on in states.items()
    )
