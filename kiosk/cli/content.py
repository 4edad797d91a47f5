"""`faq-kiosk content …`: make, translate, check, preview and publish a content bundle.

Each command lives in its own module and adds itself to the group with `register`;
`COMMANDS` lists those modules in the order `--help` shows them. A command returns its
exit status: 0 done, 1 the content has problems (they are listed), 2 a wrong command
line (argparse's own).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

#: The modules that each add commands (a `register(subparsers)` function).
COMMANDS: tuple[str, ...] = (
    "kiosk.authoring.commands",
    "kiosk.authoring.exchange",
    "kiosk.authoring.review",
    "kiosk.authoring.approve",
    "kiosk.cli.preview",
    "kiosk.cli.content_archive",
)

DESCRIPTION = (
    "Make a district's own FAQ without a developer: start from a spreadsheet or Word "
    "documents, hand translations to translators (XLIFF or PO) and take them back, "
    "check and preview, then pack one file to publish."
)


def parser() -> argparse.ArgumentParser:
    """The `faq-kiosk content` command line, every command included."""
    group = argparse.ArgumentParser(prog="faq-kiosk content", description=DESCRIPTION)
    commands = group.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(commands)
    return group


def content_main(args: Sequence[str]) -> int:
    """Run one `faq-kiosk content` command."""
    options = parser().parse_args(list(args))
    status: int = options.run(options)
    return status
