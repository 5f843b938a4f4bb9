"""Translations: German complete and consistent, German by default on a German system and by
explicit setting, Qt's own German catalogue installed; no Qt outside trudi_py/gui."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from trudi_py.gui import i18n, prefs

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "trudi_py_de.ts"
QM = REPO / "trudi_py" / "gui" / "i18n" / "trudi_py_de.qm"


def _messages():
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.find("name").text, msg.find("source").text, msg.find("translation")


def test_every_string_translated_with_same_placeholders_and_accelerators():
    count = 0
    for context, source, translation in _messages():
        count += 1
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), \
            (context, source)
        text = translation.text or ""
        assert text, (context, source)
        assert sorted(re.findall(r"\{[^}]*\}", source)) == \
            sorted(re.findall(r"\{[^}]*\}", text)), (context, source)
        amp = r"&(?!nbsp;|amp;|lt;|gt;)"
        assert len(re.findall(amp, source)) == len(re.findall(amp, text)), (context, source)
    assert count > 300


def test_every_tr_string_of_the_code_is_in_the_ts(tmp_path):
    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    files = sorted(str(p) for p in (REPO / "trudi_py" / "gui").rglob("*.py"))
    out = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *files, "-ts", str(out)], check=True, capture_output=True)
    fresh = {(c.find("name").text, m.find("source").text)
             for c in ET.parse(out).getroot().iter("context") for m in c.iter("message")}
    shipped = {(c, s) for c, s, _t in _messages()}
    assert fresh - shipped == set()


def test_qm_is_compiled_from_the_ts(tmp_path):
    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not installed")
    out = tmp_path / "de.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see README there)"


@pytest.mark.parametrize("env, pref, expected", [
    ({"LANG": "de_DE.UTF-8"}, "auto", "de"),
    ({"LANG": "en_US.UTF-8"}, "auto", "en"),
    ({"LANG": "en_US.UTF-8"}, "de", "de"),
    ({"LANG": "de_DE.UTF-8"}, "en", "en"),
    ({"LANG": "C"}, "auto", "en"),
    ({"LANG": "C", "LANGUAGE": "de"}, "auto", "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "auto", "de"),
    ({"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, "auto", "en"),
])
def test_language_choice(monkeypatch, env, pref, expected):
    for var in ("TRUDI_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    prefs.save_language(pref)
    assert i18n.resolve_language() == expected


def test_german_main_window_and_qt_dialogs(qtbot, qapp, monkeypatch):
    from trudi_py.gui.main_window import MainWindow
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    i18n.install(qapp, i18n.resolve_language("auto"))
    win = MainWindow()
    qtbot.addWidget(win)
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert titles[:4] == ["Start", "Verbinden", "Übersicht", "Verträge"]
    assert titles[-1] == "Hilfe und Glossar"
    assert win.connect_page.connect_button.text() == "&Verbinden"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    i18n.install(qapp, "en")
    english = MainWindow()
    qtbot.addWidget(english)
    assert english.nav.item(2).text() == "Overview"
    i18n.install(qapp, "de")


def test_no_module_outside_gui_imports_qt():
    pattern = re.compile(r"^\s*(import|from)\s+(PySide6|PyQt[56]|shiboken6)\b", re.M)
    offenders = []
    for path in (REPO / "trudi_py").rglob("*.py"):
        if "gui" in path.relative_to(REPO / "trudi_py").parts[:1]:
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_icon_and_translation_are_package_data():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "gui/i18n/*.qm" in text and "gui/icons/*.svg" in text
    assert (REPO / "trudi_py" / "gui" / "icons" / "trudi_py.svg").is_file()
    assert QM.is_file()
