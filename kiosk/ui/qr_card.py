"""QrCard: a QR code with what it leads to and the address printed under it.

Used for the feedback form (side panel or footer), and inside answers for the links
they mention and for Safe2Tell's phone number (shown large, with a tel: code). The
printed address (two lines at most) never widens the card: a long one is shortened with "…"
in the middle, while the code and the accessible names carry all of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.system.qr import QrRenderer
from kiosk.ui.accessibility import CARD, set_accessible_role
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.text import AddressLabel, WrapLabel


class QrCard(QFrame):
    """Label, QR code and printed address; `set_code` shows a new one."""

    def __init__(
        self, renderer: QrRenderer, qr_px: int, phone: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        # A Tab stop named by what the code leads to, described by the code and address.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        set_accessible_role(self, CARD)
        self._renderer = renderer
        self._qr_px = qr_px
        self._code = ""
        self._qr_description = ""
        self.title = WrapLabel(role="question")
        self.address = AddressLabel(role="phone" if phone else "secondary")
        self.note = WrapLabel(role="secondary")  # said instead of an address (set_note)
        self.note.hide()
        self.image = QLabel()
        self.image.setFixedSize(qr_px, qr_px)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text_box = QWidget()
        text_policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        text_policy.setHeightForWidth(True)
        self.text_box.setSizePolicy(text_policy)
        text_layout = QVBoxLayout(self.text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.setSpacing(8)
        text_layout.addWidget(self.title)
        text_layout.addWidget(self.address)
        text_layout.addWidget(self.note)
        text_layout.addStretch(1)
        self._stacked = QVBoxLayout()
        self._beside = FlowLayout(spacing=20)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 20, 20, 20)
        self._layout.addLayout(self._stacked)
        self._layout.addLayout(self._beside)
        self._horizontal: bool | None = None
        self.set_horizontal(False)
        renderer.ready.connect(self._on_ready)

    @property
    def code(self) -> str:
        """The text encoded in the QR code."""
        return self._code

    def set_horizontal(self, horizontal: bool) -> None:
        """Text beside the QR where it fits, else below (footer, answers); or always
        below it (side panel)."""
        if horizontal == self._horizontal:
            return
        self._horizontal = horizontal
        target, other = (
            (self._beside, self._stacked) if horizontal else (self._stacked, self._beside)
        )
        for widget in (self.image, self.text_box):
            other.removeWidget(widget)
        target.addWidget(self.image)
        target.addWidget(self.text_box)
        if not horizontal:
            self._stacked.setAlignment(self.image, Qt.AlignmentFlag.AlignHCenter)

    def set_code(self, code: str, shown_text: str) -> None:
        """Encode *code* (a URL or tel:) and print *shown_text* under it."""
        self.address.set_address(shown_text)
        self.address.show()
        self.note.hide()
        self.image.show()
        self._name_image()
        if code != self._code:
            self._code = code
            self.image.clear()
            cached = self._renderer.cached(code, self._qr_px)
            if cached is not None:
                self._show(cached)
            else:
                self._renderer.request(code, self._qr_px)

    def set_note(self, note: str) -> None:
        """No code: show *note* (wrapped, whole) where the address would be."""
        self.note.setText(note)
        self.note.show()
        self.address.hide()
        self.image.hide()
        self._describe()

    def set_title(self, title: str, qr_description: str) -> None:
        """What the code leads to, and how a screen reader should describe the code."""
        self.title.setText(title)
        self.setAccessibleName(title)
        self._qr_description = qr_description
        self._name_image()

    def _name_image(self) -> None:
        # What the code is for, then the address it holds (also printed under it).
        address = self.address.address()
        self.image.setAccessibleName(
            f"{self._qr_description} {address}".strip() if self._qr_description else ""
        )
        self._describe()

    def _describe(self) -> None:
        # The card's description: the code and its whole address, or the note instead.
        shown = self.note.text() if self.image.isHidden() else self.image.accessibleName()
        self.setAccessibleDescription(shown)

    @Slot(str, int, QImage)
    def _on_ready(self, code: str, size_px: int, image: QImage) -> None:
        if code == self._code and size_px == self._qr_px:
            self._show(image)

    def _show(self, image: QImage) -> None:
        self.image.setPixmap(QPixmap.fromImage(image))
