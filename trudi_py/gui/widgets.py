"""Small shared widgets and formatting helpers of the GUI."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trudi_py.gui import i18n
from trudi_py.model.times import to_berlin

COLORS = {"error": ("#fde7e9", "#8a0010"), "warning": ("#fff4ce", "#5c4400"),
          "info": ("#e6f0fb", "#123a63"), "ok": ("#e3f4e1", "#1d4d1a")}


def local_time_text(moment: datetime, seconds: bool = True) -> str:
    """An instant on the Europe/Berlin wall clock, in the style of the current language."""
    t = to_berlin(moment)
    clock = f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}" if seconds else \
        f"{t.hour:02d}:{t.minute:02d}"
    return f"{_date_text(t)} {clock}"


def local_date_text(moment: datetime) -> str:
    """A date in Berlin time as people write it in the GUI language."""
    return _date_text(to_berlin(moment))


def _date_text(local: datetime) -> str:
    """The date of a Berlin wall-clock time in the GUI language's style.

    (Formatted by hand: ``strftime`` goes through an import hook of PySide6's on every call,
    ~50 µs — 25 ms of the event loop for the 500 dates filled in when an archive opens.)"""
    if i18n.current_language() == "de":
        return f"{local.day:02d}.{local.month:02d}.{local.year:04d}"
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d}"


def duration_text(seconds: float) -> str:
    """``12 min 05 s`` / ``3 h 04 min`` / ``2 d 3 h`` — for drift, ETA, countdowns."""
    sign = "−" if seconds < 0 else ""
    s = int(round(abs(seconds)))
    if s < 60:
        return sign + QCA.translate("Format", "{0} s").format(s)
    if s < 3600:
        return sign + QCA.translate("Format", "{0} min {1:02d} s").format(s // 60, s % 60)
    if s < 86400:
        return sign + QCA.translate("Format", "{0} h {1:02d} min").format(s // 3600, s % 3600 // 60)
    return sign + QCA.translate("Format", "{0} d {1} h").format(s // 86400, s % 86400 // 3600)


class ElidedLabel(QLabel):
    """A one-line label that never widens its window: a text longer than the room it gets
    ends in "…" and shows whole as its tooltip (a plain label's minimum width is its text's:
    a long status text pushed the main window ~60 px wider, and its charts were drawn again)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As narrow as a few letters; as high as one line."""
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4,
                     super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002
        """The text, elided at the right when it does not fit."""
        room = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             room.width())
        tip = self.text() if text != self.text() else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)
        painter = QPainter(self)
        painter.drawText(room, int(self.alignment()), text)


class Banner(QLabel):
    """A coloured message box (error, warning, info, ok); hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setOpenExternalLinks(False)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, html: str) -> None:
        """Show ``html`` in the colours of ``kind`` ("info", "ok", "warning", "error")."""
        background, foreground = COLORS.get(kind, COLORS["info"])
        self.kind = kind
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                           f"border: 1px solid {foreground}; border-radius: 4px; "
                           f"padding: 8px; }}")
        self.setText(html)
        self.show()

    def clear_message(self) -> None:
        """Hide the banner."""
        self.kind = ""
        self.setText("")
        self.hide()


def page_title(text: str) -> QLabel:
    """A page's large bold title."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def page_layout(widget: QWidget, title: str) -> tuple[QVBoxLayout, QLabel]:
    """The standard page frame: a title on top, content below."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(16, 12, 16, 12)
    label = page_title(title)
    layout.addWidget(label)
    return layout, label


def html_escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped for a rich-text label."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
