"""Labels that wrap and report the height they need, so nothing is clipped at 200 %, and
the label for addresses that shortens itself instead of widening its layout."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# Break opportunities for long URLs printed under QR codes (labels wrap only at spaces).
ZERO_WIDTH_SPACE = "\u200b"
ELLIPSIS = "\u2026"
UNBOUNDED_PX = 1 << 20  # a height no text reaches, for measuring wrapped text
#: The longest run of letters left whole: longer words than any real one ("Kindergarten-
#: Übergangsprogramm" aside) fit a line at 200 % on the 1280 px screen (about 590 px).
MAX_UNBROKEN_RUN = 20
#: A web address in running text: a scheme or "www.", up to white space; closing
#: punctuation at its end belongs to the sentence.
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]'\"”’]*(?:\s|$))", re.IGNORECASE)
#: Where a line may already break: white space, a zero-width space, after a hyphen.
_BREAK = re.compile(r"[\s\u200b-]")


def breakable_url(url: str) -> str:
    """*url* with invisible break points after / . ? & = - so it can wrap."""
    for char in "/.?&=-":
        url = url.replace(char, char + ZERO_WIDTH_SPACE)
    return url


def _break_run(run: str) -> str:
    # A break point after every character but before a combining mark (Vietnamese tones
    # may come decomposed), so word wrap can end the line wherever it runs out.
    pieces = []
    for index, char in enumerate(run):
        pieces.append(char)
        following = run[index + 1] if index + 1 < len(run) else ""
        if following and not unicodedata.combining(following):
            pieces.append(ZERO_WIDTH_SPACE)
    return "".join(pieces)


def _break_long_runs(text: str) -> str:
    parts = _BREAK.split(text)
    if all(len(part) <= MAX_UNBROKEN_RUN for part in parts):
        return text
    separators = _BREAK.findall(text)
    pieces = [_break_run(part) if len(part) > MAX_UNBROKEN_RUN else part for part in parts]
    return "".join(p + s for p, s in zip(pieces, [*separators, ""], strict=True))


def breakable_text(text: str) -> str:
    """*text* as it is shown in a wrapping label: zero-width break points after / . ? & =
    - inside web addresses, and between the characters of any run longer than
    `MAX_UNBROKEN_RUN` (an address's long parts, a pasted token), so word wrap can always
    break a line. What is said is unchanged: `reading_order.plain` removes them."""
    text = _URL_IN_TEXT.sub(lambda url: breakable_url(url.group()), text)
    return _break_long_runs(text)


def show_breakable(label: QLabel, text: str) -> None:
    """Show *text* in *label* with break points (`breakable_text`); where any were added,
    the accessible name is the text as written, so screen readers get it unchanged."""
    shown = breakable_text(text)
    label.setText(shown)
    label.setAccessibleName(text if shown != text else "")


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


def _fits(metrics: QFontMetrics, text: str, width: int, max_lines: int) -> bool:
    flags = int(Qt.TextFlag.TextWordWrap)
    bounds = QRect(0, 0, max(width, 1), UNBOUNDED_PX)
    used = metrics.boundingRect(bounds, flags, text)
    allowed = metrics.boundingRect(bounds, flags, "\n".join("x" * max_lines))
    return used.width() <= width and used.height() <= allowed.height()


def fitted_address(address: str, metrics: QFontMetrics, width: int, max_lines: int) -> str:
    """*address* with break points (`breakable_url`), or, if it does not fit *max_lines*
    lines of *width* px, its start and end around a visible "…": as much as fits."""
    whole = breakable_url(address)
    if _fits(metrics, whole, width, max_lines):
        return whole

    def shortened(kept: int) -> str:
        head, tail = address[: kept - kept // 2], address[len(address) - kept // 2 :]
        return breakable_url(head) + ELLIPSIS + ZERO_WIDTH_SPACE + breakable_url(tail)

    low, high = 0, len(address) - 1  # characters kept: the most that fits, found by halves
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(metrics, shortened(middle), width, max_lines):
            low = middle
        else:
            high = middle - 1
    return shortened(low)


class AddressLabel(WrapLabel):
    """An address printed under a QR code: it wraps at its / . - ? & = over at most
    `max_lines` lines and never asks its layout for more width than it is given; an
    address too long for that is shortened in the middle with a visible "…" (again at
    every resize and font change). The full address is the accessible name, so screen
    readers and the reading order have all of it; the QR code holds it too."""

    def __init__(
        self, role: str | None = None, max_lines: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(role=role, parent=parent)
        self._address = ""
        self._max_lines = max_lines
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)  # Ignored: the layout's width decides, not the text

    def address(self) -> str:
        """The whole address, as given to `set_address`."""
        return self._address

    def set_address(self, address: str) -> None:
        """Show *address*, shortened with "…" if it does not fit."""
        self._address = address
        self.setAccessibleName(address)
        self._fit()

    def is_shortened(self) -> bool:
        """True if what is shown leaves part of the address out."""
        return ELLIPSIS in self.text() and ELLIPSIS not in self._address

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        shown = fitted_address(self._address, self.fontMetrics(), inner, self._max_lines)
        flags = int(Qt.TextFlag.TextWordWrap)
        text_height = self.fontMetrics().boundingRect(
            QRect(0, 0, max(inner, 1), UNBOUNDED_PX), flags, shown or "x"
        )
        return text_height.height() + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        shown = fitted_address(self._address, self.fontMetrics(), width, self._max_lines)
        if shown != self.text():
            self.setText(shown)
