"""`faq-kiosk set-pin`: ask for the staff PIN twice, without echo, and store its hash in
the PIN file (`staff.pin_file`; by default `staff-pin` beside the config), which only
root and the kiosk may read."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config import default_config_path, load_config
from kiosk.config.pin import PIN_FILE_NAME, PIN_PATTERN, hash_pin, remove_pin_hash, write_pin_file


def set_pin(config: Path | None, read_secret: Callable[[str], str] = getpass.getpass) -> int:
    """Write the PIN's hash into the PIN file; 0 on success."""
    path = config or Path(os.environ.get("FAQ_KIOSK_CONFIG") or default_config_path())
    # The config may not exist yet: its folder still says where the PIN file goes.
    pin_file = load_config(path).pin_file() or path.parent / PIN_FILE_NAME
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
        write_pin_file(pin_file, hash_pin(pin))
    except OSError as error:
        print(f"faq-kiosk set-pin: could not write {pin_file}: {error}", file=sys.stderr)
        return 1
    try:
        moved = remove_pin_hash(path)
    except (OSError, ValueError) as error:
        print(
            f"faq-kiosk set-pin: the new PIN is in {pin_file}, but the old hash could not "
            f"be taken out of {path} ({error}); delete its `pin_hash` line by hand.",
            file=sys.stderr,
        )
        return 1
    print(
        f"The PIN's hash is in {pin_file} (the PIN itself is stored nowhere)"
        + (f"; the old hash was taken out of {path}" if moved else "")
        + ". Restart the kiosk to use it."
    )
    return 0
