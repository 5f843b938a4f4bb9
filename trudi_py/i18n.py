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
"""

from __future__ import annotations

import locale
import os
import sys
from collections.abc import Mapping

LANGUAGES = ("de", "en")


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


def pick(en: str, de: str) -> str:
    """``en`` or ``de``, whichever this run speaks (for short CLI messages)."""
    return de if system_language() == "de" else en
