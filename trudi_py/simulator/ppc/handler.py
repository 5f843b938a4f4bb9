"""HTTP handling of the simulated PPC portal: Digest on every request, lock-out, routing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, quote

from trudi_py.simulator.ppc.pages import URL

log = logging.getLogger("trudi_py.simulator.ppc")
MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class Binary:
    """A file answer (the CMS exports)."""

    body: bytes
    filename: str


@dataclass
class RequestLog:
    """What the portal saw (for tests): action is "login" for a GET."""

    action: str
    authorized: bool  # carried a Digest header that verified
    had_auth: bool  # carried any Authorization header
    status: int


class PpcHandler(BaseHTTPRequestHandler):
    """One HTTP exchange with the portal double: Digest, lock-out, session, form action."""
    protocol_version = "HTTP/1.1"
    wbufsize = 65536
    server_version = "SMGW"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silence the standard library's per-request log lines."""
        log.debug("%s " + format, self.client_address[0], *args)

    @property
    def sim(self) -> Any:  # the PpcSimulator
        """The PpcSimulator this request belongs to."""
        return self.server.sim  # type: ignore[attr-defined]

    def _send(self, status: int, body: bytes | Binary, cookie: str | None = None,
              challenge: str | None = None) -> None:
        self.send_response(status)
        if isinstance(body, Binary):
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Disposition",
                             f"attachment; filename*=UTF-8''{quote(body.filename)}")
            body = body.body
        else:
            self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", f"session={cookie}; Path=/; Secure; HttpOnly")
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.end_headers()
        self.wfile.write(body)

    def _cookie(self) -> str | None:
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == "session":
                return value
        return None

    def _handle(self, method: str) -> None:
        if self.path.split("?")[0] != URL:
            self._send(404, b"<html><body>Not found</body></html>")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, b"<html><body>Fehler</body></html>")
            return
        body = self.rfile.read(length) if length else b""
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        action = "login" if method == "GET" else form.get("action", "")
        sim = self.sim
        header = self.headers.get("Authorization")
        with sim.lock:
            now = sim.config.clock()
            result = sim.digest.verify(header or "", method, self.path,
                                       lambda u: (sim.user(u).password if sim.user(u) else None))
            entry = RequestLog(action, result.ok, header is not None, 200)
            sim.requests.append(entry)
            locked = now < sim.locked_until
            if method == "GET" and header is not None and locked:
                self._send(200, sim.lock_page(now))  # no cookie ([I#136])
                return
            if not result.ok:
                if method == "GET" and header is not None:
                    sim.failures += 1
                    if sim.failures >= sim.config.lock_after:
                        sim.locked_until = now + sim.config.lock_s
                        sim.failures = 0
                entry.status = 401
                self._send(401, b"<html><body>401 Unauthorized</body></html>",
                           challenge=sim.digest.challenge())
                return
            user = sim.user(result.user)
            assert user is not None
            if method == "GET":
                sim.failures = 0
                page, cookie = sim.login(user, now)
                self._send(200, page, cookie=cookie)
                return
            self._send(200, sim.post(form, self._cookie(), now))

    def do_GET(self) -> None:  # noqa: N802
        """A GET is the login (Digest; the welcome or lock page)."""
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        """A POST is one form action of the session."""
        self._handle("POST")
