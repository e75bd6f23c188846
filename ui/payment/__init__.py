"""Fees at the counter: the VietQR shown on screen and the "record payment" dialog."""

from ui.payment.dialog import PaymentDialog
from ui.payment.panel import PaymentPanel
from ui.payment.qr_widget import VietQrWidget, qr_image

__all__ = ["PaymentDialog", "PaymentPanel", "VietQrWidget", "qr_image"]
