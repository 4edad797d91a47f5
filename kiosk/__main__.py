"""`python -m kiosk`: the same entry point as the `faq-kiosk` console script."""

from __future__ import annotations

import sys

from kiosk.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Frozen builds start speech workers with "spawn"; this must run first. (It does
        # nothing unfrozen, and importing multiprocessing costs start-up time.)
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
