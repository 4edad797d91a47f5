"""Write the .deb's copyright file: the template with each `@LICENCE:<name>@` line replaced
by that licence's full text, read from what is bundled, so the texts always match the
bundled versions. Run by packaging/deb/build.sh with the kiosk's virtualenv Python:

    python render_copyright.py TEMPLATE OUTPUT
"""

from __future__ import annotations

import sys
import sysconfig
from importlib import metadata
from pathlib import Path

FONT_LICENCE = Path("resources/fonts/LICENSE-OFL.txt")


def distribution_licence(name: str) -> str:
    """The licence file shipped in an installed distribution's metadata."""
    for file in metadata.distribution(name).files or []:
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            return Path(str(file.locate())).read_text(encoding="utf-8")
    raise SystemExit(f"render_copyright: no licence file in the {name!r} distribution")


def python_licence() -> str:
    """The licence of the Python runtime that PyInstaller bundles (this interpreter's)."""
    candidates = (
        Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt",
        Path(f"/usr/share/doc/libpython{sys.version_info[0]}.{sys.version_info[1]}-minimal")
        / "copyright",
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise SystemExit("render_copyright: Python's licence text not found")


def font_licence() -> str:
    """The SIL OFL text, without the note above it about which fonts these are."""
    text = FONT_LICENCE.read_text(encoding="utf-8")
    return text[text.index("SIL OPEN FONT LICENSE") :]


def as_field_text(text: str) -> list[str]:
    """*text* as the continuation lines of a deb822 field (blank lines become " .")."""
    lines = []
    for raw in text.strip("\n").splitlines():
        line = raw.rstrip().expandtabs()
        lines.append(f" {line}" if line.strip() else " .")
    return lines


def main(template: str, output: str) -> None:
    """Render *template* into *output*."""
    texts = {
        "OFL-1.1": font_licence,
        "babel": lambda: distribution_licence("babel"),
        "segno": lambda: distribution_licence("segno"),
        "Python": python_licence,
    }
    lines: list[str] = []
    for line in Path(template).read_text(encoding="utf-8").splitlines():
        key = line.strip()
        if key.startswith("@LICENCE:") and key.endswith("@"):
            lines += as_field_text(texts[key.removeprefix("@LICENCE:").removesuffix("@")]())
        else:
            lines.append(line)
    Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
