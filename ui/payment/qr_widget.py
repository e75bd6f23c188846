"""A VietQR on screen: the code drawn from its payload, with the amount, who is paid and the
transfer content, so the citizen can check before paying from a banking app."""

from __future__ import annotations

from typing import TYPE_CHECKING

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets import fmt_money

if TYPE_CHECKING:
    from counter_app.services.payments import PaymentQr

QUIET = 4  # modules of white around the symbol (ISO 18004)
MODULE_PX = 5  # a phone camera reads 5-pixel modules from a screen at arm's length


def qr_image(payload: str, module_px: int = MODULE_PX) -> QImage:
    """The QR of `payload`, black on white, whole pixels per module (sharp on any screen)."""
    matrix = segno.make(payload, error="m", micro=False).matrix
    side = len(matrix) + 2 * QUIET
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + QUIET, y + QUIET, black)
    return image.scaled(
        side * module_px, side * module_px, mode=Qt.TransformationMode.FastTransformation
    )


class VietQrWidget(QFrame):
    """Empty (hidden) until `set_qr` gives it a code; `payload` is what is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vietQr")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.payload = ""
        self.image = QLabel()
        self.image.setObjectName("vietQrImage")
        self.image.setAccessibleName(self.tr("Mã VietQR để chuyển khoản nộp phí"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight:bold;")
        self.title.setWordWrap(True)
        self.amount = QLabel()
        self.amount.setObjectName("vietQrAmount")
        self.amount.setStyleSheet("font-size:13pt; font-weight:bold; color:#0b3d6e;")
        self.payee = QLabel()
        self.payee.setWordWrap(True)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        for label in (self.amount, self.payee, self.purpose):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        for label in (self.title, self.amount, self.payee, self.purpose):
            text.addWidget(label)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.image)
        row.addLayout(text, 1)
        self.hide()

    def set_qr(self, qr: PaymentQr | None, title: str = "") -> None:
        if qr is None:
            self.clear()
            return
        self.payload = qr.payload
        self.image.setPixmap(QPixmap.fromImage(qr_image(qr.payload)))
        self.title.setText(title or self.tr("Quét để nộp phí"))
        self.amount.setText(fmt_money(qr.amount))
        payee = ", ".join(p for p in (qr.account_name, qr.bank_name) if p)
        self.payee.setText(self.tr("Người nhận: {0}\nSố tài khoản: {1}").format(payee, qr.account))
        self.purpose.setText(self.tr("Nội dung chuyển khoản: {0}").format(qr.purpose))
        self.show()

    def clear(self) -> None:
        self.payload = ""
        self.image.clear()
        for label in (self.title, self.amount, self.payee, self.purpose):
            label.clear()
        self.hide()
