"""The connect page's guard against lock-outs: a refused login explained, and while a
gateway's portal is locked after wrong logins, the connect button off with a countdown.

trudi_py never repeats a refused login; this only keeps the user from spending attempts
that the gateway would count against the lock (PPC: "Das Portal ist für 4 Minuten und 37
Sekunden gesperrt").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton

from trudi_py.gui.widgets import Banner, duration_text, html_escape, local_time_text


class LoginLock(QObject):
    """Keeps ``button`` off while the gateway at the form's address refuses logins."""

    def __init__(self, button: QPushButton, banner: Banner, form_url: Callable[[], str],
                 busy: Callable[[], bool]) -> None:
        """``form_url``: the address the form names now ("" if none); ``busy``: whether a
        connection attempt is running (the button stays off then too)."""
        super().__init__(button)
        self.button, self.banner = button, banner
        self._form_url, self._busy = form_url, busy
        self._until = 0.0  # monotonic end of the lock
        self._url = ""
        self._text = button.text()
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self.update)

    def refused(self, text: str, refused: int, vendor: str) -> None:
        """A refused login. On a PPC gateway, say that its portal locks after wrong logins
        and that trudi_py never repeats a refused login."""
        html = f"<b>{html_escape(text)}</b>"
        if vendor == "ppc":
            html += "<br><br>" + html_escape(self.tr(
                "Wrong logins so far: {0}. The PPC gateway locks its portal for about 5 "
                "minutes after a few wrong logins (often 3). Check user name and password "
                "before you try again - trudi_py never repeats a refused login by itself."
            ).format(refused))
        self.banner.show_message("error", html)

    def start(self, until: float, url: str) -> None:
        """The gateway at ``url`` is locked until the monotonic time ``until``."""
        self._until, self._url = until, url
        self.tick.start()
        self.update()

    def remaining_s(self) -> float:
        """Seconds until the gateway of the form accepts a login again (0: not locked)."""
        if not self._url or self._form_url() != self._url:
            return 0.0
        return max(0.0, self._until - time.monotonic())

    def update(self) -> None:
        """Button and message for the time left (called every second while locked)."""
        left = self.remaining_s()
        if left <= 0:
            if self._url and time.monotonic() >= self._until:
                self._until, self._url = 0.0, ""
                self.tick.stop()
                self.banner.show_message("info", html_escape(self.tr(
                    "The gateway's lock has ended: you can connect again.")))
            self.button.setText(self._text)
            self.button.setToolTip("")
            self.button.setEnabled(not self._busy())
            return
        when = local_time_text(datetime.now(UTC) + timedelta(seconds=left))
        self.button.setEnabled(False)
        self.button.setText(self.tr("Connect again from {0}").format(when[-8:]))
        self.button.setToolTip(self.tr(
            "The gateway refuses every login until {0}. Each attempt before then may extend "
            "the lock.").format(when))
        self.banner.show_message("error", "<b>{}</b><br><br>{}".format(
            html_escape(self.tr("The gateway's portal is locked after wrong logins.")),
            html_escape(self.tr(
                "Remaining: {0}. Try again from {1} (this PC's clock), with the right user "
                "name and password. trudi_py does not try by itself.").format(
                duration_text(left), when))))
