"""`python -m kiosk`: the same entry point as the `faq-kiosk` console script."""

from __future__ import annotations

import multiprocessing
import sys

from kiosk.cli import main

if __name__ == "__main__":
    # Frozen builds start speech workers with "spawn"; this must run first.
    multiprocessing.freeze_support()
    sys.exit(main())
