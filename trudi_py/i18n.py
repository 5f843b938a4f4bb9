"""The one language rule of trudi_py, shared by the CLI and the GUI (no Qt here).

A run speaks one language, German or English, chosen from the environment like gettext does:

1. ``TRUDI_LANG`` (``de``/``en``) — an explicit override for this program;
2. the message locale: the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``;
   ``C``/``POSIX`` means English;
3. ``LANGUAGE`` (a colon-separated priority list) wins over (2) unless the locale is ``C``/
   ``POSIX`` — as in GNU gettext; its first ``de``/``en`` entry decides;
4. with none of these set on Windows, the user's locale (``locale.getlocale``);
5. otherwise English (a POSIX system without any of them runs in the ``C`` locale).

German for any ``de*`` locale (``de_DE``, ``de_AT``, ``de_CH`` …), English for everything else.

User-visible messages of the core are English gettext msgids with named ``{placeholders}``;
the German catalogue is ``trudi_py/locale/de/LC_MESSAGES/trudi_py.mo`` (source: the ``.po``
beside it, kept complete by ``tests/test_core_i18n.py``). :func:`msg` marks a message and keeps
it untranslated until a caller asks for a language (errors, findings: the GUI shows German, the
log English); :func:`run_text` translates at once into this run's language (CLI output).
Parameters are filled in after the translation, so a message built with them translates.
"""

from __future__ import annotations

import functools
import gettext
import locale
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

LANGUAGES = ("de", "en")
#: gettext domain and catalogue folder of the core messages (package data).
DOMAIN = "trudi_py"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

log = logging.getLogger("trudi_py")


def _is_c(value: str) -> bool:
    head = value.split(".")[0].split("@")[0].lower()
    return head in ("c", "posix")


def _code(value: str) -> str:
    head = value.strip().lower()
    return "de" if head.startswith("de") or head.startswith("german") else "en"


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """``"de"`` or ``"en"`` for this run, by the rule of this module."""
    env = os.environ if environ is None else environ
    explicit = env.get("TRUDI_LANG", "").strip()
    if explicit:
        return _code(explicit)
    message_locale = next((env[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG")
                           if env.get(var)), "")
    if message_locale and _is_c(message_locale):
        return "en"
    for entry in env.get("LANGUAGE", "").split(":"):
        entry = entry.strip()
        if entry and not _is_c(entry) and entry[:2].lower() in LANGUAGES:
            return entry[:2].lower()
    if message_locale:
        return _code(message_locale)
    if environ is None and sys.platform == "win32":  # no variables: the Windows user locale
        try:
            name = locale.getlocale(locale.LC_CTYPE)[0] or ""
        except ValueError:
            name = ""
        if name and not _is_c(name):
            return _code(name)
    return "en"


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The gettext catalogue of ``lang`` (English: the msgids themselves)."""
    code = "de" if lang.startswith("de") else "en"
    if code == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    except OSError:  # a broken installation: English beats a crash (tests require the file)
        log.warning("German message catalogue missing in %s; messages stay English",
                    LOCALE_DIR)
        return gettext.NullTranslations()


@runtime_checkable
class Localized(Protocol):
    """Anything that can say itself in a language (messages, errors, findings)."""

    def text(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        ...


def _rendered(value: object, lang: str) -> object:
    """A parameter as it is filled in: anything :class:`Localized` speaks ``lang``."""
    # duck typing, not isinstance(Localized): an lxml element has a ``text`` attribute too
    text = getattr(value, "text", None)
    return text(lang) if callable(text) and not isinstance(value, type) else value


@dataclass(frozen=True, eq=False)
class Message:
    """A user-visible text: an English msgid with named placeholders, translated on demand.

    ``params`` fill the placeholders after the translation (``str.format``); a parameter that
    is itself :class:`Localized` (a message, an error, :func:`by_language`) is rendered in the
    same language. ``verbatim`` texts
    (e.g. the gateway's own words) are never looked up.
    """

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)
    verbatim: bool = False

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"de"`` or ``"en"``), parameters filled in."""
        if self.verbatim:
            return self.msgid
        template = catalogue(lang).gettext(self.msgid)
        values = {key: _rendered(value, lang) for key, value in self.params.items()}
        return template.format(**values)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.msgid!r})"


def msg(msgid: str, /, **params: object) -> Message:
    """Mark ``msgid`` (a string literal, English) as a message; translated when shown."""
    return Message(msgid, params)


def verbatim(text: str) -> Message:
    """A text that is shown as it is in every language (no catalogue entry)."""
    return Message(text, verbatim=True)


@dataclass(frozen=True)
class _ByLanguage:
    func: Callable[..., str]
    args: tuple[object, ...]

    def text(self, lang: str = "en") -> str:
        """``func(*args, lang)``."""
        return self.func(*self.args, lang)


def by_language(func: Callable[..., str], *args: object) -> Localized:
    """A parameter rendered per language: ``func(*args, lang)`` (dates, decimals, words)."""
    return _ByLanguage(func, args)


def run_text(msgid: str, /, **params: object) -> str:
    """``msgid`` translated into this run's language (:func:`system_language`) and filled in."""
    return Message(msgid, params).text(system_language())
