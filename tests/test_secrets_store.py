"""Optional keyring storage of the Digest password (off by default), with an in-memory
keyring backend; without a usable backend nothing is stored and nothing fails."""

from __future__ import annotations

import sys

import pytest
from helpers import MemoryKeyring

from trudi_py.errors import CredentialsError
from trudi_py.logsetup import redact
from trudi_py.m2m import secrets_store


def test_save_load_forget_keyed_by_gateway_and_user(memory: MemoryKeyring) -> None:
    assert secrets_store.available()
    secrets_store.save("192.200.1.100", "consumer1", "s3cret-pw")
    assert memory.items == {("trudi_py", "https://192.200.1.100:443 consumer1"): "s3cret-pw"}
    assert secrets_store.load("https://192.200.1.100:443", "consumer1") == "s3cret-pw"
    assert secrets_store.load("https://192.200.1.100:8443", "consumer1") is None
    assert secrets_store.load("192.200.1.100", "consumer2") is None
    assert redact("pw=s3cret-pw") == "pw=***"  # a stored password is a registered secret
    assert secrets_store.forget("192.200.1.100", "consumer1")
    assert not secrets_store.forget("192.200.1.100", "consumer1")
    assert secrets_store.load("192.200.1.100", "consumer1") is None and memory.items == {}


def test_locked_keyring_is_nothing_stored_and_a_clear_error(memory: MemoryKeyring) -> None:
    memory.locked = True
    assert secrets_store.load("192.200.1.100", "consumer1") is None
    with pytest.raises(CredentialsError) as err:
        secrets_store.save("192.200.1.100", "consumer1", "pw-not-in-message")
    assert "KeyringLocked" in str(err.value) and "pw-not-in-message" not in str(err.value)


def test_without_a_backend_nothing_is_stored_and_nothing_fails(no_backend: None) -> None:
    assert not secrets_store.available()
    assert secrets_store.load("192.200.1.100", "consumer1") is None
    assert not secrets_store.forget("192.200.1.100", "consumer1")
    with pytest.raises(CredentialsError):
        secrets_store.save("192.200.1.100", "consumer1", "pw")


def test_without_the_package_nothing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring → ImportError
    assert not secrets_store.available()
    assert secrets_store.load("192.200.1.100", "consumer1") is None
