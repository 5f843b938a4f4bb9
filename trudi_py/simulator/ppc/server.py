"""The PPC portal double: real HTTPS on loopback, one URL, Digest MD5 on every request.

TLS 1.2, ECDHE-ECDSA suites, one curve (``PpcConfig.curve``: P-256 by default; P-384 and
brainpoolP256r1/384r1/512r1 as TRuDI lists them) with an ECDSA certificate on the same curve
whose CN is the gateway id. Python 3.11's ssl sets one curve per context, so a server
offering several at once would need ``set_groups`` (3.13) or an OPENSSL_CONF.
"""

from __future__ import annotations

import logging
import secrets
import ssl
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from trudi_py.simulator.digest import DigestVerifier
from trudi_py.simulator.loadshape import BERLIN
from trudi_py.simulator.pki import sha256_hex
from trudi_py.simulator.ppc import export
from trudi_py.simulator.ppc.config import PpcConfig, PpcUser
from trudi_py.simulator.ppc.data import (
    SW_VERSIONS,
    TARIFFS,
    PpcLogRow,
    PpcRow,
    build_log,
    build_rows,
)
from trudi_py.simulator.ppc.handler import Binary, PpcHandler, RequestLog
from trudi_py.simulator.ppc.pages import Html
from trudi_py.simulator.ppc.registers import register_rows
from trudi_py.simulator.server import make_server_context

log = logging.getLogger(__name__)

_CURVES: dict[str, ec.EllipticCurve] = {
    "prime256v1": ec.SECP256R1(), "secp384r1": ec.SECP384R1(),
    "brainpoolP256r1": ec.BrainpoolP256R1(), "brainpoolP384r1": ec.BrainpoolP384R1(),
    "brainpoolP512r1": ec.BrainpoolP512R1()}
REALM = "SMGW-HAN"  # GUESS (PPC_HAN.md §2)


class _Md5Digest(DigestVerifier):
    """The CONEXA simulator's verifier, announcing MD5 as the PPC portal does."""

    def challenge(self, stale: bool = False) -> str:
        return super().challenge(stale).replace("algorithm=SHA-256", "algorithm=MD5")


