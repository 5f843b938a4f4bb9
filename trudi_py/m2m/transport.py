"""The HTTP transport: one keep-alive TLS connection whose certificate is pinned.

A small httpcore network backend checks the peer certificate's SHA-256 right after the TLS
handshake, before httpcore writes a single HTTP byte; any other certificate closes the
socket and raises :class:`~trudi_py.errors.PinMismatch` (or
:class:`~trudi_py.errors.UnknownCertificate` on first contact, carrying the certificate for
the user to confirm). Every reconnect (idle timeout, reset) goes through the same check.

The same streams enforce a :class:`Deadline` per request: every socket read and write gets
at most the time left, so an answer dripped a byte at a time (headers included) ends in a
timeout after ``timeout_s`` in total, not after ``timeout_s`` per byte.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from trudi_py.errors import PinMismatch, UnknownCertificate
from trudi_py.m2m.pinning import fingerprint
from trudi_py.model.certificate import read_certificate


def certificate_subject(der: bytes) -> str:
    """The subject of a DER certificate as RFC 4514 text ("" if unreadable)."""
    facts = read_certificate(der)
    return facts.subject if facts is not None else ""


class PinCheck:
    """Decides whether a presented certificate is the gateway's. Thread-safe counters."""

    def __init__(self, url: str, pin: str | None) -> None:
        self.url = url
        self.pin = pin
        self.handshakes = 0
        self.last_der: bytes = b""
        self._lock = threading.Lock()

    def __call__(self, der: bytes) -> None:
        """Check a presented certificate: count it, compare with the pin
        (PinMismatch/UnknownCertificate)."""
        actual = fingerprint(der)
        with self._lock:
            self.handshakes += 1
            self.last_der = der
        if self.pin is None:
            raise UnknownCertificate(self.url, actual, certificate_subject(der), der)
        if actual != self.pin:
            raise PinMismatch(self.url, self.pin, actual)


class Deadline:
    """The end time of the current request, shared by the client and its streams."""

    def __init__(self) -> None:
        self._until: float | None = None

    def start(self, seconds: float) -> None:
        """Start a deadline ``seconds`` from now for the current request."""
        self._until = time.monotonic() + seconds

    def clear(self) -> None:
        """No deadline (between requests)."""
        self._until = None

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """``timeout`` shortened to the time left; ``error`` when none is left."""
        if self._until is None:
            return timeout
        left = self._until - time.monotonic()
        if left <= 0:
            raise error("the answer took longer than the request deadline")
        return left if timeout is None else min(timeout, left)


class _PinnedStream(httpcore.NetworkStream):
    """Delegates to the real stream; checks the pin when TLS starts; keeps the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, check: PinCheck,
                 deadline: Deadline) -> None:
        self._inner = inner
        self._check = check
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname,
                                       self._deadline.left(timeout, httpcore.ConnectTimeout))
        ssl_object = stream.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        if not der:
            stream.close()
            raise PinMismatch(self._check.url, self._check.pin or "?", "(no certificate)")
        try:
            self._check(der)
        except BaseException:
            stream.close()
            raise
        return _PinnedStream(stream, self._check, self._deadline)  # reads keep the deadline


class _PinnedBackend(httpcore.NetworkBackend):
    def __init__(self, check: PinCheck, deadline: Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._check = check
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port,
                                         self._deadline.left(timeout, httpcore.ConnectTimeout),
                                         local_address, socket_options)
        return _PinnedStream(stream, self._check, self._deadline)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:  # pragma: no cover - not used
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with a single keep-alive connection and the pinning backend."""

    def __init__(self, ssl_context: ssl.SSLContext, check: PinCheck,
                 keepalive_expiry: float = 540.0, deadline: Deadline | None = None) -> None:
        super().__init__(verify=ssl_context, http1=True, http2=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=1, max_keepalive_connections=1,
            keepalive_expiry=keepalive_expiry, http1=True, http2=False, retries=0,
            network_backend=_PinnedBackend(check, deadline or Deadline()))


def make_client(ssl_context: ssl.SSLContext, check: PinCheck, base_url: str,
                timeout_s: float, on_response: Callable[[httpx.Response], None] | None = None,
                deadline: Deadline | None = None) -> httpx.Client:
    """An httpx client bound to one gateway; redirects are never followed. ``deadline``
    (started by the caller per request) bounds each request as a whole."""
    hooks = {"response": [on_response]} if on_response else {}
    return httpx.Client(
        base_url=base_url,
        transport=PinnedTransport(ssl_context, check, deadline=deadline),
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 15.0)),
        follow_redirects=False,
        headers={"User-Agent": "trudi_py", "Accept": "application/json"},
        event_hooks=hooks,
        trust_env=False,
    )
