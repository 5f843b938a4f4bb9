"""Connect page: address, login (certificate or user name), advanced TLS options, recents."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from trudi_py.errors import TrudiError, UsageError
from trudi_py.gateway import Vendor
from trudi_py.gui import i18n, prefs
from trudi_py.gui.pages.connect_advice import netcheck_advice
from trudi_py.gui.pages.connect_lock import LoginLock
from trudi_py.gui.widgets import Banner, html_escape, page_layout
from trudi_py.i18n import msg
from trudi_py.m2m import ConnectionSettings, normalise_url, secrets_store
from trudi_py.m2m.netcheck import NetCheck

DEFAULT_HOST = "192.200.1.100"


class ConnectPage(QWidget):
    """Collects the connection settings; ``connect_requested`` carries them."""

    connect_requested = Signal(object)  # ConnectionSettings
    open_archive_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectPage")
        layout, _ = page_layout(self, self.tr("Connect to the gateway"))
        hint = QLabel(self.tr(
            "Connect this PC with a network cable to the HAN port of your Smart Meter Gateway. "
            "Address and login data come from your meter operator."))
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.recent = QComboBox()
        self.recent.setAccessibleName(self.tr("Recently used gateways"))
        self.recent.activated.connect(self._recent_chosen)
        recent_row = QHBoxLayout()
        recent_row.addWidget(self.recent, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Recently used:"), self.recent)
        self.recent_label = form.labelForField(self.recent)

        self.host = QLineEdit(DEFAULT_HOST)
        self.host.setPlaceholderText(DEFAULT_HOST)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(443)
        address = QHBoxLayout()
        address.addWidget(self.host, 1)
        address.addWidget(QLabel(self.tr("Port:")))
        address.addWidget(self.port)
        form.addRow(self.tr("&Address (IP or host name):"), address)
        layout.addLayout(form)
        self._buddy(form, address, self.host)

        login_box = QGroupBox(self.tr("Login"))
        login_layout = QFormLayout(login_box)
        self.by_cert = QRadioButton(self.tr("With &certificate file (.p12)"))
        self.by_user = QRadioButton(self.tr("With &user name and password"))
        self.by_cert.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_cert)
        group.addButton(self.by_user)
        kinds = QHBoxLayout()
        kinds.addWidget(self.by_cert)
        kinds.addWidget(self.by_user)
        kinds.addStretch(1)
        login_layout.addRow(kinds)
        self.login_stack = QStackedWidget()
        cert_page, user_page = QWidget(), QWidget()
        cert_form, user_form = QFormLayout(cert_page), QFormLayout(user_page)
        cert_form.setContentsMargins(0, 0, 0, 0)
        user_form.setContentsMargins(0, 0, 0, 0)
        self.p12_path = QLineEdit()
        self.p12_path.setPlaceholderText(self.tr("e.g. consumer.p12"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse_p12)
        row = QHBoxLayout()
        row.addWidget(self.p12_path, 1)
        row.addWidget(browse)
        cert_form.addRow(self.tr("Certificate &file:"), row)
        self._buddy(cert_form, row, self.p12_path)
        self.p12_password = QLineEdit()
        self.p12_password.setEchoMode(QLineEdit.EchoMode.Password)
        cert_form.addRow(self.tr("Certificate pass&word:"), self.p12_password)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        user_form.addRow(self.tr("User &name:"), self.user)
        user_form.addRow(self.tr("Pass&word:"), self.password)
        self.save_password = QCheckBox(self.tr("Save the password in the &keyring"))
        user_form.addRow(self.save_password)
        self.second_user = QCheckBox(self.tr("A second user for the other direction "
                                             "(some PPC gateways: one user for consumption, "
                                             "one for feed-in)"))
        self.second_user.setObjectName("secondUser")
        user_form.addRow(self.second_user)
        self.user2 = QLineEdit()
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        user_form.addRow(self.tr("Second user n&ame:"), self.user2)
        user_form.addRow(self.tr("Second pa&ssword:"), self.password2)
        for field in (self.user2, self.password2):  # one label column with the first user
            user_form.setRowVisible(field, False)
            self.second_user.toggled.connect(
                lambda on, f=field: user_form.setRowVisible(f, on))
        self.update_keyring_state()
        self.login_stack.addWidget(cert_page)
        self.login_stack.addWidget(user_page)
        login_layout.addRow(self.login_stack)
        self.by_user.toggled.connect(lambda on: self.login_stack.setCurrentIndex(int(on)))
        layout.addWidget(login_box)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("&Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        layout.addWidget(self.advanced_toggle)
        self.advanced = QGroupBox()
        adv = QFormLayout(self.advanced)
        self.curves = QLineEdit("secp384r1")
        self.curves.setToolTip(self.tr("Comma-separated TLS key exchange groups. The CONEXA "
                                       "uses secp384r1; other gateways may need Brainpool "
                                       "curves (e.g. brainpoolP384r1)."))
        adv.addRow(self.tr("TLS &groups:"), self.curves)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(5, 600)
        self.timeout.setValue(60)
        self.timeout.setSuffix(" s")
        adv.addRow(self.tr("&Timeout per request:"), self.timeout)
        self.vendor = QComboBox()
        self.vendor.setObjectName("vendorChoice")
        self.vendor.addItem(self.tr("Recognise automatically"), None)
        self.vendor.addItem(self.tr("Theben CONEXA"), "theben")
        self.vendor.addItem(self.tr("PPC"), "ppc")
        self.vendor.setToolTip(self.tr("Usually recognised from the gateway's certificate. "
                                       "Choose the maker only if trudi_py asks for it."))
        adv.addRow(self.tr("Gateway &maker:"), self.vendor)
        self.advanced.hide()
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        layout.addWidget(self.advanced)

        buttons = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.setDefault(True)
        self.connect_button.setAutoDefault(True)
        self.connect_button.clicked.connect(self._request_connect)
        self.archive_button = QPushButton(self.tr("Open a&rchive…"))
        self.archive_button.setToolTip(self.tr("Look at a saved archive without a gateway"))
        self.archive_button.clicked.connect(self.open_archive_requested)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMinimumWidth(160)
        self.progress.hide()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        layout.addLayout(buttons)
        self.banner = Banner()
        self.banner.setObjectName("connectBanner")
        layout.addWidget(self.banner)
        layout.addStretch(1)
        for edit in (self.host, self.p12_path, self.p12_password, self.user, self.password,
                     self.user2, self.password2):
            edit.returnPressed.connect(self._request_connect)
        self._busy = False
        self.lock = LoginLock(self.connect_button, self.banner, self._form_url,
                              lambda: self._busy)
        self.host.textChanged.connect(lambda _t: self.lock.update())
        self.port.valueChanged.connect(lambda _v: self.lock.update())
        self._recents: list[prefs.RecentGateway] = []
        self.reload_recent()
        if self._recents:  # the gateway shown is the one "Connect" uses
            self.apply_recent(self._recents[0])

    @staticmethod
    def _buddy(form: QFormLayout, field: QWidget | QLayout, widget: QWidget) -> None:
        label = form.labelForField(field)
        if isinstance(label, QLabel):
            label.setBuddy(widget)

    # -- recents ----------------------------------------------------------------------------
    def reload_recent(self) -> None:
        """Fill the list of recently used gateways from the preferences."""
        self._recents = prefs.load_recent()
        self.recent.clear()
        for entry in self._recents:
            self.recent.addItem(entry.label)
        visible = bool(self._recents)
        self.recent.setVisible(visible)
        if self.recent_label is not None:
            self.recent_label.setVisible(visible)

    def _recent_chosen(self, index: int) -> None:
        if 0 <= index < len(self._recents):
            self.apply_recent(self._recents[index])

    def apply_recent(self, entry: prefs.RecentGateway) -> None:
        """Put a recent gateway's address, login kind, user and certificate file into the form."""
        parts = urlsplit(entry.url)
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or 443)
        self.by_user.setChecked(entry.login == "digest")
        self.by_cert.setChecked(entry.login != "digest")
        self.user.setText(entry.user)
        self.second_user.setChecked(entry.login == "digest" and bool(entry.user2))
        self.user2.setText(entry.user2 if entry.login == "digest" else "")
        self.password2.clear()
        self.p12_path.setText(entry.p12_path)
        self.curves.setText(entry.curves)
        self.timeout.setValue(entry.timeout_s)
        stored = secrets_store.load(entry.url, entry.user) \
            if entry.login == "digest" and self.save_password.isEnabled() else None
        if stored is not None:
            self.password.setText(stored)
        stored2 = secrets_store.load(entry.url, entry.user2) \
            if stored is not None and self.user2.text() else None
        if stored2 is not None:
            self.password2.setText(stored2)
        self.save_password.setChecked(stored is not None)
        (self.password if entry.login == "digest" else self.p12_password).setFocus()

    # -- form -------------------------------------------------------------------------------
    def prefill(self, url: str, *, user: str = "", password: str = "", p12_path: str = "",
                p12_password: str = "", use_cert: bool = True) -> None:
        """Fill the form (used by the demo)."""
        parts = urlsplit(normalise_url(url))
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or 443)
        self.user.setText(user)
        self.password.setText(password)
        self.p12_path.setText(p12_path)
        self.p12_password.setText(p12_password)
        self.by_cert.setChecked(use_cert)
        self.by_user.setChecked(not use_cert)

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on
                                          else Qt.ArrowType.RightArrow)

    def _browse_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the certificate file"), self.p12_path.text(),
            self.tr("Certificate files (*.p12 *.pfx);;All files (*)"))
        if path:
            self.p12_path.setText(path)
            self.p12_password.setFocus()

    def settings_url(self) -> str:
        """The gateway address of the form as a normalised URL (UsageError if missing)."""
        host = self.host.text().strip()
        if not host:
            raise UsageError(msg("Please enter the gateway's address."))
        url = host if "://" in host else f"https://{host}:{self.port.value()}"
        if ":" in host and "://" not in host and not host.startswith("["):
            url = f"https://[{host}]:{self.port.value()}"  # a bare IPv6 address
        return normalise_url(url)

    def settings(self) -> ConnectionSettings:
        """The settings from the form, or :class:`UsageError` naming what is missing."""
        url = self.settings_url()
        curves = tuple(c.strip() for c in self.curves.text().split(",") if c.strip())
        common: dict[str, Any] = dict(url=url, curves=curves or ("secp384r1",),
                                      timeout_s=float(self.timeout.value()))
        if self.by_user.isChecked():
            if not self.user.text().strip():
                raise UsageError(msg("Please enter the user name."))
            return ConnectionSettings(user=self.user.text().strip(),
                                      password=self.password.text(), **common)
        path = self.p12_path.text().strip()
        if not path:
            raise UsageError(msg("Please choose the certificate file (.p12)."))
        if not Path(path).is_file():
            raise UsageError(msg("The certificate file {path} does not exist.", path=path))
        return ConnectionSettings(p12_path=Path(path), p12_password=self.p12_password.text(),
                                  **common)

    # -- keyring ----------------------------------------------------------------------------
    def update_keyring_state(self) -> None:
        """Enable the keyring option only when the system has a usable keyring (off by
        default; without one: disabled with a tooltip, never an error)."""
        usable = secrets_store.available()
        self.save_password.setEnabled(usable)
        if not usable:
            self.save_password.setChecked(False)
        self.save_password.setToolTip(
            self.tr("Store the password in the operating system's keyring for this gateway "
                    "and user name; it is filled in when you choose the gateway again.")
            if usable else
            self.tr("No keyring is available on this computer (on Linux: a running Secret "
                    "Service such as GNOME Keyring or KWallet, and the 'keyring' package)."))

    def remember_password(self, settings: ConnectionSettings) -> str:
        """After a successful Digest login: save the password in the keyring if the box is
        ticked (both users when a second is given), remove saved ones if not. Returns an
        error text, or "" if all went well."""
        if not settings.user or not self.save_password.isEnabled():
            return ""
        try:
            second = self.second_login()
            logins = [(settings.user, settings.password or ""), *([second] if second else [])]
            for user, password in logins:
                if self.save_password.isChecked():
                    secrets_store.save(settings.base_url, user, password)
                else:
                    secrets_store.forget(settings.base_url, user)
        except TrudiError as exc:
            return i18n.error_text(exc)
        return ""

    def recent_entry(self, settings: ConnectionSettings) -> prefs.RecentGateway:
        """What is remembered after a successful connection (never a password); the second
        HAN user's name too."""
        second = self.second_login() if settings.user else None
        return prefs.RecentGateway(
            url=settings.base_url, login="digest" if settings.user else "p12",
            user=settings.user or "", user2=second[0] if second else "",
            p12_path=str(settings.p12_path or ""),
            curves=",".join(settings.curves), timeout_s=settings.timeout_s)

    def _request_connect(self) -> None:
        if self.lock_remaining_s() > 0:  # Enter in a field while the button is off
            self.lock.update()
            return
        try:
            settings = self.settings()
        except TrudiError as exc:
            self.show_error(i18n.error_text(exc))
            return
        self.banner.clear_message()
        self.connect_requested.emit(settings)

    def second_login(self) -> tuple[str, str] | None:
        """The second HAN user (name, password) if the box is ticked and a name is given."""
        if not (self.by_user.isChecked() and self.second_user.isChecked()):
            return None
        name = self.user2.text().strip()
        return (name, self.password2.text()) if name else None

    def chosen_vendor(self) -> Vendor | None:
        """The maker chosen under "Advanced settings"; None = recognise automatically."""
        data = self.vendor.currentData()
        return "ppc" if data == "ppc" else "theben" if data == "theben" else None

    def ask_for_vendor(self) -> None:
        """Neither certificate nor address told the maker: open the choice and say why."""
        self.advanced_toggle.setChecked(True)
        self.vendor.setFocus()
        self.banner.show_message("warning", html_escape(self.tr(
            "trudi_py could not recognise which kind of gateway answers at this address. "
            "Choose the gateway's maker under \"Advanced settings\" (it is printed on the "
            "gateway) and connect again.")))

    def show_refused(self, text: str, refused: int, vendor: str) -> None:
        """A refused login (``refused`` in a row), explained for the vendor."""
        self.lock.refused(text, refused, vendor)

    def show_locked(self, until: float, url: str) -> None:
        """The gateway says its portal is locked: show the remaining time, keep the connect
        button off until then (monotonic ``until``), and say when to try again."""
        self.lock.start(until, url)

    def lock_remaining_s(self) -> float:
        """Seconds until the gateway of the form accepts a login again (0: not locked)."""
        return self.lock.remaining_s()

    def _form_url(self) -> str:
        try:
            return self.settings_url()
        except TrudiError:
            return ""

    def set_busy(self, busy: bool) -> None:
        """Disable the form while connecting (and while the gateway's lock lasts)."""
        self._busy = busy
        self.connect_button.setEnabled(not busy and self.lock_remaining_s() <= 0)
        self.progress.setVisible(busy)
        if busy:
            self.banner.show_message("info", html_escape(self.tr("Connecting…")))

    def show_error(self, text: str, check: NetCheck | None = None) -> None:
        """Show why connecting failed, with the network check's findings if any."""
        html = f"<b>{html_escape(text)}</b>"
        advice = self.netcheck_advice(check) if check is not None else ""
        if advice:
            html += "<br><br>" + advice
        self.banner.show_message("error", html)

    def netcheck_advice(self, check: NetCheck) -> str:
        """The network check in plain words (HTML), or "" when there is nothing to say."""
        return netcheck_advice(check)
