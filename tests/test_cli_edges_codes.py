"""Exit codes, usage checks before connecting, one language per run, archive --out DIR/,
pin mismatch wording, help metavars (issue 12). Against the simulator over real TLS."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import POSIX, POSIX_ONLY, REPO

from trudi_py.cli import build_parser, main
from trudi_py.errors import EXIT_CODES
from trudi_py.i18n import system_language
from trudi_py.m2m import PinStore

_LOCALE_VARS = ("TRUDI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture()
def locale(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set the locale of an in-process run: ``locale("de_DE.UTF-8")``."""
    def set_locale(lang: str) -> None:
        for var in _LOCALE_VARS:
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LANG", lang)
    set_locale("C")
    return set_locale


@pytest.fixture()
def conn(sim, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    c = sim.data.consumers[0]
    monkeypatch.setenv("TRUDI_PASSWORD", c.password)
    return ["--url", sim.url, "--user", c.user, "--pin", f"sha256:{sim.fingerprint}"]


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the language rule -----------------------------------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_AT.UTF-8"}, "de"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:en"}, "de"),
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:en"}, "en"),
    ({"LANG": "C", "LANGUAGE": "de"}, "en"),  # gettext ignores LANGUAGE in the C locale
    ({"LANG": "de_DE.UTF-8", "TRUDI_LANG": "en"}, "en"),
])
def test_language_rule(env: dict[str, str], expected: str) -> None:
    assert system_language(env) == expected


def test_gui_uses_the_shared_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from trudi_py.gui import i18n as gui_i18n
    for env in ({"LANG": "de_DE.UTF-8"}, {"LANG": "C"}, {"LANG": "C", "LC_ALL": "de_DE"}):
        for var in _LOCALE_VARS:
            monkeypatch.delenv(var, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        assert gui_i18n.system_language() == system_language()


def test_usage_error_in_one_language(sim, conn, capsys, locale) -> None:  # type: ignore[no-untyped-def]
    locale("de_DE.UTF-8")
    code, _, err = _main(capsys, "log", *conn, "--from", "2026-13-01")
    assert code == 2
    assert err.startswith("Fehler: Ungültiges Datum für --from: '2026-13-01'")
    assert "error" not in err and "not a date" not in err
    locale("C")
    code, _, err = _main(capsys, "log", *conn, "--from", "2026-13-01")
    assert code == 2 and err.startswith("error: Bad date for --from: '2026-13-01'")


def test_missing_password_in_one_language(sim, capsys, locale, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TRUDI_PASSWORD", raising=False)
    locale("de_DE.UTF-8")
    code, _, err = _main(capsys, "info", "--url", sim.url, "--user", "x")
    assert code == 2 and err.startswith("Fehler: Passwort fehlt: TRUDI_PASSWORD setzen")


# -- checked before any connection -----------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["log", "--from", "2026-10-05", "--to", "2026-10-01"], "--to (2026-10-01) lies before"),
    (["log", "--to", "yesterday"], "Bad date for --to: 'yesterday'"),
    (["log", "--level", "warn"], "Unknown --level 'warn'"),
    (["log", "--level", "9"], "Unknown --level '9'"),
    (["readings", "taf7", "--from", "2026-10-05", "--to", "2026-10-01"], "lies before"),
    (["readings", "taf7", "--from", "5.10.2026"], "Bad date for --from"),
])
def test_usage_errors_need_no_gateway(sim, conn, capsys, argv, message) -> None:  # type: ignore[no-untyped-def]
    sim.reset_counters()
    code, out, err = _main(capsys, *argv, *conn)
    assert code == 2 and message in err and out == ""
    assert sim.handshakes == 0 and sim.connections == 0


