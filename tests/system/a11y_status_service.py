"""A stand-in for AT-SPI's status service on a private session bus (run as a program):
`org.a11y.Bus` at `/org/a11y/bus`, answering `org.freedesktop.DBus.Properties.Get` for
`org.a11y.Status`'s `ScreenReaderEnabled` and `IsEnabled`. Each line on its standard input
("on" or "off") sets `ScreenReaderEnabled` and emits `PropertiesChanged`, as Orca starting
and stopping does; it prints "ready" once registered and "set on"/"set off" after each
change."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant, QDBusVirtualObject

from kiosk.system.screen_reader import (
    A11Y_PATH,
    A11Y_SERVICE,
    PROPERTIES_INTERFACE,
    STATUS_INTERFACE,
)


class Status(QDBusVirtualObject):
    """The status object: two boolean properties."""

    def __init__(self) -> None:
        super().__init__()
        self.values = {"ScreenReaderEnabled": False, "IsEnabled": False}

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802 - Qt override
        arguments = message.arguments()
        if message.member() != "Get" or arguments[:1] != [STATUS_INTERFACE]:
            return False
        reply = message.createReply()  # createReply(list) would send the list as one value
        reply.setArguments([QDBusVariant(self.values.get(arguments[1], False))])
        connection.send(reply)
        return True

    def set_screen_reader(self, on: bool, bus: QDBusConnection) -> None:
        """Set ScreenReaderEnabled and say so."""
        self.values["ScreenReaderEnabled"] = on
        signal = QDBusMessage.createSignal(A11Y_PATH, PROPERTIES_INTERFACE, "PropertiesChanged")
        signal.setArguments([STATUS_INTERFACE, {"ScreenReaderEnabled": on}, []])
        bus.send(signal)


def main() -> None:
    """Serve until standard input closes."""
    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    status = Status()
    if not (bus.registerVirtualObject(A11Y_PATH, status) and bus.registerService(A11Y_SERVICE)):
        sys.exit(f"cannot register: {bus.lastError().message()}")
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read_line() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        status.set_screen_reader(line.strip() == "on", bus)
        print(f"set {line.strip()}", flush=True)

    stdin.activated.connect(read_line)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
