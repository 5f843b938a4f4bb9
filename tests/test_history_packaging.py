"""The shipped systemd user units and the schtasks recipe run a valid ``trudi-py sync``."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest

from trudi_py.cli import build_parser
from trudi_py.cli.history_commands import cmd_sync

ROOT = Path(__file__).resolve().parents[1]


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((ROOT / "packaging" / "systemd" / name).read_text("utf-8"))
    return parser


def _assert_sync_command(line: str) -> None:
    argv = shlex.split(line)
    assert argv[0] == "trudi-py" and argv[1] == "sync"
    args = build_parser().parse_args(argv[1:])
    assert args.func is cmd_sync
    assert args.url and (args.user or args.p12)
    assert not args.force  # a timer must respect the 15-minute rule and back-offs
    assert not re.search(r"password|TRUDI_PASSWORD", line, re.I)  # no secret in the file


def test_systemd_service_and_timer() -> None:
    service = _unit("trudi-py-sync.service")
    assert set(service.sections()) == {"Unit", "Service"}
    assert service["Service"]["Type"] == "oneshot"
    assert "10" in service["Service"]["SuccessExitStatus"].split()
    _assert_sync_command(service["Service"]["ExecStart"])
    timer = _unit("trudi-py-sync.timer")
    assert set(timer.sections()) == {"Unit", "Timer", "Install"}
    assert re.fullmatch(r"\d+(h|min)", timer["Timer"]["OnUnitActiveSec"])
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_windows_scheduled_task() -> None:
    text = (ROOT / "packaging" / "windows" / "trudi-py-sync-task.cmd").read_text("utf-8")
    (line,) = [x for x in text.splitlines() if x.startswith("schtasks ")]
    argv = shlex.split(line, posix=True)
    assert argv[1] == "/Create" and "/SC" in argv and "/TN" in argv
    assert argv[argv.index("/SC") + 1] in ("HOURLY", "DAILY", "MINUTE")
    _assert_sync_command(argv[argv.index("/TR") + 1])


def test_unattended_password_comes_from_the_keyring(monkeypatch) -> None:
    keyring = pytest.importorskip("keyring")
    from helpers import MemoryKeyring
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        _check_keyring(monkeypatch)
    finally:
        keyring.set_keyring(previous)


def _check_keyring(monkeypatch) -> None:
    from trudi_py.cli.connect import settings_from_args
    from trudi_py.cli.history_commands import _password_from_keyring
    from trudi_py.m2m import secrets_store
    monkeypatch.delenv("TRUDI_PASSWORD", raising=False)
    secrets_store.save("https://192.168.1.200", "consumer1", "s3cret")
    args = build_parser().parse_args(["sync", "--url", "https://192.168.1.200",
                                      "--user", "consumer1"])
    with _password_from_keyring(args):
        settings = settings_from_args(args)
    assert settings.password == "s3cret"
    import os
    assert "TRUDI_PASSWORD" not in os.environ
