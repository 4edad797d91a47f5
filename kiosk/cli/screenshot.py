"""Render the kiosk window to an image without showing it (offscreen platform)."""

from __future__ import annotations

import time

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage

from kiosk.app import Kiosk

SETTLE_TIMEOUT_S = 10.0


def settle(kiosk: Kiosk) -> None:
    """Let layouts, deferred scrolls and QR codes finish."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    app = kiosk.qt_app
    for _ in range(3):
        app.processEvents()
    while kiosk.qr.busy and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()
    for _ in range(3):
        app.processEvents()
    kiosk.window.faq.scroll_open_into_view()
    app.processEvents()


def render(kiosk: Kiosk, size: tuple[int, int]) -> QImage:
    """The window at *size*, fully laid out, as an image."""
    window = kiosk.window
    window.resize(*size)
    window.show()
    settle(kiosk)
    return window.grab().toImage()
