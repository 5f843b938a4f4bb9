"""The M2M client: discovery, the IF_GW_CON methods, retries, paging and windowing.

One :class:`GatewayClient` holds one keep-alive TLS connection to one gateway (reconnecting
transparently after the gateway's idle timeout). Every HTTP exchange — challenged 401s and
retries included — is reported to ``on_exchange`` with the exact bytes received, so the
archive can keep them byte-exact.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from trudi_py.errors import (
    AuthError,
    ConnectError,
    GatewayError,
    GatewayTimeout,
    MalformedAnswer,
    SelfTestLocked,
    TrudiError,
    UnsupportedInterface,
)
from trudi_py.i18n import msg
from trudi_py.logsetup import register_secret
from trudi_py.m2m import auth as digest
from trudi_py.m2m.errors_map import describe_status, translate_transport_error
from trudi_py.m2m.pinning import PinStore, normalise_fingerprint
from trudi_py.m2m.selftest import SelfTestResult, lock_remaining, note_started
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.tls import build_context
from trudi_py.m2m.transport import Deadline, PinCheck, make_client
from trudi_py.m2m.windows import Window, plan_windows
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogAnswer,
    LogEntry,
    ReadingsAnswer,
    UsagePoint,
    UsagePointInfo,
    merge_channels,
    parse_user_info,
)
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.times import format_utc

log = logging.getLogger("trudi_py.m2m")

LOG_PAGE = 1500
_LAST_READING_FORMS: dict[str, bool | str] = {}  # gateway URL → the form that worked
_FORMS_LOCK = threading.Lock()


def last_reading_form(url: str) -> bool | str:
    """The ``last-reading`` form known to work for the gateway at ``url`` (default True)."""
    with _FORMS_LOCK:
        return _LAST_READING_FORMS.get(url, True)


def remember_last_reading_form(url: str, form: bool | str) -> None:
    """Remember which ``last-reading`` form the gateway at ``url`` accepts."""
    with _FORMS_LOCK:
        _LAST_READING_FORMS[url] = form
DISCOVERY_PATH = "/smgw/m2m"


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its answer, as the archive keeps it (no credentials)."""

    seq: int
    method: str  # "discovery" or the JSON method
    request: dict[str, Any] | None  # the JSON body sent
    status: int
    body: bytes  # exactly the bytes received
    received: datetime
    elapsed_ms: float


def no_answer_after_login(exc: TrudiError) -> AuthError:
    """The login (Digest answer) got no answer: a timeout or a dropped connection. Some
    firmware ignores a wrong password instead of answering 401 (IF_GW_CON field evidence),
    so this is told apart from a refusal and from a bare timeout."""
    if isinstance(exc, GatewayTimeout):
        return AuthError(msg("The gateway did not answer after the login; some firmware ignores "
                             "wrong passwords — check user and password."))
    return AuthError(msg("The gateway dropped the connection after the login; some firmware "
                         "does this for wrong passwords — check user and password."))


def _connection_lost(exc: TrudiError) -> bool:
    """No answer at all: reset, refused, failed TLS or timed out (not a refusal or bad data)."""
    return isinstance(exc, ConnectError)


