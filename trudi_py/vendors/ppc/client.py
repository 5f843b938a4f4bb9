"""The PPC portal session: one login per use, Digest on every request, always a logout.

``with PpcPortal(settings) as portal:`` logs in exactly once (one credentialed request; a
refused login raises and is never retried), and logs out on every exit path. TLS and the
certificate pin come from :mod:`trudi_py.m2m` unchanged; only the curve differs (P-256).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from trudi_py.errors import (
    AuthError,
    ConnectError,
    GatewayError,
    MalformedAnswer,
    SessionRefused,
    TrudiError,
    UsageError,
)
from trudi_py.i18n import msg
from trudi_py.m2m.errors_map import translate_transport_error
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.tls import (
    PPC_PROFILE,
    TlsProfile,
    build_context,
    curve_attempts,
    is_curve_refusal,
)
from trudi_py.m2m.transport import Deadline, PinCheck, make_client
from trudi_py.model.contracts import BillingPeriod
from trudi_py.model.gateway import FirmwareInfo
from trudi_py.model.logbook import LogEntry
from trudi_py.model.readings import ChannelReadings
from trudi_py.vendors.ppc import logbook, pages, tariffs
from trudi_py.vendors.ppc.exchange import PpcExchange, recorded_fields
from trudi_py.vendors.ppc.export import PpcExport, parse_export
from trudi_py.vendors.ppc.mapping import BERLIN, PpcValue, local_to_utc_latest, resolve, to_channels
from trudi_py.vendors.ppc.query import Meter, PpcReadings, filename_of, local_text, split_point
from trudi_py.vendors.ppc.tariffs import TariffOption, TariffRegister

log = logging.getLogger("trudi_py.vendors.ppc")
PATH = "/cgi-bin/hanservice.cgi"
PPC_CURVES: tuple[str, ...] = PPC_PROFILE.curves
MAX_PAGES = 1000  # per query: more is a portal that never ends
MIN_WINDOW = timedelta(minutes=15)
#: The exports make the gateway read the meter over the LMN: py-ppc-smgw waits 120 s.
EXPORT_TIMEOUT_S = 120.0


class PpcPortal:
    """A session with the PPC HAN portal (context manager)."""

    def __init__(self, settings: ConnectionSettings, *, curves: tuple[str, ...] | None = None,
                 profile: TlsProfile = PPC_PROFILE,
                 on_request: Callable[[str], None] | None = None,
                 on_exchange: Callable[[PpcExchange], None] | None = None,
                 first_seq: int = 1) -> None:
        """``curves`` overrides the profile's; ``on_request(action)`` runs before every form
        action (progress, and a cancel by raising); never before the logout.
        ``on_exchange`` receives every HTTP request with its answer byte-exact (the archive's
        ``raw/``), numbered from ``first_seq``; a handshake refused for its curve is none."""
        if not settings.user or settings.password is None:
            raise UsageError(msg("The PPC portal needs a user name and a password."))
        self.profile = profile
        # TLS curves are the vendor's: ``settings.curves`` holds the CONEXA's default.
        self._attempts = curve_attempts(curves or profile.curves)
        self.settings = dataclasses.replace(settings, curves=self._attempts[0])
        self.pin_check = PinCheck(settings.base_url, settings.pin)
        self._deadline = Deadline()
        self._http = self._client()
        self._auth = httpx.DigestAuth(settings.user, settings.password)  # fresh per session
        self._on_request = on_request
        self._curve_refused = False
        self._cookie: str | None = None
        self._tkn: str | None = None
        self._logged_in = False
        self._login_tried = False
        self.firmware = ""
        self.requests = 0  # form actions sent (login and logout excluded)
        self._on_exchange = on_exchange
        self.next_seq = first_seq  # the number of the next HTTP request

    def _client(self) -> httpx.Client:
        return make_client(build_context(self.settings, self.profile), self.pin_check,
                           self.settings.base_url, self.settings.timeout_s,
                           deadline=self._deadline)

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> PpcPortal:
        try:
            self.login()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def login(self) -> None:
        """One login attempt. A refusal raises (AuthError, LockedOut, SessionRefused) and is
        never retried here: a new attempt is a new user action with a new PpcPortal."""
        if self._login_tried:
            raise UsageError(msg("This PPC session has tried its login already."))
        self._login_tried = True
        response, text = self._first_contact()
        if response.status_code in (401, 403):
            raise AuthError(msg("The gateway refused the login (user name or password wrong)."))
        doc = self._page(response, text)
        self._cookie = response.cookies.get("session")
        self._tkn = pages.token(doc)
        self.firmware = pages.firmware(doc)
        if self._tkn is None:
            raise MalformedAnswer(msg("The welcome page holds no form token (tkn)."),
                                  field="tkn")
        if self._cookie is None:  # PR#142: some installations work without a cookie
            log.info("PPC login without a session cookie: continuing stateless")
        self._logged_in = True
        log.info("PPC login ok, firmware %s", self.firmware or "?")

    def _first_contact(self) -> tuple[httpx.Response, bytes]:
        """The login GET; a handshake refused for want of a common curve is tried again with
        the profile's next curve (Python < 3.13 offers one per handshake). A refused
        handshake sends no HTTP byte, so no login attempt is spent on it."""
        for i, curves in enumerate(self._attempts):
            if i:
                self._http.close()
                self.settings = dataclasses.replace(self.settings, curves=curves)
                self._http = self._client()
            try:
                return self._request("GET", None)
            except ConnectError:
                if not self._curve_refused or i == len(self._attempts) - 1:
                    raise
                log.info("PPC handshake with %s refused; trying %s", curves[0],
                         self._attempts[i + 1][0])
        raise AssertionError("unreachable: no curve to try")  # pragma: no cover

    def logout(self) -> None:
        """End the portal session (one request); a no-op when not logged in."""
        if not self._logged_in:
            return
        self._logged_in = False
        try:
            self._request("POST", {"tkn": self._tkn or "", "action": "logout"})
        finally:
            self._cookie = None

    def close(self) -> None:
        """Log out (if logged in) and close the connection; never raises a logout error."""
        try:
            self.logout()
        except TrudiError as exc:
            log.warning("PPC logout failed: %s", exc)
        finally:
            self._http.close()

    # ------------------------------------------------------------------ requests

    def _request(self, method: str, form: dict[str, str] | None,
                 timeout_s: float | None = None) -> tuple[httpx.Response, bytes]:
        headers = {"Accept": "text/html"}
        if self._cookie:
            headers["Cookie"] = f"session={self._cookie}"
        self._http.cookies.clear()  # never send a leftover cookie from the jar
        limit = self.settings.max_answer_bytes
        seconds = timeout_s or self.settings.timeout_s
        self._deadline.start(seconds)
        self._curve_refused = False
        started = time.monotonic()
        body = bytearray()
        try:
            with self._http.stream(method, PATH, data=form, headers=headers,
                                   auth=self._auth, timeout=seconds) as response:
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise GatewayError(msg("The gateway's answer exceeds {limit} bytes.",
                                               limit=limit))
        except httpx.HTTPError as exc:
            self._curve_refused = is_curve_refusal(exc)
            error = translate_transport_error(exc, self.settings.base_url, self.profile)
            if not self._curve_refused:
                self._record(form, None, b"", None, started, error.message)
            raise error from None
        except GatewayError as exc:
            self._record(form, None, bytes(body[:limit]), None, started, exc.message)
            raise
        finally:
            self._deadline.clear()
            self._http.cookies.clear()
        self._record(form, response.status_code, bytes(body), response, started)
        return response, bytes(body)

    def _record(self, form: dict[str, str] | None, status: int | None, body: bytes,
                response: httpx.Response | None, started: float, error: str = "") -> None:
        """Number the request and hand it to ``on_exchange`` (if any)."""
        seq = self.next_seq
        self.next_seq += 1
        if self._on_exchange is None:
            return
        action = (form or {}).get("action", "login")
        self._on_exchange(PpcExchange(
            seq=seq, action=action, fields=recorded_fields(form), status=status, body=body,
            content_type=response.headers.get("content-type", "") if response else "",
            filename=filename_of(response) if response is not None else "",
            received=datetime.now(UTC), elapsed_ms=round((time.monotonic() - started) * 1000, 1),
            challenges=len(response.history) if response is not None else 0, error=error))

    def _page(self, response: httpx.Response, body: bytes) -> Any:
        if response.status_code != 200:
            raise GatewayError(msg("The gateway answered HTTP {status_code}.",
                                   status_code=response.status_code),
                               status=response.status_code)
        doc = pages.parse(body.decode(response.encoding or "utf-8", "replace"))
        pages.check_errors(doc)
        return doc

    def post(self, action: str, **fields: str) -> Any:
        """One form action; returns the parsed page (errors raised by page content)."""
        response, body = self._post_raw(action, fields)
        return self._html(response, body)

    def _post_raw(self, action: str, fields: dict[str, str], timeout_s: float | None = None
                  ) -> tuple[httpx.Response, bytes]:
        if not self._logged_in:
            raise SessionRefused(msg("not logged in"))
        if self._on_request is not None:
            self._on_request(action)  # may raise Cancelled: the logout stays due
        form = {"tkn": self._tkn or "", "action": action, **fields}
        self.requests += 1
        response, body = self._request("POST", form, timeout_s)
        if response.status_code == 401:
            self._logged_in = False
            raise AuthError(msg("The gateway no longer accepts the login of this session."))
        return response, body

    def _html(self, response: httpx.Response, body: bytes) -> Any:
        # A refusal ("Unerlaubter Zugriff", "Sitzung abgelaufen") keeps the logout due: the
        # portal's session may still be open, and a logout of a dead one costs one request.
        doc = self._page(response, body)
        self._tkn = pages.token(doc) or self._tkn
        return doc

    # ------------------------------------------------------------------ use cases

    def meters(self) -> list[Meter]:
        """The meter dropdown (``mid`` valid for this session)."""
        doc = self.post("meterform")
        return [Meter(mid, label) for mid, label in pages.meter_options(doc)]

    def readings(self, meter: Meter, start: datetime, end: datetime) -> PpcReadings:
        """All values of ``meter`` whose quarter hour lies in [start, end] (aware times).

        Days too big for the portal's row limit are halved until they fit; paging follows
        the next-page form's own fields."""
        if start.tzinfo is None or end.tzinfo is None or end < start:
            raise UsageError(msg("The window needs aware times with start <= end."))
        doc = self.post("showMeterValuesForm", mid=meter.mid)
        mid = pages.fresh_mid(doc) or meter.mid  # the dropdown mid only as a fallback
        result = PpcReadings(channels=[])
        values: list[PpcValue] = []
        todo = [(start, end + timedelta(seconds=1))]  # the portal stamps at second :01
        while todo:
            a, b = todo.pop()
            try:
                values += self._window(mid, a, b, result)
            except pages.RowLimit:
                if b - a <= MIN_WINDOW:
                    raise
                cut = split_point(a, b)
                if not a < cut < b:
                    raise
                result.split_for_limit += 1
                todo += [(cut + timedelta(seconds=1), b), (a, cut)]
        values = [v for v in values
                  if start <= v.utc.replace(second=0, microsecond=0) <= end]
        result.not_valid = [v for v in values if v.valid != 1]
        result.channels = to_channels(values, meter.meter_id, meter.label)
        return result

    def current_values(self, meter: Meter) -> list[ChannelReadings]:
        """The register values ``showMeterProfile`` shows now (PPC_HAN.md §4), valid ones."""
        doc = self.post("showMeterProfile", mid=meter.mid)
        if not pages.has_values_table(doc):
            raise MalformedAnswer(msg("Meter values table not found."), field="metervalue")
        values, _ = resolve(pages.value_rows(doc), datetime.now(BERLIN) + timedelta(days=1))
        return to_channels(values, meter.meter_id, meter.label)

    def self_test(self) -> None:
        """Start the self-test: the gateway reboots and the session is gone with it, so no
        logout follows (PPC_HAN.md §4; the answer page is a GUESS and only checked for the
        portal's error texts)."""
        self.post("selftest")
        self._logged_in = False
        self._cookie = None

    def tariffs(self) -> list[TariffOption]:
        """The tariff profiles of this user (``tid`` valid for this session only)."""
        return tariffs.options(self.post("tariffform"))

    def tariff_profile(self, option: TariffOption) -> dict[str, str]:
        """The label/value rows of a profile (Profilname, TAF-Typ, Registerperiode, …)."""
        return tariffs.profile(self.post("showTariffProfile", tid=option.tid))

    def billing_periods(self, option: TariffOption) -> list[BillingPeriod]:
        """The billing periods of a tariff profile, oldest first."""
        return self.tarification(option)[0]

    def tarification(self, option: TariffOption) -> tuple[list[BillingPeriod], list[str]]:
        """The billing periods of a profile, oldest first, and the ``ttid`` of each period
        the page links to its registers (valid in this session)."""
        doc = self.post("showTarification", tid=option.tid, page="1")
        return tariffs.billing_periods(doc), tariffs.register_links(doc)

    def tariff_registers(self, ttid: str) -> list[TariffRegister]:
        """The registers of one billing period (``showTarificationRegister``; ``ttid`` from
        the billing periods page of this session), every page."""
        fields = {"ttid": ttid, "page": "1"}
        out: list[TariffRegister] = []
        for _ in range(MAX_PAGES):
            doc = self.post("showTarificationRegister", **fields)
            out += tariffs.register_rows(doc)
            nxt = pages.next_page(doc, "table_tafregister_button_nextpage", ("tkn", "action"))
            if nxt is None:
                return out
            fields = nxt
        raise MalformedAnswer(msg("More than {limit} pages of tariff registers.",
                                  limit=MAX_PAGES), field="page")

    def firmware_versions(self) -> list[FirmwareInfo]:
        """The ``swversions`` table (smgw-bootstream, smgw-services, …)."""
        return logbook.firmware_versions(self.post("swversions"))

    def logbook(self, start: datetime, end: datetime) -> list[LogEntry]:
        """Logbook entries in [start, end] (aware), oldest first; the row limit is answered
        by smaller windows as for the values."""
        if start.tzinfo is None or end.tzinfo is None or end < start:
            raise UsageError(msg("The window needs aware times with start <= end."))
        return logbook.read(self.post, start, end)

    def export_values(self, meter: Meter, start: datetime, end: datetime) -> PpcExport:
        """The CMS export of ``meter``'s values in [start, end] (aware), container kept
        byte-exact. Uses the fresh ``mid`` of showMeterValuesForm (PPC_HAN.md §4)."""
        if start.tzinfo is None or end.tzinfo is None or end < start:
            raise UsageError(msg("The window needs aware times with start <= end."))
        doc = self.post("showMeterValuesForm", mid=meter.mid)
        mid = pages.fresh_mid(doc) or meter.mid
        body, name = self.export("exportMeterValues", mid=mid, **{
            "from": local_text(start), "to": local_text(end + timedelta(seconds=1))})
        if not body:
            return PpcExport(b"", "")  # GUESS of the facts sheet: no data, empty body
        return parse_export(body, name, meter.label)

    def export(self, action: str, **fields: str) -> tuple[bytes, str]:
        """A signed export (``exportMeterValues``, ``exportLogData``, ``exportTariffProfile``,
        ``exportCommProfile``): the container as received and the portal's file name;
        ``(b"", "")`` for an empty answer. An error page raises its error."""
        response, body = self._post_raw(action, fields,
                                        max(self.settings.timeout_s, EXPORT_TIMEOUT_S))
        kind = response.headers.get("content-type", "")
        if response.status_code == 200 and not body:
            return b"", ""
        if response.status_code != 200 or kind.startswith("text/html"):
            self._html(response, body)  # raises the page's error
            raise MalformedAnswer(msg("The gateway sent a page instead of the export."),
                                  field="export")
        return body, filename_of(response)

    def _window(self, mid: str, a: datetime, b: datetime, result: PpcReadings
                ) -> list[PpcValue]:
        fields = {"mid": mid, "from": local_text(a), "to": local_text(b), "page": "1"}
        upper = local_to_utc_latest(fields["to"])
        out: list[PpcValue] = []
        last = None
        result.queries += 1
        for _ in range(MAX_PAGES):
            doc = self.post("showMeterValues", **fields)
            result.pages += 1
            if not pages.has_values_table(doc):
                raise MalformedAnswer(msg("Meter values table not found."),
                                      field="metervalue")
            got, last = resolve(pages.value_rows(doc), upper, last)
            out += got
            nxt = pages.next_page(doc)
            if nxt is None:
                return out
            nxt.pop("tkn", None)
            nxt.pop("action", None)
            fields = nxt
        raise MalformedAnswer(msg("More than {MAX_PAGES} pages of meter values.",
                                  MAX_PAGES=MAX_PAGES), field="page")

