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

#: The modules that each add commands (a `register(subparsers)` function), with the
#: commands they add, as `--help` names what an installation lacks.
COMMANDS: dict[str, str] = {
    "kiosk.authoring.commands": "template, import, export",
    "kiosk.authoring.exchange": "export-translation, import-translation",
    "kiosk.authoring.review": "check",
    "kiosk.authoring.approve": "approve",
    "kiosk.cli.preview": "preview",
    "kiosk.cli.content_archive": "pack, verify",
    "kiosk.cli.content_signing": "keygen, sign",
}

DESCRIPTION = (
    "Make a district's own FAQ without a developer: start from a spreadsheet or Word "
    "documents, hand translations to translators (XLIFF or PO) and take them back, "
    "check and preview, then pack one file to publish."
)


#: What the installed kiosk (the .deb's or the Windows bundle) leaves out, and why.
WITHOUT_AUTHORING = (
    "Not in this installation: {missing} (they need the Python libraries openpyxl, "
    "python-docx and lxml). Install the faq-kiosk Python package on a staff computer "
    "(`pip install faq-kiosk`) to write and translate content there."
)


def parser() -> argparse.ArgumentParser:
    """The `faq-kiosk content` command line, with every command this installation has."""
    group = argparse.ArgumentParser(prog="faq-kiosk content", description=DESCRIPTION)
    commands = group.add_subparsers(dest="command", metavar="COMMAND", required=True)
    missing = []
    for name, names in COMMANDS.items():
        try:
            module = importlib.import_module(name)
        except ImportError:  # a kiosk bundle, built without the authoring libraries
            missing.append(names)
            continue
        module.register(commands)
    if missing:
        group.epilog = WITHOUT_AUTHORING.format(missing=", ".join(missing))
    return group


def content_main(args: Sequence[str]) -> int:
    """Run one `faq-kiosk content` command."""
    options = parser().parse_args(list(args))
    status: int = options.run(options)
    return status
