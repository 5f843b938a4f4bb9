"""The simulated CONEXA 3.0 gateway: an HTTPS server on 127.0.0.1 (TLS 1.2, secp384r1).

Used by ``trudi-py demo``/``simulate``, the tests and the benchmarks::

    with Simulator(SimulatorConfig(scenario="household")) as sim:
        client = connect(sim.url, pin=sim.fingerprint, ...)

Each accepted TCP connection is handled in its own thread; the TLS handshake is done there
explicitly so it is counted and a failed one is logged (never crashes the server).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import logging
import os
import shutil
import signal
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO

from trudi_py.model.certificate import certificate_der
from trudi_py.simulator.config import SimulatorConfig, floor_quarter_hour
from trudi_py.simulator.data import GatewayData, SimConsumer
from trudi_py.simulator.digest import DigestVerifier
from trudi_py.simulator.faults import Delivery, Injected, RandomFaults
from trudi_py.simulator.handler import Connection, GatewayHandler, RequestRecord
from trudi_py.simulator.methods import SelfTestLock
from trudi_py.simulator.quirks import QuirkState, parse_quirks, with_gateway_defaults

log = logging.getLogger("trudi_py.simulator")

HANDSHAKE_TIMEOUT_S = 10.0
CIPHERS = ("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:"
           "ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256")


def make_server_context(cert_pem: bytes, key_pem: bytes,
                        client_ca_pem: bytes | None = None) -> ssl.SSLContext:
    """The gateway's TLS context: TLS 1.2 only, secp384r1 only, ECDHE-ECDSA suites, no
    renegotiation; client certificates optional (verified against ``client_ca_pem``)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ecdh_curve("secp384r1")
    ctx.set_ciphers(CIPHERS)
    ctx.options |= ssl.OP_NO_RENEGOTIATION
    tmp = tempfile.mkdtemp(prefix="trudi-sim-key-")
    try:  # ssl loads keys only from files
        path = os.path.join(tmp, "server.pem")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(cert_pem.rstrip(b"\n") + b"\n" + key_pem)
        ctx.load_cert_chain(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if client_ca_pem:
        ctx.verify_mode = ssl.CERT_OPTIONAL
        ctx.load_verify_locations(cadata=client_ca_pem.decode("ascii"))
    return ctx


class _TLSServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that wraps accepted sockets and handshakes in the worker thread."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
        # finish_request builds each handler with its Connection (an extra argument the
        # stdlib's handler-class type does not allow for)
        super().__init__(address, GatewayHandler)  # type: ignore[arg-type]

    def get_request(self) -> tuple[Any, Any]:
        raw, address = self.socket.accept()
        try:
            wrapped = self.sim._ssl_context.wrap_socket(raw, server_side=True,
                                                        do_handshake_on_connect=False)
        except (OSError, ValueError):
            raw.close()
            raise
        return wrapped, address

    def finish_request(self, request: Any, client_address: Any) -> None:
        sim = self.sim
        conn = Connection(id=sim._next_connection())
        sim._track(request, True)
        try:
            request.settimeout(HANDSHAKE_TIMEOUT_S)
            # header and body go out as separate writes: no Nagle delay between them
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                request.do_handshake()
            except (OSError, ValueError) as exc:
                sim._count_handshake(False)
                log.info("conn=%d TLS handshake from %s failed: %s", conn.id,
                         client_address[0], exc)
                return
            sim._count_handshake(True)
            der = request.getpeercert(binary_form=True)
            if der:
                conn.cert_consumer = sim.consumer_by_cert(hashlib.sha256(der).hexdigest())
            log.info("conn=%d TLS handshake ok: %s %s client-cert=%s", conn.id,
                     request.version(), (request.cipher() or ("?",))[0],
                     conn.cert_consumer.userid if conn.cert_consumer else
                     ("unknown" if der else "none"))
            handler = functools.partial(GatewayHandler, connection=conn)
            handler(request, client_address, self)
        finally:
            sim._track(request, False)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ssl.SSLError)):
            log.info("connection from %s ended: %s", client_address[0], exc)
        else:
            log.exception("unexpected error on a connection from %s", client_address[0])


