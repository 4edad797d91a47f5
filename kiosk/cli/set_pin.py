"""`faq-kiosk set-pin`: ask for the staff PIN twice, without echo, and store its hash."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config import default_config_path
from kiosk.config.pin import PIN_PATTERN, hash_pin, write_pin_hash


def set_pin(config: Path | None, read_secret: Callable[[str], str] = getpass.getpass) -> int:
    """Write the PIN's hash into the config file; 0 on success."""
    path = config or Path(os.environ.get("FAQ_KIOSK_CONFIG") or default_config_path())
    pin = read_secret("New staff PIN (4 to 12 digits): ").strip()
    if not PIN_PATTERN.match(pin):
        print(
            "faq-kiosk set-pin: the PIN must be 4 to 12 digits; nothing was changed.",
            file=sys.stderr,
        )
        return 2
    if read_secret("The same PIN again: ").strip() != pin:
        print("faq-kiosk set-pin: the two PINs differ; nothing was changed.", file=sys.stderr)
        return 2
    try:
        write_pin_hash(path, hash_pin(pin))
    except (OSError, ValueError) as error:
        print(f"faq-kiosk set-pin: could not update {path}: {error}", file=sys.stderr)
        return 1
    print(
        f"The PIN's hash is in {path} (the PIN itself is stored nowhere). Restart the "
        f"kiosk to use it."
    )
    return 0
