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
from helpers import settings_for

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
        if tmp in path.parents:
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
    return sorted(p.name for p in tmp.rglob("*") if p.is_file())


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


# -- bounded PKCS#12 input and clean-up after a killed run (issue 13) -------------------------
from trudi_py.errors import CredentialsError  # noqa: E402
from trudi_py.m2m.tls import KEY_PREFIX, MAX_P12_BYTES, key_dir, read_p12, sweep_key_files  # noqa: E402


def test_p12_fifo_and_device_are_refused_without_hanging(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "login.p12"
    os.mkfifo(fifo)
    with pytest.raises(CredentialsError, match="not a regular file"):
        read_p12(fifo)  # before the fix: blocks forever waiting for a writer
    if Path("/dev/zero").exists():
        with pytest.raises(CredentialsError, match="not a regular file"):
            read_p12(Path("/dev/zero"))  # before the fix: reads without end


def test_p12_too_large_or_with_trailing_data_is_refused(sim: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.p12"
    with open(big, "wb") as out:
        out.truncate(MAX_P12_BYTES + 1)
    with pytest.raises(CredentialsError, match="too large"):
        read_p12(big)
    real = Path(sim.data.consumers[0].p12_path).read_bytes()
    assert read_p12(Path(sim.data.consumers[0].p12_path)) == real
    trailing = tmp_path / "trailing.p12"
    trailing.write_bytes(real + b"garbage")
    with pytest.raises(CredentialsError, match="data after its end"):
        read_p12(trailing)


def test_key_file_of_a_killed_run_is_deleted_at_the_next_start(
        sim: Any, tmpdir_seen: tuple[Path, list[dict[str, Any]]]) -> None:
    import subprocess
    tmp, _ = tmpdir_seen
    folder = key_dir()
    assert tmp in folder.parents
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = folder / f"{KEY_PREFIX}{dead}-abc123.pem"
    left.write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    mine = folder / f"{KEY_PREFIX}{os.getpid()}-busy.pem"
    mine.write_bytes(b"in use by this process")
    with GatewayClient(p12_settings(sim)) as client:
        client.connect()
    assert not left.exists() and mine.exists()
    mine.unlink()
    assert sweep_key_files(folder) == []


def test_unregistered_client_certificate_is_login_refused(sim: Any) -> None:
    from trudi_py.errors import AuthError
    from trudi_py.simulator.pki import issue_client_p12
    path, _ = issue_client_p12(sim.config.state_dir, "stranger", "pw")
    settings = settings_for(sim, user=None, password=None, p12_path=path, p12_password="pw")
    with pytest.raises(AuthError) as info, GatewayClient(settings) as client:
        client.connect()
    assert info.value.exit_code == 4 and "not know this client certificate" in \
        info.value.message