class Simulator:
    """A running simulated gateway (context manager: ``start()`` / ``stop()``).

    ``data`` is the truth for tests. Tests may inject ``data``, ``identity`` (an object with
    ``cert_pem`` and ``key_pem``) and ``client_ca_pem`` instead of building the scenario.
    """

    def __init__(self, config: SimulatorConfig | None = None, *,
                 data: GatewayData | None = None, identity: Any = None,
                 client_ca_pem: bytes | None = None) -> None:
        config = config or SimulatorConfig()
        names, overrides = parse_quirks(config.quirks)
        names = with_gateway_defaults(names, config.gateway)
        config = dataclasses.replace(config, quirks=names, **overrides)
        self.config = config
        self._own_state_dir = config.state_dir is None
        self.state_dir = Path(config.state_dir or tempfile.mkdtemp(prefix="trudi-sim-"))
        # Without a fixed `now` the gateway clock is the real time (no drift in the demo);
        # the data end at the last full quarter hour before it.
        self._clock_start = datetime.now(UTC) if config.now is None \
            else config.now.astimezone(UTC)
        self._clock_mono = time.monotonic()
        if data is None:
            from trudi_py.simulator.scenarios import build_scenario
            data = build_scenario(config.scenario, seed=config.seed,
                                  now=floor_quarter_hour(config.data_until
                                                         or self._clock_start),
                                  state_dir=self.state_dir,
                                  corrupt_calculated=config.corrupt_calculated,
                                  years=config.years, variant=config.gateway)
        if identity is None:
            from trudi_py.simulator import pki
            identity = pki.load_or_create_server_identity(
                self.state_dir, data.smgw_id, field=config.gateway == "field")
            if client_ca_pem is None:
                client_ca_pem = pki.client_ca_pem(self.state_dir)
        self.data = data
        cert_pem = identity.cert_pem
        self._cert_der = certificate_der(cert_pem) or b""
        if data.han_tls_pem.strip() != cert_pem.decode("ascii").strip():
            data.han_tls_pem = cert_pem.decode("ascii")  # smgw-info must show the real cert
        self._ssl_context = make_server_context(cert_pem, identity.key_pem, client_ca_pem)
        self.quirks = QuirkState(config.quirks)
        self.latency_ms: int | None = config.latency_ms
        self.idle_timeout_s: float = config.idle_timeout_s
        self.random_faults = RandomFaults(config.fault_probability, config.seed
                                          if config.fault_seed is None else config.fault_seed)
        self.digest = DigestVerifier(realm="smgw")
        self.self_test = SelfTestLock()
        self.data_lock = threading.Lock()
        self._lock = threading.Lock()
        self._injected: list[Injected] = []
        self.requests: list[RequestRecord] = []
        self.handshakes = 0
        self.handshake_failures = 0
        self.connections = 0
        #: seconds the answers took beyond their modelled latency until written (the
        #: simulator's own service time above the latency floor; benchmarks report it)
        self.overrun_s = 0.0
        self._seq = 0
        self._conn_seq = 0
        self._open: set[Any] = set()
        self._server: _TLSServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Simulator:
        """Bind and serve in a background thread; returns self."""
        if self._server is not None:
            return self
        self._server = _TLSServer((self.config.host, self.config.port), self)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name=f"trudi-sim-{self.port}", daemon=True)
        self._thread.start()
        log.info("simulator listening on %s (scenario %s, quirks %s)", self.url,
                 self.config.scenario, ",".join(sorted(self.quirks.names)) or "-")
        return self

    def stop(self) -> None:
        """Stop serving, abort open connections, close all sockets; idempotent."""
        server, self._server = self._server, None
        if server is None:
            self._remove_own_state_dir()
            return
        server.shutdown()
        server.server_close()
        with self._lock:
            open_socks = list(self._open)
        for sock in open_socks:  # plain-socket shutdown: wakes the reader thread, no TLS state
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            with self._lock:
                if not self._open:
                    break
            time.sleep(0.01)
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self._remove_own_state_dir()
        log.info("simulator stopped")

    def _remove_own_state_dir(self) -> None:
        if self._own_state_dir:  # a temp dir we made: certificates and demo .p12 files
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ properties

    @property
    def port(self) -> int:
        """The bound TCP port (after ``start()``)."""
        if self._server is None:
            raise RuntimeError("simulator not started")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """``https://127.0.0.1:PORT``."""
        return f"https://{self.config.host}:{self.port}"

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the server certificate (DER), lower-case hex without colons."""
        return hashlib.sha256(self._cert_der).hexdigest()

    @property
    def cert_der(self) -> bytes:
        """The server certificate (DER)."""
        return self._cert_der

    @property
    def consumers(self) -> list[SimConsumer]:
        """The consumer profiles (credentials and their data)."""
        return self.data.consumers

    @property
    def faults(self) -> dict[str, int]:
        """Random faults injected so far, per kind (``faults.FAULT_KINDS``)."""
        return dict(self.random_faults.counts)

    @property
    def quirk_names(self) -> frozenset[str]:
        """The quirks active right now."""
        return self.quirks.names

    def gateway_now(self) -> datetime:
        """The gateway clock: the configured start time advanced by real elapsed time."""
        return self._clock_start + timedelta(seconds=time.monotonic() - self._clock_mono)

    def advance_clock(self, delta: timedelta) -> datetime:
        """Move the gateway clock forward by ``delta`` (values up to it become visible;
        with ``retention`` older ones disappear); returns the new gateway time."""
        with self._lock:
            self._clock_start += delta
        return self.gateway_now()

    # ------------------------------------------------------------------ test controls

    def set_quirks(self, quirks: str | Iterable[str]) -> None:
        """Replace the active quirks at runtime (same syntax as ``--quirks``); ``*-once``
        quirks are armed again; ``latency=``/``idle-timeout=`` apply to later requests
        (idle timeout: to new connections); random faults are off unless ``random-faults=P``
        is given, and re-seeded (``fault-seed=N``, default the config's seed) when it is."""
        names, overrides = parse_quirks(quirks)
        self.quirks.set(with_gateway_defaults(names, self.config.gateway))
        seed = overrides.get("fault_seed", self.config.fault_seed)
        self.random_faults.configure(overrides.get("fault_probability", 0.0),
                                     self.config.seed if seed is None else seed)
        if "latency_ms" in overrides:
            self.latency_ms = overrides["latency_ms"]
        if "idle_timeout_s" in overrides:
            self.idle_timeout_s = overrides["idle_timeout_s"]

    def reset_counters(self) -> None:
        """Clear the request log, the handshake/connection/fault counters, injected answers."""
        self.random_faults.reset_counts()
        with self._lock:
            self._injected = []
            self.requests = []
            self.handshakes = self.handshake_failures = self.connections = 0
            self.overrun_s = 0.0
            self._seq = 0

    def inject(self, status: int, body: bytes, times: int = 1, *,
               headers: dict[str, str] | None = None, drip: tuple[int, float] | None = None,
               declared_length: int | None = None, discovery: bool = False) -> None:
        """Answer the next ``times`` data requests (``discovery``: discoveries) with this
        status, body and ``headers``; ``drip=(n, s)``: the whole answer ``n`` bytes every
        ``s`` seconds; ``declared_length``: that Content-Length, closed after the body."""
        delivery = Delivery(drip=drip, declared_length=declared_length)
        with self._lock:
            self._injected.extend([Injected(status, body, dict(headers or {}), delivery,
                                            discovery)] * times)

    def take_injected(self, discovery: bool = False) -> Injected | None:
        """The next injected answer for a data request (or a discovery), if any."""
        with self._lock:
            for i, item in enumerate(self._injected):
                if item.discovery == discovery:
                    return self._injected.pop(i)
            return None

    def reset_self_test(self) -> None:
        """Lift the self-test lock."""
        self.self_test.reset()

    # ------------------------------------------------------------------ internals

    def consumer_by_user(self, user: str) -> SimConsumer | None:
        """The consumer with Digest user name ``user``."""
        return next((c for c in self.data.consumers if c.user == user), None)

    def consumer_by_cert(self, sha256_hex: str) -> SimConsumer | None:
        """The consumer whose client certificate has this SHA-256 fingerprint."""
        wanted = sha256_hex.lower()
        for consumer in self.data.consumers:
            known = (consumer.client_cert_sha256 or "").replace(":", "").lower()
            if known and known == wanted:
                return consumer
        return None

    def password_for(self, user: str) -> str | None:
        """Digest password lookup (never logged)."""
        consumer = self.consumer_by_user(user)
        return consumer.password if consumer else None

    def _record(self, connection_id: int, method: str, status: int, userid: str | None,
                body: Any, arrived: datetime) -> None:
        with self._lock:
            self._seq += 1
            self.requests.append(RequestRecord(self._seq, connection_id, method, status,
                                               userid, body, arrived))

    def note_service(self, overrun_s: float) -> None:
        """An answer was written ``overrun_s`` after its modelled latency ended."""
        with self._lock:
            self.overrun_s += max(0.0, overrun_s)

    def _next_connection(self) -> int:
        with self._lock:
            self.connections += 1
            self._conn_seq += 1
            return self._conn_seq

    def _count_handshake(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.handshakes += 1
            else:
                self.handshake_failures += 1

    def _track(self, sock: Any, add: bool) -> None:
        with self._lock:
            (self._open.add if add else self._open.discard)(sock)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT/SIGTERM (handlers installed only on the main thread, restored on
    leaving); Ctrl-C inside the block ends it quietly."""
    stop = threading.Event()
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        # installed before the URL line is printed: whoever reads it may stop us at once
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda *_: stop.set())
    try:
        yield stop
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def serve_forever(config: SimulatorConfig, out: TextIO = sys.stdout) -> int:
    """Run a simulator for the CLI until SIGINT/SIGTERM; prints the URL line and credentials."""
    with stop_on_signals() as stop, Simulator(config) as sim:
        out.write(f"listening on {sim.url} sha256:{sim.fingerprint}\n")
        for consumer in sim.consumers:
            out.write(f"consumer {consumer.userid}: digest user {consumer.user} "
                      f"password {consumer.password}\n")
            if consumer.p12_path:
                out.write(f"consumer {consumer.userid}: p12 {consumer.p12_path} "
                          f"password {consumer.p12_password or ''}\n")
        out.flush()
        _run_clock(sim, config, stop, out)
    return 0


def _run_clock(sim: Simulator, config: SimulatorConfig, stop: threading.Event,
               out: TextIO) -> None:
    """Wait for ``stop``; with ``clock_step`` advance the gateway clock in steps, printing
    ``clock <UTC time> (step k of n)`` after each."""
    step, done = config.clock_step, 0
    due = time.monotonic() + config.step_every_s
    while not stop.wait(0.2):
        if step is None or done >= config.steps or time.monotonic() < due:
            continue
        moment = sim.advance_clock(step)
        done += 1
        due += config.step_every_s
        out.write(f"clock {moment:%Y-%m-%dT%H:%M:%SZ} (step {done} of {config.steps})\n")
        out.flush()

