"""QR codes, made offline with segno and painted black on white with a 4-module quiet zone.

`QrRenderer` encodes them on a worker thread and caches them by text, so the screen never
waits for segno. The worker touches no Qt object: PySide6 builds its enums lazily and not
thread-safely, and painting in the worker segfaulted now and then (about one
`--screenshot` in three). Painting the finished matrix takes about a millisecond, on the
UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter

log = logging.getLogger(__name__)

QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for 4
#: The smallest module a phone camera reads from the screen (3 px ≈ 0.8 mm on a 24" 1080p
#: screen). At the kiosk's 220 px codes that allows version 12 at error level M: 287 bytes
#: of URL, the limit config and bundle checks hold URLs to (docs/content.md, Limits).
MIN_MODULE_PX = 3


Matrix = tuple[tuple[bool, ...], ...]


def qr_matrix(text: str) -> Matrix:
    """*text*'s QR modules (True = dark), quiet zone included. Pure Python: any thread."""
    import segno  # imported with the first code, not at start-up

    code = segno.make(text, error="m", micro=False)
    return tuple(
        tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    )


def qr_image(text: str, size_px: int) -> QImage:
    """*text* as a QR code about *size_px* wide (quiet zone included), whole-pixel modules."""
    return paint_matrix(qr_matrix(text), size_px)


def paint_matrix(rows: Matrix, size_px: int) -> QImage:
    """The modules *rows* as a black-on-white image at most *size_px* wide, whole-pixel
    modules (UI thread): a code too dense for MIN_MODULE_PX is scaled down to fit its place,
    never cropped."""
    module = max(1, size_px // len(rows))
    side = module * len(rows)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    black = QColor("black")
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module, y * module, module, module, black)
    painter.end()
    return image


class _QrJob(QRunnable):
    def __init__(self, text: str, size_px: int, done: Callable[[str, int, object], None]) -> None:
        super().__init__()
        self._text, self._size, self._done = text, size_px, done

    def run(self) -> None:
        matrix: Matrix = ()
        try:
            matrix = qr_matrix(self._text)
        except Exception:  # a text too long for any QR version: show no code, keep going
            log.exception("Could not make a QR code for %r", self._text)
        self._done(self._text, self._size, matrix)


class QrRenderer(QObject):
    """Makes QR images off the UI thread.

    Signals:
        ready(str, int, QImage): the code for (text, size) is ready (null image on failure).
    """

    ready = Signal(str, int, QImage)
    _finished = Signal(str, int, object)

    def __init__(self, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self._pool = pool or QThreadPool.globalInstance()
        self._cache: dict[tuple[str, int], QImage] = {}
        self._pending: set[tuple[str, int]] = set()
        # Emitted from the worker thread; queued to this object's (the UI) thread.
        self._finished.connect(self._store)

    @property
    def busy(self) -> bool:
        """True while any code is still being made."""
        return bool(self._pending)

    def cached(self, text: str, size_px: int) -> QImage | None:
        """The finished image, or None if it is not made yet."""
        return self._cache.get((text, size_px))

    def request(self, text: str, size_px: int) -> None:
        """Make the code for *text* unless it is cached or on its way; `ready` follows."""
        key = (text, size_px)
        if key in self._cache:
            self.ready.emit(text, size_px, self._cache[key])
        elif key not in self._pending:
            self._pending.add(key)
            self._pool.start(_QrJob(text, size_px, self._finished.emit))

    @Slot(str, int, object)
    def _store(self, text: str, size_px: int, matrix: Matrix) -> None:
        image = paint_matrix(matrix, size_px) if matrix else QImage()
        key = (text, size_px)
        self._pending.discard(key)
        self._cache[key] = image
        self.ready.emit(text, size_px, image)
