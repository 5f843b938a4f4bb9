"""The temporary key file of a ``.p12`` login (SECURITY.md, "another local user").

Python's ssl loads a client key only from a file. While that file exists it must be 0600 and
hold the key encrypted with a one-time passphrase (not the .p12 password); afterwards — after
a login, a failed handshake, or an error while loading — no ``trudi-*.pem`` may remain.
"""

from __future__ import annotations

import os
import ssl
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from conftest import settings_for
from trudi_py.errors import ConnectError
from trudi_py.m2m import GatewayClient


@pytest.fixture()
def tmpdir_seen(sim: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                ) -> tuple[Path, list[dict[str, Any]]]:
    """An empty temp dir for the test, and what every key file looked like while loaded."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    seen: list[dict[str, Any]] = []
    real = ssl.SSLContext.load_cert_chain

    def spy(self: ssl.SSLContext, certfile: Any, keyfile: Any = None,
            password: Any = None) -> None:
        path = Path(certfile)
        if path.parent == tmp:
            seen.append({"name": path.name, "mode": path.stat().st_mode & 0o777,
                         "pem": path.read_bytes(), "password": password})
        return real(self, certfile, keyfile, password)

    monkeypatch.setattr(ssl.SSLContext, "load_cert_chain", spy)
    return tmp, seen


def p12_settings(sim: Any, **overrides: Any) -> Any:
    c = sim.data.consumers[0]
    return settings_for(sim, user=None, password=None, p12_path=c.p12_path,
                        p12_password=c.p12_password, **overrides)


def leftovers(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir())


def check_loaded_file(seen: list[dict[str, Any]], p12_password: str) -> None:
    (item,) = seen
    assert item["name"].startswith("trudi-") and item["name"].endswith(".pem")
    if sys.platform != "win32":
        assert item["mode"] == 0o600
    pem = item["pem"]
    assert b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in pem
    assert b"-----BEGIN PRIVATE KEY-----" not in pem and b"BEGIN EC PRIVATE KEY" not in pem
    password = item["password"]
    assert password and password != p12_password and password.encode() not in pem
    assert p12_password.encode() not in pem
    with pytest.raises(TypeError):  # unusable without the one-time passphrase
        load_pem_private_key(pem, None)
    load_pem_private_key(pem, password.encode())


def test_after_a_login_no_key_file_remains(sim: Any, tmpdir_seen: Any) -> None:
    tmp, seen = tmpdir_seen
    with GatewayClient(p12_settings(sim)) as client:
        assert leftovers(tmp) == []  # gone before the first byte is sent
        assert client.connect() == sim.data.consumers[0].userid
    check_loaded_file(seen, sim.data.consumers[0].p12_password)
    assert leftovers(tmp) == []


def test_after_a_handshake_failure_no_key_file_remains(sim: Any, tmpdir_seen: Any) -> None:
    tmp, seen = tmpdir_seen
    with pytest.raises(ConnectError) as err:
        with GatewayClient(p12_settings(sim, curves=("prime256v1",))) as client:
            client.connect()
    assert "secp384r1" in str(err.value)
    check_loaded_file(seen, sim.data.consumers[0].p12_password)
    assert leftovers(tmp) == []


@pytest.mark.parametrize("how", ["corrupt-pem", "crash"])
def test_after_an_error_while_loading_no_key_file_remains(
        sim: Any, tmpdir_seen: Any, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    tmp, seen = tmpdir_seen
    spy = ssl.SSLContext.load_cert_chain

    def broken(self: ssl.SSLContext, certfile: Any, keyfile: Any = None,
               password: Any = None) -> None:
        if how == "crash":
            raise RuntimeError("simulated crash while loading")
        fd = os.open(certfile, os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "wb") as out:  # the PEM turns to garbage under ssl's feet
            out.write(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nnot base64\n")
        return spy(self, certfile, keyfile, password)

    monkeypatch.setattr(ssl.SSLContext, "load_cert_chain", broken)
    expected = RuntimeError if how == "crash" else ConnectError
    with pytest.raises(expected):
        GatewayClient(p12_settings(sim))
    assert leftovers(tmp) == []
    assert len(seen) == (0 if how == "crash" else 1)
