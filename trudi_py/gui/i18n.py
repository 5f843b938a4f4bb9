"""Language choice and Qt translators.

English is the source language of all user-visible strings (``self.tr``); German comes from
``trudi_py/gui/i18n/trudi_py_de.qm`` (compiled from ``resources/translations/trudi_py_de.ts``)
plus Qt's own ``qtbase_de.qm`` for standard dialogs. The language follows the rule shared with
the CLI (:func:`trudi_py.i18n.system_language`: German on a German locale, English otherwise);
the settings can force either language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trudi_py import i18n as core_i18n
from trudi_py.errors import TrudiError
from trudi_py.gui import prefs

log = logging.getLogger("trudi_py.gui")

QM_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("de", "en")
_state: dict[str, str] = {"language": "en"}
_translators: list[QTranslator] = []


def system_language() -> str:
    """The language of this run by the rule shared with the CLI (:mod:`trudi_py.i18n`)."""
    return core_i18n.system_language()


def resolve_language(preference: str | None = None) -> str:
    """The language to use: an explicit preference wins, else the system's."""
    choice = preference if preference is not None else prefs.load_language()
    return choice if choice in LANGUAGES else system_language()


def install(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` (replacing earlier ones); returns it."""
    for old in _translators:
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if language == "de":
        ours = QTranslator(app)
        if ours.load(str(QM_DIR / "trudi_py_de.qm")):
            translators.append(ours)
        else:
            log.warning("German translation not found in %s", QM_DIR)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load("qtbase_de", qt_dir):
            translators.append(qtbase)
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    for translator in translators:
        app.installTranslator(translator)
    _state["language"] = language
    _translators[:] = translators
    return language


def current_language() -> str:
    """The language installed now: "de" or "en"."""
    return _state["language"]


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (context = a class-like name for lupdate)."""
    return QCoreApplication.translate(context, text)


def error_text(exc: BaseException) -> str:
    """A user-facing message: ours in the current language, anything else as a bug note."""
    if isinstance(exc, TrudiError):
        return exc.text(current_language())
    return QCoreApplication.translate(
        "Errors", "Internal error (a bug in trudi_py, please report it): {0}").format(
        type(exc).__name__)


def decimal_text(text: str) -> str:
    """An exact decimal string with the current locale's decimal separator (no rounding)."""
    return text.replace(".", QLocale().decimalPoint()) if "." in text else text
