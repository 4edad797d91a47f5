"""Is a PNG a real render of the kiosk, not a blank or broken frame?

    python png_probe.py FILE [WIDTHxHEIGHT]

Checks the size (when given) and that the picture has content: many colours, no single
colour covering nearly all of it, and both dark and light pixels (text on a
background). Exit status 0 if so. Uses Qt's image reader from the kiosk's virtualenv.
"""

from __future__ import annotations

import sys
from collections import Counter

from PySide6.QtGui import QColor, QImage

MIN_COLOURS = 16
MAX_DOMINANT_SHARE = 0.92
MIN_LUMINANCE_RANGE = 120


def describe(path: str, expected: tuple[int, int] | None) -> list[str]:
    """The problems with the image at *path* (empty: it is a real render)."""
    image = QImage(path)
    if image.isNull():
        return [f"{path}: not a readable image"]
    problems = []
    size = (image.width(), image.height())
    if expected and size != expected:
        problems.append(f"size {size[0]}x{size[1]}, expected {expected[0]}x{expected[1]}")
    step = max(1, min(size) // 200)
    colours: Counter[int] = Counter(
        image.pixel(x, y) for y in range(0, size[1], step) for x in range(0, size[0], step)
    )
    samples = sum(colours.values())
    dominant, count = colours.most_common(1)[0]
    luminances = [QColor(rgb).lightness() for rgb in colours]
    spread = max(luminances) - min(luminances)
    print(
        f"png_probe: {path}: {size[0]}x{size[1]}, {len(colours)} colours in {samples} samples, "
        f"most common {QColor(dominant).name()} {count / samples:.0%}, lightness range {spread}"
    )
    if len(colours) < MIN_COLOURS:
        problems.append(f"only {len(colours)} colours")
    if count / samples > MAX_DOMINANT_SHARE:
        problems.append(f"{QColor(dominant).name()} covers {count / samples:.0%}: blank")
    if spread < MIN_LUMINANCE_RANGE:
        problems.append(f"lightness range only {spread}: no text")
    return problems


def main(argv: list[str]) -> int:
    """Check argv[0], optionally against the size in argv[1]."""
    expected = None
    if len(argv) > 1:
        width, height = argv[1].lower().split("x")
        expected = (int(width), int(height))
    problems = describe(argv[0], expected)
    for problem in problems:
        print(f"png_probe: FAIL {argv[0]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
