"""The GUI shows the core's messages (errors, findings) from the gettext catalogue in the
GUI's own language, which may differ from the system's (settings → language)."""

from __future__ import annotations

from trudi_py.errors import UsageError
from trudi_py.gui import i18n
from trudi_py.i18n import msg
from trudi_py.verify.result import Finding


def test_errors_and_findings_follow_the_gui_language(qapp, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("TRUDI_LANG", "en")  # the system says English, the GUI is switched
    error = UsageError(msg("Years of history must be between 1 and {limit} (got {years}).",
                           limit=20, years=30))
    finding = Finding("warning", "schema", msg("The {file} does not validate against "
                                               "AR_2418-6.xsd (line {line}: {message}).",
                                               file=msg("device file"), line=3, message="x"))
    i18n.install(qapp, "de")
    assert i18n.error_text(error) == "Die Jahre an Verlauf müssen zwischen 1 und 20 liegen " \
                                     "(angegeben: 30)."
    assert finding.text(i18n.current_language()) == \
        "Die Gerätedatei entspricht nicht dem Schema AR_2418-6.xsd (Zeile 3: x)."
    i18n.install(qapp, "en")
    assert i18n.error_text(error) == "Years of history must be between 1 and 20 (got 30)."
    i18n.install(qapp, "de")


def test_the_gui_and_the_cli_share_one_language_resolver(monkeypatch) -> None:
    from trudi_py import i18n as core
    for value, expected in (("de_AT.UTF-8", "de"), ("C", "en"), ("fr_FR.UTF-8", "en")):
        monkeypatch.setenv("LC_ALL", value)
        monkeypatch.delenv("TRUDI_LANG", raising=False)
        assert i18n.system_language() == core.system_language() == expected