class GatewayClient:
    """A consumer's connection to one gateway."""

    def __init__(self, settings: ConnectionSettings, *, pin_store: PinStore | None = None,
                 on_exchange: Callable[[Exchange], None] | None = None,
                 first_seq: int = 1) -> None:
        self.settings = settings
        self.url = settings.base_url
        register_secret(settings.password)
        register_secret(settings.p12_password)
        stored = None if settings.pin else (pin_store or PinStore()).get(self.url)
        pin = settings.pin or (stored.sha256 if stored else None)
        self.pin = PinCheck(self.url, normalise_fingerprint(pin) if pin else None)
        self._on_exchange = on_exchange
        self._seq = first_seq - 1
        self._t0 = 0.0
        self._auth: digest.GatewayDigest | None = None
        if settings.user:
            self._auth = digest.GatewayDigest(settings.user, settings.password or "",
                                              force_md5=digest.needs_md5(self.url))
        self._deadline = Deadline()  # each request (401 round included) within timeout_s
        self._http = make_client(build_context(settings), self.pin, self.url,
                                 settings.timeout_s, on_response=self._on_401,
                                 deadline=self._deadline)
        self._http.event_hooks["request"] = [self._on_request]
        self.userid: str | None = None
        self._digest_proven = False

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._http.close()

    @property
    def handshakes(self) -> int:
        """TLS handshakes made so far (keep-alive reuses one)."""
        return self.pin.handshakes

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, including the Digest challenge round trips."""
        return self._seq

    # -- low level ---------------------------------------------------------------------------
    def _on_request(self, request: httpx.Request) -> None:
        self._seq += 1
        self._t0 = time.monotonic()
        self._deadline.start(self.settings.timeout_s)

    def _on_401(self, response: httpx.Response) -> None:
        # Intermediate answers of the Digest flow: record them too (archive.md counts them).
        if response.status_code == 401:
            response.read()
            self._record(response, response.content)

    def _record(self, response: httpx.Response, body: bytes) -> None:
        if self._on_exchange is None:
            return
        request = response.request
        if request.url.path.rstrip("/") == DISCOVERY_PATH:
            method, sent = "discovery", None
        else:
            try:
                sent = json.loads(request.content or b"null")
            except ValueError:
                sent = None
            method = str(sent.get("method", "?")) if isinstance(sent, dict) else "?"
        self._on_exchange(Exchange(self._seq, method, sent, response.status_code, body,
                                   datetime.now(UTC),
                                   round((time.monotonic() - self._t0) * 1000, 1)))

    def _send(self, http_method: str, path: str, body: Mapping[str, Any] | None
              ) -> tuple[httpx.Response, bytes]:
        content = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json"}
        request = self._http.build_request(http_method, path, content=content, headers=headers)
        try:
            response = self._http.send(request, auth=self._auth or httpx.USE_CLIENT_DEFAULT,
                                       stream=True)
            try:
                data = self._read_capped(response)
            finally:
                response.close()
        except httpx.HTTPError as exc:
            raise translate_transport_error(exc, self.url) from None
        finally:
            self._deadline.clear()
        if response.status_code != 401:  # 401s were recorded by the response hook
            self._record(response, data)
        if self._auth is not None and self._auth.challenged and (
                response.status_code in (302, 307) or (response.status_code == 200 and data)):
            self._digest_proven = True
        return response, data

    def _read_capped(self, response: httpx.Response) -> bytes:
        if response.is_stream_consumed:  # a 401 already read by the response hook
            return response.content
        limit = self.settings.max_answer_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise MalformedAnswer(msg("The gateway's answer is too large ({declared} bytes).",
                                      declared=declared),
                                  status=response.status_code)
        deadline = time.monotonic() + self.settings.timeout_s
        chunks, size = [], 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > limit:
                raise MalformedAnswer(msg("The gateway's answer is larger than {limit} bytes.",
                                          limit=limit),
                                      status=response.status_code)
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("answer too slow", request=response.request)
            chunks.append(chunk)
        return b"".join(chunks)

    def _switch_to_md5(self) -> bool:
        """After an empty 200 or a 401 to a non-MD5 Digest answer: retry once with MD5.

        Once the announced algorithm has worked (a 307 or a 200 with a body), an empty 200
        is an ordinary fault, retried as such.
        """
        if self._auth is None or self._auth.force_md5 or self._auth.algorithm_used == "MD5" \
                or self._digest_proven:
            return False
        log.info("Digest %s not accepted by %s; falling back to MD5",
                 self._auth.algorithm_used, self.url)
        self._auth.reset(force_md5=True)
        digest.remember_md5(self.url)
        return True

    # -- discovery ---------------------------------------------------------------------------
    def connect(self) -> str:
        """Discover the consumer's userid from the 307 Location header (never followed)."""
        for _ in range(2):
            try:
                response, data = self._send("GET", DISCOVERY_PATH, None)
            except TrudiError as exc:
                if self._auth is not None and self._auth.challenged and \
                        _connection_lost(exc):
                    raise no_answer_after_login(exc) from None
                raise
            if response.status_code in (307, 302):
                self.userid = userid_from_location(response.headers.get("location", ""))
                return self.userid
            if (response.status_code == 401 or (response.status_code == 200 and not data)) \
                    and self._switch_to_md5():
                continue
            break
        if response.status_code == 401:
            if self._auth is None and self.settings.p12_path is not None:
                raise AuthError(msg("Login refused: the gateway does not know this client "
                                    "certificate (not registered for a consumer)."))
            if self._auth is None:
                raise AuthError(msg("The gateway requires a login: give a user name (Digest) or "
                                    "a certificate file (.p12)."))
            raise AuthError(msg("Login refused by the gateway (user name or password wrong, or "
                                "the certificate is not registered)."))
        reason = describe_status(response.status_code, bool(data))
        raise GatewayError(msg("Discovery failed: {reason}", reason=reason),
                           status=response.status_code)

    # -- methods -----------------------------------------------------------------------------
    def call(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST one method; retries an empty 200, a reset or a 500 at most ``retries`` times."""
        return parse_json(self.call_bytes(body), str(body.get("method")))

    def call_bytes(self, body: Mapping[str, Any]) -> bytes:
        """Like :meth:`call`, but the answer's body as received (non-empty, not parsed)."""
        if self.userid is None:
            self.connect()
        path = f"{DISCOVERY_PATH}/{self.userid}/json"
        attempts = 0
        while True:
            try:
                response, data = self._send("POST", path, body)
            except TrudiError as exc:
                if not _connection_lost(exc) or attempts >= self.settings.retries:
                    raise
                reason = exc.message
            else:
                status = response.status_code
                if status == 200 and data:
                    return data
                if status == 200 and self._switch_to_md5():
                    continue
                if status == 403 and body.get("method") in ("self-test", "selfTest"):
                    raise SelfTestLocked(lock_remaining(self.url, response))
                if status == 401:
                    raise AuthError(msg("The gateway no longer accepts the login (401)."),)
                if status not in (200, 500) or attempts >= self.settings.retries:
                    words = describe_status(status, bool(data))
                    method = body.get("method")
                    raise GatewayError(msg("The gateway refused '{method}': {reason}",
                                           method=method, reason=words),
                                       status=status)
                reason = f"status {status}, {len(data)} bytes"
            attempts += 1
            log.warning("%s: retry %d after %s", body.get("method"), attempts, reason)
            time.sleep(self.settings.retry_backoff_s * 2 ** (attempts - 1))

    def smgw_info(self) -> GatewayInfo:
        """``smgw-info``: identity, firmware, clock and state of the gateway."""
        return GatewayInfo.from_json(self.call({"method": "smgw-info"}))

    def user_info(self) -> list[UsagePoint]:
        """``user-info``: the consumer's contracts (usage points)."""
        return parse_user_info(self.call({"method": "user-info"}))

    def usage_point_info(self, usage_point_id: str, database: str | None = None
                         ) -> UsagePointInfo:
        """``usage-point-info``: one contract's databases, channels and tariff profile."""
        body: dict[str, Any] = {"method": "usage-point-info", "usage-point-id": usage_point_id}
        if database:
            body["database"] = database
        return UsagePointInfo.from_json(self.call(body))

    def readings_window(self, usage_point_id: str, database: str, window: Window
                        ) -> ReadingsAnswer:
        """One request: readings with ``window.after < target time <= window.until``."""
        return ReadingsAnswer.from_bytes(self.call_bytes({
            "method": "readings", "usage-point-id": usage_point_id, "database": database,
            "last-reading": False, "fromtime": format_utc(window.after),
            "totime": format_utc(window.until)}))

    def last_reading(self, usage_point_id: str, database: str = "origin") -> ReadingsAnswer:
        """The newest value per channel (no channel filter: filtered answers come back empty).

        ``last-reading`` goes as a JSON boolean (the description) unless this gateway is
        known to want the string ``"true"`` (what every public client sends); on a 400 the
        other form is tried once and, if it works, remembered for this gateway."""
        forms: list[bool | str] = [True, "true"]
        if last_reading_form(self.url) == "true":
            forms.reverse()
        body = {"method": "readings", "usage-point-id": usage_point_id, "database": database}
        try:
            answer = self.call_bytes({**body, "last-reading": forms[0]})
        except GatewayError as exc:
            if exc.status != 400:
                raise
            log.info("last-reading as %r got 400; trying %r once", forms[0], forms[1])
            answer = self.call_bytes({**body, "last-reading": forms[1]})
            remember_last_reading_form(self.url, forms[1])
        return ReadingsAnswer.from_bytes(answer)

    def readings(self, usage_point_id: str, database: str, start: datetime, end: datetime,
                 *, on_window: Callable[[int, int, ReadingsAnswer], None] | None = None
                 ) -> list[ChannelReadings]:
        """Every reading with ``start <= target time <= end``, each once, sorted per channel."""
        windows = plan_windows(start, end)
        parts: list[ChannelReadings] = []
        for i, window in enumerate(windows):
            answer = self.readings_window(usage_point_id, database, window)
            parts.extend(answer.channels)
            if on_window is not None:
                on_window(i + 1, len(windows), answer)
        merged = merge_channels(parts)
        return [ChannelReadings(c.obis, c.meter_id,
                                tuple(r for r in c.readings if start <= r.target_time <= end))
                for c in merged]

    def log_pages(self, start: datetime | None = None, end: datetime | None = None
                  ) -> Iterator[list[LogEntry]]:
        """The logbook page by page (1500 per request), trimmed to ``start <= t < end``."""
        body: dict[str, Any] = {"method": "log"}
        if start is not None:
            body["fromtime"] = format_utc(start)
        if end is not None:
            body["totime"] = format_utc(end)
        seen: set[int] = set()
        while True:
            answer = LogAnswer.from_json(self.call(body))
            entries = [e for e in answer.entries if e.index not in seen
                       and (start is None or e.time >= start) and (end is None or e.time < end)]
            seen.update(e.index for e in entries)
            yield entries
            reached_end = end is not None and any(e.time >= end for e in answer.entries)
            if len(answer.entries) < LOG_PAGE or reached_end:
                return
            body = {"method": "log", "fromindex": max(e.index for e in answer.entries) + 1,
                    "count": LOG_PAGE}

    def log(self, start: datetime | None = None, end: datetime | None = None
            ) -> list[LogEntry]:
        """The whole logbook (or ``start <= t < end``), sorted by index."""
        entries = [e for page in self.log_pages(start, end) for e in page]
        return sorted(entries, key=lambda e: e.index)

    def self_test(self) -> SelfTestResult:
        """Start a self-test; :class:`SelfTestLocked` while the 600 s lock lasts."""
        try:
            answer = self.call({"method": "self-test"})
        except GatewayError as exc:
            if exc.status != 400:
                raise
            answer = self.call({"method": "selfTest"})  # the older adapter's spelling
        note_started(self.url)
        return SelfTestResult(started=True, answer=answer)


def userid_from_location(location: str) -> str:
    """``/smgw/m2m/<userid>/json`` (absolute URL or without ``/json``) → ``<userid>``."""
    try:
        path = httpx.URL(location).path if location else ""
    except (httpx.InvalidURL, ValueError, TypeError):
        path = ""
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 3 and segments[0] == "smgw" and segments[1] == "m2m":
        rest = segments[2:]
        if rest[-1] == "getdata":
            raise UnsupportedInterface(
                msg("This gateway offers only the older XML interface (getdata), which trudi_py "
                    "does not support."))
        if rest[-1] == "json":
            rest = rest[:-1]
        if len(rest) == 1 and rest[0]:
            return rest[0]
    raise MalformedAnswer(msg("The gateway's redirect does not name a userid ({location!r}).",
                              location=location[:80]), field="Location")
