"""The HTTP side of the simulated gateway: one handler per TLS connection (HTTP/1.1 keep-alive).

Routing, authentication (client certificate or Digest), the transport quirks and the
request log live here; the JSON methods themselves are in ``methods.py``.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from trudi_py.simulator import quirks as Q
from trudi_py.simulator.config import realistic_latency_ms
from trudi_py.simulator.data import SimConsumer
from trudi_py.simulator.faults import EMPTY_200, HTTP_500, Delivery, abort_with_rst, drip_write
from trudi_py.simulator.methods import HANDLERS, BadRequest, MethodContext, MethodResult

if TYPE_CHECKING:
    from trudi_py.simulator.server import Simulator

log = logging.getLogger("trudi_py.simulator")

MAX_BODY = 4 * 1024 * 1024
_DATA_PATH = re.compile(r"^/smgw/m2m/([^/]+)/json/?$")


@dataclass(frozen=True)
class RequestRecord:
    """One request as the simulator saw it (``Simulator.requests``)."""

    seq: int
    connection_id: int
    method: str  # "discovery", the JSON method, or "?"
    status: int  # 0: no answer (connection dropped)
    userid: str | None  # the authenticated consumer, if any
    body: Any  # parsed request JSON or None
    time: datetime  # real UTC time the request arrived


@dataclass
class Connection:
    """Per-connection facts established by the TLS handshake."""

    id: int
    cert_consumer: SimConsumer | None = None


class _Drop(Exception):
    """Close the connection without an answer."""


class GatewayHandler(BaseHTTPRequestHandler):
    """Answers IF_GW_CON requests for the :class:`Simulator` the server belongs to."""

    protocol_version = "HTTP/1.1"
    wbufsize = 65536  # without it http.server stalls ~40 ms per answer (environment.md)
    server_version = "SMGW-Simulator"
    sys_version = ""
    # errors http.server answers itself (bad request line, oversized headers)
    error_content_type = "application/json"
    error_message_format = '{"error":"%(code)d %(explain)s"}'

    def __init__(self, request: Any, client_address: Any, server: Any,
                 connection: Connection) -> None:
        self.conn = connection
        self.sim: Simulator = server.sim
        super().__init__(request, client_address, server)

    def setup(self) -> None:
        """Apply the simulator's idle timeout to this connection."""
        # idle keep-alive connections are closed; typeshed calls ``timeout`` a ClassVar, but
        # StreamRequestHandler.setup reads it per instance, and it is per simulator here
        self.timeout = self.sim.idle_timeout_s  # type: ignore[misc]
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """http.server's per-request log line, at debug level."""
        log.debug("conn=%d %s", self.conn.id, format % args)

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """http.server's error log line (timeouts, bad requests), at info level."""
        # "Request timed out" (idle timeout) and malformed request lines end up here
        log.info("conn=%d %s", self.conn.id, format % args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        """Serve any request method (the handler decides what each path accepts)."""
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    # ------------------------------------------------------------------ request flow

    def _serve(self) -> None:
        started = time.monotonic()
        arrived = datetime.now(UTC)
        quirks = self.sim.quirk_names
        path = urlsplit(self.path).path
        match = _DATA_PATH.match(path)
        discovery = path.rstrip("/") == "/smgw/m2m"
        try:
            raw, chunked = self._read_body()
        except BadRequest as exc:
            self.close_connection = True
            self._finish(400, "?", None, None, started, arrived, error=str(exc))
            return
        body = _parse_json(raw)
        label = "discovery" if discovery else _label(body)
        state = (label, body, started, arrived)
        if not discovery and not match:
            self._finish(404, label, body, None, started, arrived, error="unknown path")
            return
        allowed = ("GET", "POST") if discovery else ("POST",)
        if self.command not in allowed:
            self._finish(405, label, body, None, started, arrived, error="method not allowed",
                         headers={"Allow": ", ".join(allowed)})
            return
        try:
            consumer, algorithm = self._authenticate(quirks, state)
        except _Drop:
            return
        if consumer is None:
            return
        if algorithm == "SHA-256" and Q.DIGEST_SHA256_EMPTY_BODY in quirks:
            self._finish(200, label, body, consumer, started, arrived, raw_body=b"")
            return
        if discovery:
            forced = self.sim.take_injected(discovery=True)
            if forced is not None:  # a test's hostile discovery answer
                self._finish(forced.status, label, body, consumer, started, arrived,
                             raw_body=forced.body, headers=forced.headers,
                             delivery=forced.delivery)
                return
            self._finish(307, label, body, consumer, started, arrived, raw_body=b"",
                         headers={"Location": f"/smgw/m2m/{consumer.userid}/json"})
            return
        assert match is not None
        if match.group(1) != consumer.userid:
            headers = {"WWW-Authenticate": self.sim.digest.challenge()} if algorithm else {}
            self._finish(401, label, body, consumer, started, arrived, raw_body=b"",
                         headers=headers)
            return
        if Q.STRICT_CONTENT_TYPE in quirks:
            ctype = (self.headers.get("Content-Type") or "").strip().lower()
            if chunked or ctype != "application/json":
                self._finish(400, label, body, consumer, started, arrived,
                             error="bad Content-Type or chunked body")
                return
        if not isinstance(body, dict) or not isinstance(body.get("method"), str):
            self._finish(400, label, body, consumer, started, arrived,
                         error="body is not a JSON object with a method")
            return
        forced = self.sim.take_injected()
        if forced is not None:  # a test's hostile answer
            self._finish(forced.status, label, body, consumer, started, arrived,
                         raw_body=forced.body, headers=forced.headers, delivery=forced.delivery)
            return
        fault = self.sim.random_faults.draw()  # quirk random-faults=P
        if fault is not None:
            log.info("conn=%d random fault %s for %s", self.conn.id, fault.kind, label)
            if fault.kind in (HTTP_500, EMPTY_200):
                status = 500 if fault.kind == HTTP_500 else 200
                answer = None if fault.kind == HTTP_500 else b""
                self._finish(status, label, body, consumer, started, arrived, raw_body=answer,
                             error="internal error")
                return
        if self.sim.quirks.fire_once(Q.HTTP_500_ONCE):
            self._finish(500, label, body, consumer, started, arrived, error="internal error")
            return
        if self.sim.quirks.fire_once(Q.EMPTY_BODY_ONCE):
            self._finish(200, label, body, consumer, started, arrived, raw_body=b"")
            return
        handler = HANDLERS.get(body["method"])
        if handler is None:
            self._finish(400, label, body, consumer, started, arrived, error="unknown method")
            return
        ctx = MethodContext(self.sim.data, consumer, quirks, self.sim.gateway_now(),
                            self.sim.self_test, self.sim.data_lock,
                            retention=self.sim.config.retention)
        try:
            result = handler(body, ctx)
        except BadRequest as exc:
            self._finish(400, label, body, consumer, started, arrived, error=str(exc))
            return
        except Exception:  # a simulator bug must not kill the connection thread silently
            log.exception("conn=%d handler error in %s", self.conn.id, label)
            self._finish(500, label, body, consumer, started, arrived, error="internal error")
            return
        self._finish(result.status, label, body, consumer, started, arrived, result=result,
                     delivery=fault.delivery if fault is not None else None)

    def _authenticate(self, quirks: frozenset[str], state: tuple) -> tuple[SimConsumer | None,
                                                                           str | None]:
        """(consumer, digest algorithm or None for a client certificate); on failure the
        401 has been sent and consumer is None."""
        label, body, started, arrived = state
        if self.conn.cert_consumer is not None:
            return self.conn.cert_consumer, None
        header = self.headers.get("Authorization")
        if not header:
            self._finish(401, label, body, None, started, arrived, raw_body=b"",
                         headers={"WWW-Authenticate": self.sim.digest.challenge()})
            return None, None
        result = self.sim.digest.verify(header, self.command, self.path, self.sim.password_for)
        if result.ok:
            return self.sim.consumer_by_user(result.user), result.algorithm
        log.info("conn=%d login failed for user %r: %s", self.conn.id, result.user,
                 result.reason)
        if Q.BAD_LOGIN_HANGS in quirks:
            log.info("conn=%d ignoring the bad login (bad-login-hangs)", self.conn.id)
            time.sleep(min(self.sim.idle_timeout_s, 30.0))
            self.close_connection = True
            raise _Drop
        if Q.BAD_LOGIN_DROPS_CONNECTION in quirks:
            self.sim._record(self.conn.id, label, 0, None, body, arrived)
            log.info("conn=%d dropping connection (bad-login-drops-connection)", self.conn.id)
            self.close_connection = True
            raise _Drop
        stale = result.reason.startswith("unknown or expired nonce")
        self._finish(401, label, body, None, started, arrived, raw_body=b"",
                     headers={"WWW-Authenticate": self.sim.digest.challenge(stale=stale)})
        return None, None

    def _read_body(self) -> tuple[bytes, bool]:
        """The request body (Content-Length or chunked) and whether it was chunked."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts: list[bytes] = []
            total = 0
            while True:
                line = self.rfile.readline(1024)
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise BadRequest("bad chunk header") from None
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts), True
                total += size
                if total > MAX_BODY:
                    raise BadRequest("body too large")
                parts.append(self.rfile.read(size))
                self.rfile.readline(1024)
        length = self.headers.get("Content-Length")
        if length is None:
            return b"", False
        try:
            count = int(length)
        except ValueError:
            raise BadRequest("bad Content-Length") from None
        if count < 0 or count > MAX_BODY:
            raise BadRequest("bad Content-Length")
        return self.rfile.read(count), False

    # ------------------------------------------------------------------ answering

    def _finish(self, status: int, label: str, body: Any, consumer: SimConsumer | None,
                started: float, arrived: datetime, *, result: MethodResult | None = None,
                error: str | None = None, raw_body: bytes | None = None,
                headers: dict[str, str] | None = None,
                delivery: Delivery | None = None) -> None:
        """Wait out the modelled latency, record the request, send the answer (``delivery``:
        dripped, truncated, reset, closed afterwards or delayed)."""
        headers = dict(headers or {})
        how = delivery or Delivery()
        records = result.records if result else 0
        if result is not None:
            headers.update(result.headers)
        payload: dict[str, Any] = result.payload if result else {"error": error or ""}
        # the answer is built inside the modelled latency (as a gateway's answer time
        # includes producing it); only the envelope with the measured time comes after
        inner = _payload_members(payload) if raw_body is None else b""
        target_s = self._sleep_latency(label, records, started)
        if how.delay_s:
            time.sleep(how.delay_s)
        if raw_body is None:
            elapsed = int((time.monotonic() - started) * 1000)
            raw_body = _envelope(f"{elapsed} miliseconds", label, payload, inner,
                                 self.sim.data.interface_version)
        userid = consumer.userid if consumer else None
        self.sim._record(self.conn.id, label, status, userid, body, arrived)
        reset = how.reset and bool(raw_body) or (
            status == 200 and label == "readings" and bool(raw_body)
            and self.sim.quirks.fire_once(Q.RESET_MID_BODY_ONCE))
        log.info("conn=%d %s %s method=%s -> %d user=%s %d bytes %.1f ms%s", self.conn.id,
                 self.command, urlsplit(self.path).path, label, status, userid or "-",
                 len(raw_body), (time.monotonic() - started) * 1000,
                 " (reset mid-body)" if reset else "")
        real, collected = self.wfile, None
        if how.drip is not None:  # the head is collected and dripped with the body
            collected = self.wfile = io.BytesIO()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        length = len(raw_body) if how.declared_length is None else how.declared_length
        self.send_header("Content-Length", str(length))
        for key, value in headers.items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if how.drip is not None and collected is not None:
            head, self.wfile = collected.getvalue(), real
            self.close_connection = True
            drip_write(self.wfile, head + raw_body, *how.drip,
                       stopped=lambda: self.sim._server is None)
            return
        if reset:
            self._reset_mid_body(raw_body)
            return
        if self.command != "HEAD":
            self.wfile.write(raw_body)
        self.wfile.flush()
        self.sim.note_service(time.monotonic() - started - target_s - how.delay_s)
        if how.declared_length is not None or how.close_after:
            self.close_connection = True  # no "Connection: close": the client is not told

    def _sleep_latency(self, label: str, records: int, started: float) -> float:
        """Wait until the modelled latency since ``started`` is over; returns it (s)."""
        fixed = self.sim.latency_ms
        target_ms = realistic_latency_ms(label, records) if fixed is None else fixed
        remaining = target_ms / 1000 - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)
        return target_ms / 1000

    def _reset_mid_body(self, raw_body: bytes) -> None:
        """Send part of the body, then abort the connection with a TCP RST (SO_LINGER 0)."""
        self.wfile.write(raw_body[: max(1, len(raw_body) // 2)])
        self.wfile.flush()
        time.sleep(0.05)  # let the partial body reach the client before the RST
        self.close_connection = True
        self.wfile.close()
        self.rfile.close()
        abort_with_rst(self.connection)  # with all file objects closed: the real close → RST
        self.wfile = io.BytesIO()  # http.server flushes wfile after the handler returns


_ENVELOPE_KEYS = ("elapsed-time", "method", "version")


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _payload_members(payload: dict[str, Any]) -> bytes:
    """The payload's members as they stand inside the answer object (``"k":v,...``), or
    b"" when the payload names an envelope key (then :func:`_envelope` builds it whole)."""
    if not payload or any(key in payload for key in _ENVELOPE_KEYS):
        return b""
    return _dumps(payload)[1:-1]


def _envelope(elapsed: str, label: str, payload: dict[str, Any], inner: bytes,
              version: str) -> bytes:
    """The answer object ``{"elapsed-time", "method", **payload, "version"}``, byte for byte
    what one ``json.dumps`` of it gives; ``inner`` is the payload serialised beforehand."""
    if not inner:
        return _dumps({"elapsed-time": elapsed, "method": label, **payload,
                       "version": version})
    return b"".join((b'{"elapsed-time":', _dumps(elapsed), b',"method":', _dumps(label),
                     b",", inner, b',"version":', _dumps(version), b"}"))


def _parse_json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _label(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("method"), str):
        return body["method"][:64]
    return "?"
