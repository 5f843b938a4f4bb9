"""Self-test: start one, count down the 600 s lock, show the result from the logbook."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from trudi_py.errors import SelfTestLocked
from trudi_py.gateway.source import ContractSource
from trudi_py.gui import i18n
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, duration_text, html_escape, local_time_text, page_layout
from trudi_py.m2m.selftest import LOCK_SECONDS, is_self_test, self_test_failed
from trudi_py.m2m.source import GatewaySource
from trudi_py.model import LogEntry
from trudi_py.model.source import DataSource


class SelfTestPage(QWidget):
    """One button, a countdown, the result."""

    result_shown = Signal(object)  # the LogEntry with the result
    #: a gateway that restarts for its self-test (PPC) was asked to: the connection ends
    gateway_restarting = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfTestPage")
        self.session = session
        #: first look into the logbook this long after the start, then every poll_interval_ms
        self.poll_delay_ms = 3000
        self.poll_interval_ms = 20000
        layout, _ = page_layout(self, self.tr("Self-test"))
        self.info = info = QLabel(self._conexa_text())
        info.setWordWrap(True)
        layout.addWidget(info)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("&Start self-test"))
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.bar = QProgressBar()
        self.bar.setRange(0, LOCK_SECONDS)
        self.bar.setTextVisible(True)  # the bar says what it counts down
        self.bar.setMinimumWidth(360)
        self.bar.setAccessibleName(self.tr("Self-test lock"))
        self.bar.hide()
        layout.addWidget(self.countdown)
        layout.addWidget(self.bar)
        self.status = Banner()
        self.status.setObjectName("selfTestStatus")
        layout.addWidget(self.status)
        self.result = Banner()
        self.result.setObjectName("selfTestResult")
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update_countdown)
        self.poll = QTimer(self)
        self.poll.setSingleShot(True)
        self.poll.timeout.connect(self._poll_logbook)
        self.deadline: float | None = None  # monotonic end of the lock
        self.since: datetime | None = None  # gateway time just before our start
        self._started_here: float | None = None
        self.result_entry: LogEntry | None = None
        session.source_changed.connect(self._source_changed)

    def _conexa_text(self) -> str:
        return self.tr(
            "The gateway tests itself at every start and then every 24 hours (firmware v3.87; "
            "older firmware every 4 hours). You can start an "
            "additional self-test here. Afterwards the self-test is locked for 10 minutes; "
            "the result is written to the logbook and shown below.")

    def _source_changed(self, _source: object) -> None:
        reboots = self.session.offers("self-test-reboots")
        self.info.setText(self.tr(
            "This gateway (PPC) restarts for its self-test: the connection ends, and the "
            "gateway's portal is away for a few minutes. Start it only when you need it - "
            "for example when the gateway no longer delivers values. Connect again "
            "afterwards; the logbook then shows the restart.") if reboots
            else self._conexa_text())
        self.start_button.setText(self.tr("&Start self-test (the gateway restarts)")
                                  if reboots else self.tr("&Start self-test"))
        self.poll.stop()
        self.since = None
        self.result.clear_message()
        self.status.clear_message()

    # -- starting ---------------------------------------------------------------------------
    def start(self) -> None:
        """Ask the gateway for a self-test and wait for its logbook entry."""
        if not self.session.is_gateway:
            return
        self.start_button.setEnabled(False)
        self.result.clear_message()
        self.status.show_message("info", html_escape(self.tr("Starting the self-test…")))
        since = self.session.gateway_now() - timedelta(seconds=5)
        self.session.run(lambda source, _p, _c: _self_test(source),
                         on_done=lambda _r: self._started(since), on_error=self._failed)

    def _started(self, since: datetime) -> None:
        if self.session.offers("self-test-reboots"):
            self.start_button.setEnabled(True)
            self.status.show_message("info", html_escape(self.tr(
                "Self-test started. The gateway restarts now; connect again in a few "
                "minutes.")))
            self.gateway_restarting.emit()
            return
        self._started_here = time.monotonic()
        self.since = since
        self.start_lock(LOCK_SECONDS)
        self.status.show_message("info", html_escape(self.tr(
            "Self-test started at {0}. Waiting for the result in the logbook…").format(
            local_time_text(self.session.gateway_now()))))
        self.poll.start(self.poll_delay_ms)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, SelfTestLocked):
            remaining = exc.remaining_s
            if remaining is None and self._started_here is not None:
                remaining = int(LOCK_SECONDS - (time.monotonic() - self._started_here))
            self.start_lock(remaining if remaining is not None else LOCK_SECONDS,
                            exact=remaining is not None)
            self.status.show_message("warning", html_escape(self.tr(
                "A self-test is running or was started less than 10 minutes ago. The gateway "
                "allows the next one when the countdown ends.")))
            return
        self.start_button.setEnabled(True)
        self.status.show_message("error", html_escape(i18n.error_text(exc)))

    # -- countdown --------------------------------------------------------------------------
    def start_lock(self, seconds: float, exact: bool = True) -> None:
        """Block the button for ``seconds`` (the gateway's lockout) with a countdown."""
        self.deadline = time.monotonic() + max(0.0, seconds)
        self._exact = exact
        self.start_button.setEnabled(False)
        self.bar.show()
        self.tick.start()
        self._update_countdown()

    def remaining_s(self) -> float:
        """Seconds left until the next self-test may be started."""
        return 0.0 if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def _update_countdown(self) -> None:
        left = self.remaining_s()
        if left <= 0:
            self.tick.stop()
            self.deadline = None
            self.bar.hide()
            self.countdown.show()
            self.countdown.setText(self.tr("A new self-test can be started."))
            self.start_button.setEnabled(self.session.is_gateway)
            return
        self.bar.setValue(int(LOCK_SECONDS - min(left, LOCK_SECONDS)))
        text = self.tr("Next self-test possible in {0}").format(duration_text(left))
        if not getattr(self, "_exact", True):
            text = self.tr("Next self-test possible in at most {0}").format(duration_text(left))
        self.countdown.setText(text)
        self.countdown.hide()  # the bar itself says it
        self.bar.setFormat(text)

    # -- result -----------------------------------------------------------------------------
    def _poll_logbook(self) -> None:
        since = self.since
        if since is None or not self.session.is_gateway:
            return
        self.session.run(lambda source, _p, _c: source.logbook(since, None),
                         on_done=self._look_for_result, on_error=self._poll_failed)

    def _look_for_result(self, entries: list[LogEntry]) -> None:
        found = [e for e in entries if is_self_test(e) and self.since and e.time >= self.since]
        if not found:
            if self.remaining_s() > 0:
                self.poll.start(self.poll_interval_ms)
            else:
                self.status.show_message("warning", html_escape(self.tr(
                    "No self-test result in the logbook yet. Look into the logbook later.")))
            return
        entry = max(found, key=lambda e: e.index)
        self.result_entry = entry
        self.status.clear_message()
        failed = self_test_failed(entry)
        self.result.show_message("error" if failed else "ok", "<b>{}</b><br>{}".format(
            html_escape(self.tr("Self-test failed") if failed else self.tr("Self-test passed")),
            html_escape(f"{local_time_text(entry.time)} — {entry.message}")))
        self.result.setToolTip(self.tr("Logbook entry {0}, event {1}").format(
            entry.index, entry.event_key))  # the code on demand, not in the sentence
        self.result_shown.emit(entry)

    def _poll_failed(self, exc: BaseException) -> None:
        self.status.show_message("warning", html_escape(i18n.error_text(exc)))
        if self.remaining_s() > 0:
            self.poll.start(self.poll_interval_ms)

    def shutdown(self) -> None:
        """Stop the timers when the window closes."""
        self.tick.stop()
        self.poll.stop()


def _self_test(source: DataSource) -> object:
    """Start the self-test (on the worker); only a live gateway can."""
    if not isinstance(source, GatewaySource | ContractSource):
        raise TypeError("a self-test needs a live gateway")
    return source.self_test()
