"""Labels that wrap and report the height they need, so nothing is clipped at 200 %."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# Break opportunities for long URLs printed under QR codes (labels wrap only at spaces).
ZERO_WIDTH_SPACE = "\u200b"


def breakable_url(url: str) -> str:
    """*url* with invisible break points after / . ? & = - so it can wrap."""
    for char in "/.?&=-":
        url = url.replace(char, char + ZERO_WIDTH_SPACE)
    return url


class WrapLabel(QLabel):
    """A word-wrapping, plain-text, unselectable label with an optional style role."""

    def __init__(
        self, text: str = "", role: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if role:
            self.setProperty("role", role)
