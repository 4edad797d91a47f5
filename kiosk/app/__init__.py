"""The composition root: builds the kiosk's objects and wires them, one feature a module.

Only `kiosk.cli` imports this layer. See docs/architecture.md.
"""

from __future__ import annotations

from kiosk.app.root import Kiosk, build_kiosk

__all__ = ["Kiosk", "build_kiosk"]
