"""Entry points: `faq-kiosk` (run, --screenshot), `faq-kiosk check`, `faq-kiosk set-pin`,
`faq-kiosk content …` (authoring: content.py).

The top layer: it may import every other part of the kiosk; nothing imports it.
"""

from __future__ import annotations

from kiosk.cli.main import main

__all__ = ["main"]
