"""Trust on first contact, and the red stop when a pinned certificate has changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trudi_py.errors import PinMismatch, UnknownCertificate
from trudi_py.gui.certinfo import from_der
from trudi_py.gui.widgets import local_time_text
from trudi_py.m2m import grouped


def _fingerprint_label(fp: str) -> QLabel:
    label = QLabel(grouped(fp))
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("QLabel { background: palette(base); padding: 8px; "
                        "border: 1px solid palette(mid); }")
    return label


class TrustDialog(QDialog):
    """Shows the gateway's fingerprint, subject and validity and asks the user to compare."""

    def __init__(self, exc: UnknownCertificate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check the gateway certificate"))
        self.setObjectName("trustDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<b>First connection to {0}.</b><br>The gateway identifies itself with a "
            "certificate. Compare its fingerprint below, group by group, with the one your "
            "meter operator gave you (letter, portal or the gateway's documentation). Only "
            "trust it if all groups match.").format(exc.url))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("SHA-256 fingerprint:")))
        self.fingerprint = _fingerprint_label(exc.fingerprint)
        layout.addWidget(self.fingerprint)
        form = QFormLayout()
        facts = from_der(exc.der)
        subject = facts.subject if facts else exc.subject
        form.addRow(self.tr("Subject:"), _wrapped(subject or self.tr("(not readable)")))
        if facts is not None:
            form.addRow(self.tr("Serial number:"), _wrapped(
                f"{facts.serial_hex} ({facts.serial})"))
            validity = self.tr("{0} to {1}").format(
                local_time_text(facts.not_before) if facts.not_before else "?",
                local_time_text(facts.not_after) if facts.not_after else "?")
            if facts.expired:
                validity += " — " + self.tr("expired (usual for gateways; the pin still "
                                            "protects you)")
            form.addRow(self.tr("Valid:"), _wrapped(validity))
            if facts.self_signed:
                form.addRow(self.tr("Issuer:"), _wrapped(self.tr(
                    "self-signed (normal for a gateway's HAN certificate)")))
        layout.addLayout(form)
        self.confirm = QCheckBox(self.tr("I have compared the fingerprint and all groups match"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox()
        self.accept_button = QPushButton(self.tr("&Trust and connect"))
        self.accept_button.setEnabled(False)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.accept_button.setEnabled)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


class PinMismatchDialog(QDialog):
    """A red stop: the certificate differs from the pin. No button continues the connection."""

    def __init__(self, exc: PinMismatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connection stopped: certificate changed"))
        self.setObjectName("pinMismatchDialog")
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(self.tr(
            "<h3 style='color:#b00020'>The gateway at {0} presented a different certificate"
            "</h3>The connection was refused before any data was sent. This can mean that "
            "someone is between your PC and the gateway — or that the meter operator has "
            "replaced the certificate.").format(exc.url))
        title.setWordWrap(True)
        head.addWidget(title, 1)
        layout.addLayout(head)
        layout.addWidget(QLabel(self.tr("Trusted (pinned) fingerprint:")))
        layout.addWidget(_fingerprint_label(exc.expected))
        layout.addWidget(QLabel(self.tr("Fingerprint presented now:")))
        self.actual = _fingerprint_label(exc.fingerprint)
        self.actual.setStyleSheet("QLabel { background: #fde7e9; color: #b00020; padding: 8px;"
                                  " border: 2px solid #b00020; }")
        layout.addWidget(self.actual)
        advice = QLabel(self.tr(
            "Ask your meter operator whether the certificate was replaced, and for the new "
            "fingerprint. Only then remove the old pin deliberately under Settings → "
            "Trusted gateways, and connect again."))
        advice.setWordWrap(True)
        layout.addWidget(advice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.setStyleSheet("QDialog#pinMismatchDialog { border-top: 6px solid #b00020; }")


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