def make_identity(smgw_id: str, curve: str = "prime256v1") -> tuple[bytes, bytes]:
    """A self-signed ECDSA certificate on ``curve``, CN = gateway id, and its key (PEM)."""
    key = ec.generate_private_key(_CURVES[curve])
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, smgw_id)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .sign(key, hashes.SHA384() if key.curve.key_size > 256 else hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


@dataclass
class Session:
    """The one active portal session: cookie, tkn, user and the ids valid in it."""
    cookie: str
    tkn: str
    user: PpcUser
    last_seen: float
    dropdown: dict[str, str] = field(default_factory=dict)  # dropdown mid → obis group label
    fresh: dict[str, str] = field(default_factory=dict)  # fresh mid → label
    tids: dict[str, str] = field(default_factory=dict)  # tid → tariff profile name
    ttids: dict[str, tuple[str, str]] = field(default_factory=dict)  # ttid → period bounds


class PpcSimulator:
    """A running PPC portal (context manager). ``requests`` lists every request seen."""

    def __init__(self, config: PpcConfig | None = None) -> None:
        self.config = config or PpcConfig()
        cfg = self.config
        if cfg.curve not in _CURVES:
            raise ValueError(f"unknown curve {cfg.curve!r}; known: {', '.join(_CURVES)}")
        cert_pem, key_pem = make_identity(cfg.smgw_id, cfg.curve)
        self.cert_der = x509.load_pem_x509_certificate(cert_pem).public_bytes(
            serialization.Encoding.DER)
        self.fingerprint = sha256_hex(self.cert_der)
        self._ctx = make_server_context(cert_pem, key_pem)
        self._ctx.set_ecdh_curve(cfg.curve)
        self.rows = build_rows(cfg.start, cfg.end, cfg.seed)
        self.log = build_log(cfg.start, cfg.end, cfg.seed, cfg.meter_id)
        self.digest = _Md5Digest(REALM)
        self.signer_cert, self._signer_key = export.make_signer(cfg.smgw_id)
        self.exports: list[bytes] = []  # every CMS container sent, byte-exact
        self.requests: list[RequestLog] = []
        self.session: Session | None = None
        self.failures = 0
        self.self_tests = 0
        self.locked_until = 0.0
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> PpcSimulator:
        """Serve on a background thread; returns self."""
        sim = self

        class _Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def get_request(self) -> tuple[Any, Any]:
                raw, addr = self.socket.accept()
                return sim._ctx.wrap_socket(raw, server_side=True,
                                            do_handshake_on_connect=False), addr

            def handle_error(self, request: Any, client_address: Any) -> None:
                # a client offering curves the portal does not speak (the vendor probe's
                # CONEXA profile) or hanging up: one log line, not a traceback on stderr
                exc = sys.exc_info()[1]
                if isinstance(exc, (ConnectionError, TimeoutError, ssl.SSLError)):
                    log.info("connection from %s ended: %s", client_address[0], exc)
                else:
                    log.exception("unexpected error on a connection from %s",
                                  client_address[0])

        self._server = _Server((self.config.host, self.config.port), PpcHandler)
        self._server.sim = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True, name="trudi-ppc-sim").start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> PpcSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port."""
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """``https://127.0.0.1:PORT``."""
        return f"https://127.0.0.1:{self.port}"

    def count(self, action: str) -> int:
        """How many requests of ``action`` were seen."""
        return sum(1 for r in self.requests if r.action == action)

    @property
    def login_attempts(self) -> int:
        """Logins that carried credentials (the unauthenticated challenge fetch excluded)."""
        return sum(1 for r in self.requests if r.action == "login" and r.had_auth)

    # ------------------------------------------------------------------ behaviour

    def html(self) -> Html:
        """The page builder for this firmware, footer with the portal's clock."""
        now = datetime.fromtimestamp(self.config.clock(), UTC).astimezone(BERLIN)
        return Html(self.config.variant.quoting, self.config.firmware,
                    f"{self.config.smgw_id} (Letzte Synchronisation: "
                    f"{now:%Y-%m-%d %H:%M:%S})")

    def lock_page(self, now: float) -> bytes:
        """The lock page with the remaining minutes and seconds."""
        left = int(self.locked_until - now + 0.999)
        minutes, seconds = divmod(left, 60)
        return self.html().message(
            f"Fehler: Das Portal ist für {minutes} Minuten und {seconds} Sekunden gesperrt.")

    def user(self, name: str) -> PpcUser | None:
        """The configured user of that name."""
        return next((u for u in self.config.users if u.name == name), None)

    def login(self, user: PpcUser, now: float) -> tuple[bytes, str | None]:
        """A verified login; returns the page and the cookie to set (None = refused)."""
        active = self.session
        if active is not None and now - active.last_seen < self.config.session_timeout_s \
                and self.config.variant.second_login == "refuse":
            return self.html().message(
                "Fehler: Es ist bereits eine Sitzung aktiv. Bitte melden Sie sich ab."), None
        self.session = Session(secrets.token_hex(16), secrets.token_hex(8), user, now)
        cookie = self.session.cookie if self.config.variant.session_cookie == "set" else None
        return self.html().welcome(self.session.tkn, user.name), cookie

    def post(self, form: dict[str, str], cookie: str | None, now: float) -> bytes | Binary:
        """One form action of a verified request: the page (or a binary export) to send."""
        html = self.html()
        s = self.session
        stateless = self.config.variant.session_cookie == "none"
        if s is None or (cookie != s.cookie and not stateless) or \
                now - s.last_seen > self.config.session_timeout_s:
            return html.message("Fehler: Sitzung abgelaufen")
        tkn = form.get("tkn")
        if (tkn is None and self.config.variant.missing_tkn == "refuse") or \
                (tkn is not None and tkn != s.tkn):
            return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
        s.last_seen = now
        action = form.get("action", "")
        if action == "logout":
            self.session = None
            return html.message("Sie wurden abgemeldet.")
        if action == "meterform":
            s.dropdown = {secrets.token_hex(6): ",".join(s.user.obis)}
            return html.meterform(s.tkn, [(mid, f"01005e318002.{self.config.meter_id}.sm")
                                          for mid in s.dropdown])
        if action == "showMeterValuesForm":
            label = s.dropdown.get(form.get("mid", ""))
            if label is None:
                return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
            fresh = secrets.token_hex(6)
            s.fresh[fresh] = label
            return html.values_form(s.tkn, fresh)
        if action == "showMeterValues":
            return self.values(html, s, form)
        if action == "showMeterProfile":
            return self.meter_profile(html, s, form, now)
        if action == "selftest":  # the gateway reboots: the session ends (downtime GUESS)
            self.session = None
            self.self_tests += 1
            return html.message("Der Selbsttest wurde gestartet. Das Gateway startet neu.")
        if action == "exportMeterValues":
            return self.export_values(html, s, form)
        if action in ("exportLogData", "exportTariffProfile", "exportCommProfile"):
            return self.other_export(html, s, action, form)
        if action == "tariffform":
            s.tids = {secrets.token_hex(6): name for name in TARIFFS}  # rotates per call
            return html.tariffform(s.tkn, [(tid, name) for tid, name in s.tids.items()])
        if action in ("showTariffProfile", "showTarification"):
            name = s.tids.get(form.get("tid", ""))
            if name is None:
                return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
            if action == "showTariffProfile":
                return html.label_table(s.tkn, [("Profilname", name), *TARIFFS[name]])
            periods = self.billing_periods(now)
            ttids = [secrets.token_hex(6) if end else None for _, end, _ in periods]
            s.ttids.update({t: (b, e) for t, (b, e, _) in zip(ttids, periods, strict=True)
                            if t})
            return html.tarification(s.tkn, periods, ttids)
        if action == "showTarificationRegister":
            bounds = s.ttids.get(form.get("ttid", ""))
            if bounds is None:
                return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
            return html.tafregister(s.tkn, register_rows(
                self.rows, s.user.obis, bounds, self.config.register_offset))
        if action == "swversions":
            return html.swversions(s.tkn, SW_VERSIONS)
        if action == "logform":  # GUESS: the log action names are not evidenced
            return html.log_form(s.tkn)
        if action == "showLogData":
            return self.log_page(html, s, form)
        return html.message(f"Fehler: Unbekannte Aktion {action!r}", s.tkn)

    def _query(self, html: Html, s: Session, form: dict[str, str]
               ) -> tuple[str, list[PpcRow]] | bytes:
        """The mid and rows a values query asks for (rows newest first), or an error page."""
        mid = form.get("mid", "")
        label = s.fresh.get(mid)
        if label is None and self.config.variant.dropdown_mid == "accept":
            label = s.dropdown.get(mid)
        if label is None:
            return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
        start, end = form.get("from", ""), form.get("to", "")
        try:
            for text in (start, end):
                datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return html.message("Fehler: Ungültige Zeitangabe 'von (Datum)'", s.tkn)
        if start < "2000-01-01":
            return html.message("Fehler: Ungültige Zeitangabe 'von (Datum)'", s.tkn)
        rows: list[PpcRow] = [r for obis in label.split(",") for r in self.rows.get(obis, [])
                              if start <= r.local_text <= end]
        rows.sort(key=lambda r: r.target, reverse=True)  # newest first
        return mid, rows

    def meter_profile(self, html: Html, s: Session, form: dict[str, str], now: float) -> bytes:
        """The current register values of the dropdown meter: the newest row per OBIS."""
        label = s.dropdown.get(form.get("mid", ""))
        if label is None:
            return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
        latest = []
        for obis in label.split(","):
            rows = [r for r in self.rows.get(obis, []) if r.target.timestamp() <= now]
            if rows:
                latest.append(max(rows, key=lambda r: r.target))
        latest.sort(key=lambda r: r.target, reverse=True)
        return html.values(s.tkn, latest, None)

    def export_values(self, html: Html, s: Session, form: dict[str, str]) -> bytes | Binary:
        """exportMeterValues: a CMS container of the asked values (empty body without data)."""
        query = self._query(html, s, form)
        if isinstance(query, bytes):
            return query
        _, rows = query
        if self.config.export_delay_s > 0:
            time.sleep(self.config.export_delay_s)
        if not rows:  # GUESS: a range without data gives an empty body or an error
            if self.config.empty_export == "error":
                return html.message("Fehler: Keine Daten im angegebenen Zeitraum.", s.tkn)
            return b""
        by_obis: dict[str, list[PpcRow]] = {}
        for row in reversed(rows):
            by_obis.setdefault(row.obis, []).append(row)
        body = export.sign(export.values_xml(by_obis, self.config.meter_id), self.signer_cert,
                           self._signer_key)
        self.exports.append(body)
        name = (f"Zählerstände-{form.get('from', '')[:10]} bis_{form.get('to', '')[:10]}_"
                f"{self.config.meter_id}.sm_data.xml.cms")
        return Binary(body, name)

    def other_export(self, html: Html, s: Session, action: str, form: dict[str, str]
                     ) -> bytes | Binary:
        """exportLogData (at most ``max_rows`` entries), exportTariffProfile, exportCommProfile
        as signed containers; ``config.exports`` leaves any of them out (an error page)."""
        if action not in self.config.exports:
            return html.message(f"Fehler: Unbekannte Aktion {action!r}", s.tkn)
        if action == "exportLogData":
            start, end = form.get("from", ""), form.get("to", "")
            rows = [r for r in self.log if start <= r.local_text <= end]
            if len(rows) > self.config.max_rows:
                return self._too_many(html, s, len(rows))
            xml = export.log_xml(rows, self.config.smgw_id)
            name = f"Logbuch-{start[:10]}_{end[:10]}.xml.cms"
        elif action == "exportTariffProfile":
            profile = s.tids.get(form.get("tid", ""))
            if profile is None:
                return html.message("Fehler: Unerlaubter Zugriff.", s.tkn)
            xml = export.profile_xml(profile, TARIFFS[profile], self.config.smgw_id)
            name = f"Tarifprofil-{profile}.xml.cms"
        else:
            xml = export.profile_xml("comm", [("Profilname", "HAN")], self.config.smgw_id)
            name = "Kommunikationsprofil.xml.cms"
        body = export.sign(xml, self.signer_cert, self._signer_key)
        self.exports.append(body)
        return Binary(body, name)

    def values(self, html: Html, s: Session, form: dict[str, str]) -> bytes:
        """showMeterValues: one page of the asked window, or the row-limit refusal."""
        query = self._query(html, s, form)
        if isinstance(query, bytes):
            return query
        mid, rows = query
        start, end = form.get("from", ""), form.get("to", "")
        try:
            page = int(form.get("page", "1") or "1")
        except ValueError:
            return html.message("Fehler: Ungültige Seite", s.tkn)
        if len(rows) > self.config.max_rows:
            return self._too_many(html, s, len(rows))
        size = self.config.page_size
        chunk = rows[(page - 1) * size: page * size]
        more = page * size < len(rows)
        nxt = {"mid": mid, "from": start, "to": end, "page": str(page + 1)} if more else None
        return html.values(s.tkn, chunk, nxt)


    def _too_many(self, html: Html, s: Session, count: int) -> bytes:
        """The portal's answer to a query over its row limit ("…00 erlaubt")."""
        return html.message(
            f"Fehler: Die Abfrage ergibt {count} Einträge, maximal "
            f"{self.config.max_rows} erlaubt. Schränken Sie die Abfrageparameter ein.", s.tkn)

    def billing_periods(self, now: float) -> list[tuple[str, str, str]]:
        """Monthly periods (local month starts) from two months before the data start up
        to the running one, newest first; the running one has no end."""
        first = self.config.start.astimezone(BERLIN)
        month = first.year * 12 + first.month - 1 - 2
        today = datetime.fromtimestamp(now, UTC).astimezone(BERLIN)
        out: list[tuple[str, str, str]] = []
        while month <= today.year * 12 + today.month - 1 and len(out) < 240:
            begin = datetime(month // 12, month % 12 + 1, 1)
            nxt = datetime((month + 1) // 12, (month + 1) % 12 + 1, 1)
            running = nxt > today.replace(tzinfo=None)
            out.append((f"{begin:%Y-%m-%d %H:%M:%S}", "" if running else f"{nxt:%Y-%m-%d %H:%M:%S}",
                        "laufend" if running else "abgeschlossen"))
            month += 1
        return out[::-1]

    def log_page(self, html: Html, s: Session, form: dict[str, str]) -> bytes:
        """showLogData: one page of logbook rows, or the row-limit refusal."""
        start, end = form.get("from", ""), form.get("to", "")
        try:
            for text in (start, end):
                datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
            page = int(form.get("page", "1") or "1")
        except ValueError:
            return html.message("Fehler: Ungültige Zeitangabe 'von (Datum)'", s.tkn)
        rows: list[PpcLogRow] = sorted((r for r in self.log if start <= r.local_text <= end),
                                       key=lambda r: r.time, reverse=True)
        if len(rows) > self.config.max_rows:
            return self._too_many(html, s, len(rows))
        size = self.config.page_size
        more = page * size < len(rows)
        nxt = {"from": start, "to": end, "page": str(page + 1)} if more else None
        return html.log(s.tkn, rows[(page - 1) * size: page * size], nxt)
