"""Core messages through gettext: every message id of the code has a German translation with
the same placeholders, no catalogue entry is unused, the shipped .mo is the compiled .po, and
the CLI and the GUI speak the language of the one resolver (trudi_py.i18n.system_language)."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys

import pytest
from helpers import REPO

from trudi_py import i18n
from trudi_py.errors import PinMismatch, SelfTestLocked, TrudiError, UsageError
from trudi_py.i18n import Message, by_language, msg, run_text, verbatim

PO = REPO / "trudi_py" / "locale" / "de" / "LC_MESSAGES" / "trudi_py.po"
MO = PO.with_suffix(".mo")
TOOL = REPO / "resources" / "translations" / "core_catalog.py"


def _tool():  # the catalogue script is no package module: load it from its file
    spec = importlib.util.spec_from_file_location("core_catalog", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def catalog(tool):
    return tool.read_po(PO)


def test_every_message_of_the_code_has_a_german_translation(tool, catalog):
    found = tool.extract()
    assert found.problems == []  # literals only, placeholders = parameters
    assert len(found.places) > 350
    missing = [m for m in found.places if catalog.get(m) is None or not catalog.get(m).string]
    assert missing == []
    for msgid in found.places:
        german = catalog.get(msgid).string
        # a translation may leave a detail out, never invent one (KeyError at run time)
        assert tool.placeholders(german) <= tool.placeholders(msgid), (msgid, german)
        assert german != msgid or not any(c.isalpha() for c in msgid) or \
            msgid in _SAME_IN_GERMAN, msgid


#: Ids whose German text is the English one (format strings, technical words).
_SAME_IN_GERMAN = {"fatal", "{member}: {what}", "{name}: {exc}", "{label}: {finding}",
                   "user-info.json: {error}"}


def test_no_catalogue_entry_is_unused(tool, catalog):
    used = set(tool.extract().places)
    stale = [m.id for m in catalog if m.id and m.id not in used]
    assert stale == []


def test_the_shipped_mo_is_the_compiled_po(tool, catalog):
    assert MO.read_bytes() == tool.compiled(catalog)


def test_no_german_text_outside_the_catalogue_in_error_calls():
    """No TrudiError subclass gets a string literal or f-string: messages go through msg()."""
    errors = {name for name, value in vars(sys.modules["trudi_py.errors"]).items()
              if isinstance(value, type) and issubclass(value, TrudiError)}
    errors |= {"InvalidDocument", "MemberProblem", "RowLimit"}
    errors -= {"PinMismatch", "UnknownCertificate"}  # their arguments are data, not text
    offenders = []
    for path in sorted((REPO / "trudi_py").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in errors:
                text_args = [a for a in node.args
                             if isinstance(a, ast.JoinedStr) or (isinstance(a, ast.Constant)
                                                                and isinstance(a.value, str)
                                                                and " " in a.value)]
                if text_args:
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_parameters_are_filled_in_after_the_translation():
    locked = SelfTestLocked(42)
    assert locked.text("en") == "Self-test is locked for another 42 s."
    assert locked.text("de") == "Selbsttest ist noch 42 s gesperrt."
    assert str(locked) == locked.message == locked.args[0] == locked.text("en")


def test_nested_messages_errors_and_per_language_values_follow_the_language():
    inner = UsageError(msg("--timeout must be positive."))
    outer = msg("error: {text}", text=inner)
    assert outer.text("en") == "error: --timeout must be positive."
    assert outer.text("de") == "Fehler: --timeout muss positiv sein."
    when = by_language(lambda n, lang: f"{n}-{lang}", 7)
    assert msg("{member}: {what}", member=when, what=msg("is missing")).text("de") == \
        "7-de: fehlt"


def test_plain_and_verbatim_texts_are_never_looked_up():
    assert TrudiError("Gateway says: {kaputt}").text("de") == "Gateway says: {kaputt}"
    assert verbatim("is missing").text("de") == "is missing"
    assert Message("is missing").text("de") == "fehlt"


def test_an_unknown_language_speaks_english():
    assert msg("is missing").text("fr") == "is missing"


def test_run_text_uses_the_one_resolver(monkeypatch):
    monkeypatch.setenv("TRUDI_LANG", "de")
    assert i18n.system_language() == "de"
    assert run_text("{n_entries} entries", n_entries=3) == "3 Einträge"
    monkeypatch.setenv("TRUDI_LANG", "en")
    assert run_text("{n_entries} entries", n_entries=3) == "3 entries"


def test_pin_mismatch_is_german_in_german():
    exc = PinMismatch("https://gw:443", "aa" * 32, "bb" * 32)
    assert exc.text("de").startswith("Das Zertifikat von https://gw:443 hat sich geändert")
    assert exc.message.startswith("The certificate of https://gw:443 has changed")


def _cli(env_lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "TRUDI_LANG",
                        "TRUDI_URL", "TRUDI_PASSWORD", "TRUDI_P12_PASSWORD")}
    env["LANG"] = env_lang
    return subprocess.run([sys.executable, "-m", "trudi_py", *args], env=env,
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_a_cli_error_prints_in_the_users_language():
    """cli.md: one language per run for messages, from the locale (the log stays English)."""
    german = _cli("de_DE.UTF-8", "info", "--user", "x")
    assert german.returncode == 2
    assert german.stderr.strip() == "Fehler: Keine Gateway-Adresse: --url https://HOST[:PORT] " \
                                    "oder TRUDI_URL angeben."
    english = _cli("C.UTF-8", "info", "--user", "x")
    assert english.returncode == 2
    assert english.stderr.strip() == "error: No gateway address: give --url " \
                                     "https://HOST[:PORT] or set TRUDI_URL."


def test_catalogue_is_package_data_for_wheel_and_windows_build():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "locale/*/LC_MESSAGES/*.mo" in text
    build = (REPO / "packaging" / "windows" / "build.py").read_text(encoding="utf-8")
    assert "pkgs/trudi_py/locale/de/LC_MESSAGES/trudi_py.mo" in build
    assert i18n.LOCALE_DIR == REPO / "trudi_py" / "locale"
    assert (i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "trudi_py.mo").is_file()
