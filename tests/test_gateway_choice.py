"""Which vendor answers: the user's word, the stored pin's subject, the certificate's gateway
id in the handshake, one unauthenticated request per vendor; never a login while choosing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from helpers import settings_for
from ppc_util import settings as ppc_settings

from trudi_py.errors import ConnectError, PinMismatch, UnknownCertificate
from trudi_py.gateway import VendorUnknown, choose_vendor
from trudi_py.m2m import GatewayClient, PinStore
from trudi_py.m2m.pinning import fingerprint
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.tls import CONEXA_PROFILE, PPC_PROFILE, explain_tls_error
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator
from trudi_py.simulator.ppc.server import make_identity
from trudi_py.simulator.server import make_server_context


def test_certificate_names_the_ppc_without_an_http_request() -> None:
    with PpcSimulator(PpcConfig()) as sim:
        choice = choose_vendor(ppc_settings(sim))
        assert (choice.vendor, choice.how, choice.gateway_id) == \
            ("ppc", "certificate", "EPPC0000012345")
        assert sim.requests == []


def test_certificate_names_the_conexa(sim) -> None:  # noqa: ANN001
    sim.reset_counters()
    choice = choose_vendor(settings_for(sim))
    assert (choice.vendor, choice.how) == ("theben", "certificate")
    assert choice.gateway_id.startswith("ETHE")


def test_probe_finds_a_ppc_whose_certificate_names_no_id() -> None:
    with PpcSimulator(PpcConfig(smgw_id="han-portal")) as sim:
        choice = choose_vendor(ppc_settings(sim))
        assert (choice.vendor, choice.how) == ("ppc", "probe")
        assert len(sim.requests) == 1 and sim.login_attempts == 0  # no credentials sent


def test_probe_on_p384_ppc_asks_the_conexa_address_first() -> None:
    """A PPC on secp384r1 completes the CONEXA handshake: its /smgw/m2m answer is no CONEXA's,
    so the PPC address is asked next, one request each."""
    with PpcSimulator(PpcConfig(smgw_id="han-portal", curve="secp384r1")) as sim:
        choice = choose_vendor(ppc_settings(sim))
        assert (choice.vendor, choice.how) == ("ppc", "probe")
        # the portal logs requests to its own URL only (its 404 for /smgw/m2m is not kept)
        assert len(sim.requests) == 1 and sim.login_attempts == 0


def test_stored_pin_subject_names_the_vendor_without_a_connection(tmp_path) -> None:  # noqa: ANN001
    with PpcSimulator(PpcConfig()) as sim:
        store = PinStore(tmp_path / "pins.json")
        store.set(sim.url, sim.fingerprint, "CN=EPPC0000012345")
        unpinned = ConnectionSettings(sim.url, user="u", password="p")
        choice = choose_vendor(unpinned, pin_store=store)
        assert (choice.vendor, choice.how) == ("ppc", "pin")
        assert sim.requests == []


def test_given_vendor_is_taken_without_a_connection() -> None:
    settings = ConnectionSettings("https://127.0.0.1:9", user="u", password="p")
    assert choose_vendor(settings, given="ppc").how == "given"


def test_trust_comes_first_while_probing() -> None:
    with PpcSimulator(PpcConfig()) as sim:
        unpinned = ConnectionSettings(sim.url, user="u", password="p")
        with pytest.raises(UnknownCertificate) as unknown:
            choose_vendor(unpinned, pin_store=PinStore(None))
        assert unknown.value.fingerprint == sim.fingerprint
        wrong = ConnectionSettings(sim.url, user="u", password="p", pin="0" * 64)
        with pytest.raises(PinMismatch):
            choose_vendor(wrong)
        assert sim.requests == []


class _Plain(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = b"<html>router</html>"
        self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture()
def stranger() -> Iterator[tuple[str, str]]:
    """An HTTPS server on P-384 that is no gateway (CN "router", 404 everywhere)."""
    cert, key = make_identity("router", "secp384r1")
    ctx = make_server_context(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Plain)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    der = x509.load_pem_x509_certificate(cert).public_bytes(serialization.Encoding.DER)
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", fingerprint(der)
    finally:
        server.shutdown()
        server.server_close()


def test_neither_vendor_asks_the_user(stranger: tuple[str, str]) -> None:
    url, pin = stranger
    with pytest.raises(VendorUnknown) as unknown:
        choose_vendor(ConnectionSettings(url, user="u", password="p", pin=pin))
    assert "--vendor" in str(unknown.value) and unknown.value.exit_code == 2


def test_unreachable_gateway_is_a_connect_error() -> None:
    with pytest.raises(ConnectError):
        choose_vendor(ConnectionSettings("https://127.0.0.1:9", user="u", password="p",
                                         pin="0" * 64, timeout_s=5))


def test_tls_refusal_names_the_vendor(sim) -> None:  # noqa: ANN001
    """The CONEXA's alert text names the CONEXA's curve; the PPC's names the PPC's."""
    with pytest.raises(ConnectError) as err, \
            GatewayClient(settings_for(sim, curves=("prime256v1",))) as client:
        client.connect()
    assert "secp384r1" in str(err.value)
    refusal = Exception("[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure")
    words = explain_tls_error(refusal, PPC_PROFILE)
    assert "PPC gateway accepts prime256v1, secp384r1, brainpoolP256r1" in words.text("en")
    assert "PPC gateway akzeptiert" in words.text("de")
    assert "Theben CONEXA accepts only secp384r1" in explain_tls_error(refusal,
                                                                        CONEXA_PROFILE).text()
