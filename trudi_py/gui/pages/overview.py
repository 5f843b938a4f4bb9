"""Overview: gateway id, firmware, time and drift, state word, operating states, certificates."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trudi_py.gui import i18n
from trudi_py.gui.certinfo import from_der, from_pem
from trudi_py.gui.format import state_name
from trudi_py.gui.session import Session, Snapshot
from trudi_py.gui.widgets import Banner, duration_text, html_escape, local_time_text, page_title
from trudi_py.m2m import grouped
from trudi_py.model import GatewayInfo

#: 3 % of the smallest registration period (15 min): beyond this the gateway goes into
#: Secure State Application (IF_GW_CON "Device behaviour").
DRIFT_LIMIT_S = 27.0



def flag_text(name: str) -> str:
    """A state-word flag in plain words."""
    texts = {
        "transparency": QCA.translate("Flags", "transparency bit set"),
        "fatal-error": QCA.translate("Flags", "fatal error in the gateway"),
        "system-time-invalid": QCA.translate("Flags", "system time invalid"),
        "ptb-warning": QCA.translate("Flags", "PTB warning"),
        "ptb-temporary-error-signed-invalid": QCA.translate(
            "Flags", "temporary error: signed values invalid"),
        "ptb-temporary-error-invalid": QCA.translate("Flags", "temporary error: values invalid"),
        "identification-missing": QCA.translate(
            "Flags", "identification pattern missing (state word not as specified)"),
        "unreadable": QCA.translate("Flags", "state word unreadable"),
    }
    return texts.get(name, name)


def operating_states() -> list[tuple[str, str, str]]:
    """(name, what happens, what the household should do) per operating state."""
    inform = QCA.translate(
        "States", "Inform your meter operator (Messstellenbetreiber); the gateway cannot be "
                  "repaired by you.")
    return [
        (QCA.translate("States", "Normal operation"),
         QCA.translate("States", "All functions available: values, logbook, self-test."),
         QCA.translate("States", "Nothing to do.")),
        (QCA.translate("States", "Secure State Boot"),
         QCA.translate("States", "Software corrupt, log storage full, bad update or unexpected "
                                 "version: the gateway offers no function at all (no "
                                 "connection possible)."),
         inform),
        (QCA.translate("States", "Secure State Application"),
         QCA.translate("States", "Reading storage full or clock drift over 3 % of the smallest "
                                 "registration period (older firmware also: no time "
                                 "synchronisation for 36 h): only administrative functions "
                                 "work, you get no values."),
         inform),
        (QCA.translate("States", "Secure State Measurement"),
         QCA.translate("States", "The gateway assumes its clock is invalid (firmware v3.87): "
                                 "readings recorded meanwhile are marked; the state ends when "
                                 "the clock is valid again."),
         inform),
        (QCA.translate("States", "Secure State Connectivity"),
         QCA.translate("States", "WAN and HAN are not separated: the HAN port is switched off (no "
                      "connection possible)."),
         inform + " " + QCA.translate("States", "Check that the HAN port is never connected to the "
                                     "internet or your home router.")),
        (QCA.translate("States", "Cyclic reboot"),
         QCA.translate("States", "The gateway restarts again and again; connections break off."),
         inform),
    ]


class OverviewPage(QWidget):
    """Everything about the gateway itself."""

    disconnect_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        head.addWidget(page_title(self.tr("Overview")), 1)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.disconnect_button = QPushButton(self.tr("&Disconnect"))
        self.disconnect_button.clicked.connect(self.disconnect_requested)
        head.addWidget(self.refresh_button)
        head.addWidget(self.disconnect_button)
        layout.addLayout(head)
        self.state_banner = Banner()
        self.state_banner.setObjectName("stateBanner")
        layout.addWidget(self.state_banner)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        gateway = QGroupBox(self.tr("Gateway"))
        form = QFormLayout(gateway)
        self.gateway_id, self.firmware, self.firmware_hash = QLabel(), QLabel(), QLabel()
        self.firmware_hash.setFont(mono)
        self.gateway_time, self.drift, self.state_word = QLabel(), QLabel(), QLabel()
        for label in (self.gateway_id, self.firmware, self.firmware_hash, self.gateway_time,
                      self.drift, self.state_word):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Gateway ID:"), self.gateway_id)
        form.addRow(self.tr("Firmware:"), self.firmware)
        form.addRow(self.tr("Firmware hash (SHA-256):"), self.firmware_hash)
        form.addRow(self.tr("Gateway time:"), self.gateway_time)
        form.addRow(self.tr("Difference to this PC:"), self.drift)
        form.addRow(self.tr("State word:"), self.state_word)
        layout.addWidget(gateway)

        # the operating states are help text: folded until asked for (or until the gateway
        # reports a problem) — unfolded, their 18 wrapped labels cost ~10 ms of every paint
        # and relayout of the page, e.g. when an archive opens
        self.states = QGroupBox()
        states_box = QVBoxLayout(self.states)
        self.states_toggle = QToolButton()
        self.states_toggle.setText(self.tr("Operating states and what to do"))
        self.states_toggle.setCheckable(True)
        self.states_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.states_toggle.setAutoRaise(True)
        self.states_toggle.toggled.connect(self._fold_states)
        states_box.addWidget(self.states_toggle)
        self.states_details = QWidget()
        # one plain label per cell: a rich-text <table> in one word-wrapped label cost ~9 ms
        # per height-for-width, ~100 ms per relayout of the page (every time the archive or
        # gateway data filled its labels); plain text wraps in ~0.05 ms
        grid = QGridLayout(self.states_details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        for row, (name, what, todo) in enumerate(operating_states()):
            cells = (QLabel(state_name(name)), QLabel(what), QLabel(todo))
            for column, cell in enumerate(cells):
                cell.setTextFormat(Qt.TextFormat.PlainText)
                cell.setWordWrap(True)
                cell.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                font = cell.font()
                font.setBold(column == 0)
                font.setItalic(column == 2)
                cell.setFont(font)
                grid.addWidget(cell, row, column)
        states_box.addWidget(self.states_details)
        self._fold_states(False)
        layout.addWidget(self.states)

        certs = QGroupBox(self.tr("Certificates"))
        cert_form = QFormLayout(certs)
        self.han_cert, self.wan_certs = QLabel(), QLabel()
        self.han_cert.setObjectName("hanCertificate")  # data: subjects as the gateway wrote
        self.wan_certs.setObjectName("wanCertificates")
        for label in (self.han_cert, self.wan_certs):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cert_form.addRow(self.tr("HAN (TLS):"), self.han_cert)
        cert_form.addRow(self.tr("WAN (signing):"), self.wan_certs)
        self.han_cert.setToolTip(self.tr("The certificate this PC checks at every connection "
                                         "(pinning, see Help and glossary)"))
        self.wan_certs.setToolTip(self.tr("The certificates the gateway signs with; index 0 is "
                                          "the seal certificate (Gütesiegel-Zertifikat)"))
        layout.addWidget(certs)
        layout.addStretch(1)
        session.source_changed.connect(self._source_changed)

    def _fold_states(self, unfolded: bool) -> None:
        """The toggle's state shown: the states' grid and the arrow."""
        self.states_details.setVisible(unfolded)
        self.states_toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded
                                        else Qt.ArrowType.RightArrow)

    # -- data -------------------------------------------------------------------------------
    def _source_changed(self, source: object) -> None:
        snapshot = self.session.snapshot
        is_gateway = self.session.is_gateway
        self.refresh_button.setVisible(is_gateway)
        self.disconnect_button.setText(
            self.tr("&Disconnect") if is_gateway else self.tr("&Close history")
            if self.session.state == "history" else self.tr("&Close archive"))
        if snapshot is not None:
            self.show_snapshot(snapshot)

    def refresh(self) -> None:
        """Read the gateway's state again."""
        if not self.session.is_gateway:
            return
        self.refresh_button.setEnabled(False)

        def work(source, _p, _c) -> tuple[GatewayInfo, datetime]:
            info = source.gateway_info(refresh=True)
            return info, datetime.now(UTC)

        def done(result: tuple[GatewayInfo, datetime]) -> None:
            self.refresh_button.setEnabled(True)
            old = self.session.snapshot
            if old is not None:
                snap = Snapshot(result[0], old.usage_points, result[1], old.elapsed_s,
                                old.components)
                self.session.snapshot = snap
                self.show_snapshot(snap)

        def failed(exc: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.state_banner.show_message("error", html_escape(i18n.error_text(exc)))

        self.session.run(work, on_done=done, on_error=failed)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Fill the page from what the gateway (or the archive) reported."""
        info = snapshot.info
        self.gateway_id.setText(f"<b>{html_escape(info.display_id or '—')}</b>")
        # a portal's footer version and its component list: the components say more
        components = snapshot.components[1:] or (info.firmware,)
        version = ", ".join(f"{c.component} {c.version}".strip() for c in components)
        if info.version:
            version += "  " + self.tr("(interface {0})").format(info.version)
        self.firmware.setText(html_escape(version))
        self.firmware_hash.setText(info.firmware.hash or "—")
        self.states.setVisible(self.session.offers("state-word"))
        if not self.session.offers("clock"):
            self._show_portal(info)
            return
        self.gateway_time.setText(local_time_text(info.time) + " " + self.tr("(Berlin time)"))
        archive = self.session.state in ("archive", "history")
        drift = (info.time - snapshot.received_at).total_seconds()
        if self.session.state == "history":
            self.drift.setText(self.tr("not applicable (local history)"))
        elif archive:
            self.drift.setText(self.tr("not applicable (archive)"))
        elif abs(drift) <= DRIFT_LIMIT_S:
            self.drift.setText(self.tr("{0} — fine").format(duration_text(drift)))
        else:
            self.drift.setText("<span style='color:#8a4b00'><b>{}</b></span> — {}".format(
                duration_text(drift), html_escape(self.tr(
                    "the clocks differ. Check this PC's clock first; if it is right, the "
                    "gateway's time is off (inform your meter operator)."))))
        flags = info.state_flags
        words = ", ".join(flag_text(f) for f in flags) if flags else self.tr("no flags set")
        sentence = (self.tr("The gateway reports: {0}.").format(words) if flags else
                    self.tr("The gateway reports no fault."))
        self.state_word.setText(f"{html_escape(sentence)} <span style='color:#666666'>("
                                f"<code>{html_escape(info.state or '—')}</code>)</span>")
        self.state_word.setToolTip(self.tr(
            "The state word is a short code in which the gateway reports faults; the code "
            "itself is shown in brackets."))
        serious = [f for f in flags if f in ("fatal-error", "system-time-invalid",
                                             "ptb-temporary-error-invalid",
                                             "ptb-temporary-error-signed-invalid")]
        if serious:  # what the states mean and what to do: shown with the problem
            self.states_toggle.setChecked(True)
        if self.session.state == "history":
            self.state_banner.show_message("info", html_escape(self.tr(
                "Local history opened: {0}. Gateway details as of the last sync; readings, "
                "logbook and the bill check cover everything ever fetched.").format(
                str(self.session.history_path or ""))))
        elif archive:
            self.state_banner.show_message("info", html_escape(self.tr(
                "Archive opened: {0}. These are the gateway's data as they were when the "
                "archive was made.").format(str(self.session.archive_path or ""))))
        elif serious:
            self.state_banner.show_message("warning", html_escape(self.tr(
                "The gateway reports a problem: {0}. Inform your meter operator.").format(
                ", ".join(flag_text(f) for f in serious))))
        else:
            self.state_banner.show_message("ok", html_escape(self.tr(
                "Normal operation: the gateway answers and reports no error.")))
        self._show_certificates(info)

    def _show_portal(self, info: GatewayInfo) -> None:
        """A gateway with a HAN portal (PPC): what it does not tell is said, not guessed."""
        self.firmware_hash.setText(self.tr("not shown by this gateway"))
        self.gateway_time.setText(self.tr("not shown by this gateway (the times in trudi_py "
                                          "are those of this PC)"))
        self.drift.setText(self.tr("cannot be checked (the gateway does not show its clock)"))
        self.state_word.setText(self.tr("not reported by this gateway: it shows its errors on "
                                        "the pages and in the logbook"))
        self.state_word.setToolTip("")
        state = self.session.state
        if state == "history":
            self.state_banner.show_message("info", html_escape(self.tr(
                "Local history opened: {0}.").format(str(self.session.history_path or ""))))
        elif state == "archive":
            self.state_banner.show_message("info", html_escape(self.tr(
                "Archive opened: {0}. These are the gateway's data as they were when the "
                "archive was made.").format(str(self.session.archive_path or ""))))
        else:
            self.state_banner.show_message("ok", html_escape(self.tr(
                "Connected: the gateway's portal answers. This gateway (PPC) shows meter "
                "values, contracts and its logbook; it tells neither its clock nor a state "
                "word.")))
        self._show_certificates(info)

    def _show_certificates(self, info: GatewayInfo) -> None:
        facts = from_pem(info.han_tls_pem)
        pin = None
        if self.session.settings is not None and self.session.is_gateway:
            pin = self.session.pin_store.get(self.session.settings.base_url)
        if facts is None:
            self.han_cert.setText(self.tr("not reported"))
        else:
            pinned = ""
            if pin is not None:
                pinned = self.tr("matches your pin") if pin.sha256 == facts.sha256 else \
                    self.tr("differs from the pinned TLS certificate")
            lines = [html_escape(facts.subject),
                     html_escape(self.tr("serial {0}, {1}").format(facts.serial_hex,
                                                                   facts.key_type)),
                     html_escape(self.tr("valid {0} to {1}").format(
                         local_time_text(facts.not_before, False) if facts.not_before else "?",
                         local_time_text(facts.not_after, False) if facts.not_after else "?")),
                     "<code>" + grouped(facts.sha256).replace("\n", "<br>") + "</code>"]
            if pinned:
                lines.append(html_escape(pinned))
            self.han_cert.setText("<br>".join(lines))
        wan_lines = []
        for wan in info.wan:
            sig = from_der(wan.sig_der)
            label = self.tr("Index {0} (seal)") if wan.cert_index == "0" else self.tr("Index {0}")
            text = label.format(wan.cert_index) + ": "
            if sig is None:
                text += self.tr("not readable")
            else:
                text += self.tr("{0}, valid to {1}").format(
                    sig.subject, local_time_text(sig.not_after, False) if sig.not_after else "?")
            wan_lines.append(html_escape(text))
        if not wan_lines and not self.session.offers("wan-certificates"):
            self.wan_certs.setText(self.tr("not shown by this gateway's portal (its signed "
                                           "exports carry their own signature)"))
            return
        self.wan_certs.setText("<br>".join(wan_lines) or self.tr("none reported"))