def test_log_level_names_and_numbers_filter(sim, conn, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = _main(capsys, "log", *conn, "--level", "warning,3", "--json")
    assert code == 0
    levels = set(re.findall(r'"level": "([^"]+)"', out))
    assert levels and levels <= {"4", "3", "warning", "error"}


def test_missing_p12_file_is_a_usage_error(sim, capsys, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRUDI_P12_PASSWORD", "x")
    sim.reset_counters()
    code, _, err = _main(capsys, "info", "--url", sim.url, "--p12", str(tmp_path / "no.p12"))
    assert code == 2 and "does not exist" in err and sim.handshakes == 0


def test_write_error_of_out_is_exit_9(sim, conn, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = _main(capsys, "log", *conn, "--out", str(blocker / "log.csv"))
    assert code == 9 and "Cannot write" in err and "internal error" not in err


@pytest.mark.skipif(not POSIX, reason=POSIX_ONLY)
def test_ctrl_c_gives_130(sim, conn) -> None:  # type: ignore[no-untyped-def]
    sim.latency_ms = 8_000
    sim.reset_counters()
    proc = subprocess.Popen([sys.executable, "-m", "trudi_py", "info", *conn],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 30
        while sim.handshakes == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill() if proc.poll() is None else None
    assert proc.returncode == 130, err
    assert err.strip() == "cancelled"


# -- pins ------------------------------------------------------------------------------------

def test_mistyped_pin_says_not_the_pinned_certificate(sim, conn, capsys) -> None:  # type: ignore[no-untyped-def]
    wrong = "sha256:" + ("0" * 64)
    argv = [a if not a.startswith("sha256:") else wrong for a in conn]
    code, _, err = _main(capsys, "info", *argv)
    assert code == 5
    assert "This is not the pinned certificate" in err and "--pin" in err
    assert sim.fingerprint in err and "pins forget" not in err


def test_stale_stored_pin_names_pins_forget(sim, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRUDI_PASSWORD", sim.data.consumers[0].password)
    PinStore().set(sim.url, "ab" * 32, "CN=old")
    code, _, err = _main(capsys, "info", "--url", sim.url, "--user",
                         sim.data.consumers[0].user)
    assert code == 5
    assert "This is not the pinned certificate" in err
    assert f"trudi-py pins forget {sim.url}" in err


# -- archive --out and its codes -------------------------------------------------------------

def test_archive_into_a_folder_and_the_codes_around_it(sim, conn, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "archives"
    folder.mkdir()
    fast = ["--no-excel", "--no-report"]
    code, out, err = _main(capsys, "archive", *conn, *fast, "--out", f"{folder}{os.sep}")
    assert code == 0, err
    made = [p.name for p in folder.iterdir()]
    assert len(made) == 1 and re.fullmatch(r"smgw-[0-9A-Z]+-\d{8}\.zip", made[0]), made
    assert zipfile.is_zipfile(folder / made[0])
    # the same again: "exists already" is not "verification found a problem" (7)
    code, _, err = _main(capsys, "archive", *conn, *fast, "--out", str(folder))
    assert code == 2 and "exists already" in err
    # nothing to resume: a usage matter too
    code, _, err = _main(capsys, "archive", *conn, "--resume", "--out", str(tmp_path / "x.zip"))
    assert code == 2 and "Nothing to resume" in err


@pytest.mark.parametrize("suffix", ["/", os.sep])
def test_archive_into_a_missing_folder_is_refused(sim, conn, capsys, tmp_path, suffix) -> None:  # type: ignore[no-untyped-def]
    sim.reset_counters()
    code, _, err = _main(capsys, "archive", *conn, "--out", f"{tmp_path / 'new'}{suffix}")
    assert code == 2 and "does not exist" in err
    assert list(tmp_path.iterdir()) == [] and sim.handshakes == 0


# -- verify on something that is no ZIP ------------------------------------------------------

def _truncated_zip(tmp_path: Path) -> Path:
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("a.csv", os.urandom(4000).hex())
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:3000])
    return cut


@pytest.mark.parametrize("lang, words", [("C", "is not a readable ZIP archive"),
                                         ("de_DE.UTF-8", "ist kein lesbares ZIP-Archiv")])
def test_verify_non_zip_is_one_paragraph(capsys, tmp_path, locale, lang, words) -> None:  # type: ignore[no-untyped-def]
    locale(lang)
    text = tmp_path / "notes.zip"
    text.write_text("hello")
    for path in (text, _truncated_zip(tmp_path)):
        code, out, err = _main(capsys, "verify", str(path))
        assert code == 7 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and str(path) in lines[0]
        assert "not-readable" not in err


def test_verify_report_in_german_is_german(capsys, locale, tmp_path) -> None:  # type: ignore[no-untyped-def]
    locale("de_DE.UTF-8")
    bad = tmp_path / "empty.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "not an archive")
    code, out, _ = _main(capsys, "verify", str(bad))
    assert code == 7 and "Archivprüfung" in out and "Archive verification" not in out


# -- help ------------------------------------------------------------------------------------

def _help(*argv: str) -> str:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args([*argv, "--help"])
    return ""


def test_help_shows_metavars(capsys) -> None:  # type: ignore[no-untyped-def]
    for argv, wanted in ((["readings"], ["--from DATE", "--to DATE", "--out FILE"]),
                         (["log"], ["--from DATE", "--to DATE", "--level LIST"]),
                         (["demo"], ["--tour DIR", "--port PORT", "--state-dir DIR"]),
                         (["archive"], ["--out FILE|DIR", "--p12 FILE", "--url URL"])):
        _help(*argv)
        text = capsys.readouterr().out
        for item in wanted:
            assert item in text, (argv, item)


def test_one_exit_code_table_in_help_and_readme(capsys) -> None:  # type: ignore[no-untyped-def]
    _help()
    text = capsys.readouterr().out
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES:
        assert re.search(rf"^\s+{code}\s+{re.escape(meaning)}$", text, re.MULTILINE), code
        assert f"| {code} | {meaning} |" in readme, code


def test_no_import_probes_in_the_cli() -> None:
    for name in ("__init__.py", "local_commands.py", "archive_verify.py"):
        assert "except ImportError" not in (REPO / "trudi_py" / "cli" / name).read_text()


@pytest.fixture(scope="module")
def small_archive(sim_state, tmp_path_factory):  # type: ignore[no-untyped-def]
    from helpers import NOW, settings_for

    from trudi_py.jobs.archive import archive
    from trudi_py.simulator import Simulator, SimulatorConfig
    out = tmp_path_factory.mktemp("edges-archive") / "a.zip"
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0)) as sim:
        result = archive(settings_for(sim, 1), out, excel=False, report=False)
    assert result.complete
    return out


def test_verify_of_a_damaged_archive_speaks_one_language(  # type: ignore[no-untyped-def]
        small_archive, tmp_path, capsys, locale) -> None:
    from trudi_py.archive.integrity import check_archive
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(small_archive) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item.filename, body + b"x\n" if item.filename == "logbook.csv"
                         else body)
    problems = check_archive(bad).problems
    assert {p.code for p in problems} >= {"gap", "csv-mismatch", "hash-mismatch"}
    assert all(p.text("de") and p.text("de") != p.message for p in problems)
    locale("de_DE.UTF-8")
    code, out, err = _main(capsys, "verify", str(bad))
    assert code == 7
    assert "keine Werte zwischen" in out and "logbook.csv weicht von den Rohantworten ab" in err
    for english in ("no values between", "differs from", "Archive verification",
                    "\nmismatch:", "usage point"):
        assert english not in "\n" + out + err, english
    locale("C")
    code, out, err = _main(capsys, "verify", str(bad))
    assert code == 7 and "no values between" in out and "differs from the raw" in err
    assert "keine Werte" not in out + err


@pytest.mark.parametrize("lang, wanted, unwanted", [
    ("de_DE.UTF-8", ["Statuswort:", "Gateway-Zeit:", "Abweichung"], ["State word", "drift"]),
    ("C", ["State word:", "Gateway time:", "drift"], ["Statuswort", "Abweichung"]),
])
def test_info_speaks_the_run_language(sim, conn, capsys, locale, lang, wanted, unwanted) -> None:  # type: ignore[no-untyped-def]
    locale(lang)
    code, out, _ = _main(capsys, "info", *conn)
    assert code == 0
    assert all(w in out for w in wanted) and not any(u in out for u in unwanted)
