"""Tolerant access to the fields of a gateway answer.

The gateway sends every value as a string (numbers and booleans included); other firmware or
test doubles may send real JSON types. These helpers accept both and raise
:class:`~trudi_py.errors.MalformedAnswer` naming the field for anything else, never a bare
``KeyError``/``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import Message, msg

_HEX = re.compile(r"[0-9a-fA-F]{1,512}")


def _bad(path: str, what: Message, value: Any) -> MalformedAnswer:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return MalformedAnswer(
        msg("Gateway answer: field '{path}' {what} (got {shown}).",
            path=path, what=what, shown=shown),
        field=path)


def obj(data: Any, key: str, path: str = "") -> Mapping[str, Any]:
    """``data[key]`` as an object."""
    full = f"{path}.{key}" if path else key
    if not isinstance(data, Mapping):
        raise _bad(path or "(answer)", msg("is not an object"), data)
    if key not in data:
        raise _bad(full, msg("is missing"), None)
    value = data[key]
    if not isinstance(value, Mapping):
        raise _bad(full, msg("is not an object"), value)
    return value


def lst(data: Mapping[str, Any], key: str, path: str = "", *, default: list | None = None) -> list:
    """``data[key]`` as a list (``default`` when absent, if given)."""
    full = f"{path}.{key}" if path else key
    if key not in data or data[key] is None:
        if default is not None:
            return default
        raise _bad(full, msg("is missing"), None)
    value = data[key]
    if not isinstance(value, list):
        raise _bad(full, msg("is not a list"), value)
    return value


def text(data: Mapping[str, Any], key: str, path: str = "", *,
         default: str | None = None, alt: tuple[str, ...] = ()) -> str:
    """``data[key]`` as a string; numbers are accepted and turned into their text."""
    value = data.get(key) if isinstance(data, Mapping) else None
    if type(value) is str:  # the common case: the gateway sends strings
        return value
    full = f"{path}.{key}" if path else key
    for name in (key, *alt):
        if name in data and data[name] is not None:
            value = data[name]
            break
    else:
        if default is not None:
            return default
        raise _bad(full, msg("is missing"), None)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if not isinstance(value, str):
        raise _bad(full, msg("is not text"), value)
    return value


def opt_text(data: Mapping[str, Any], key: str, path: str = "") -> str | None:
    """``data[key]`` as a string, or ``None`` when absent or JSON null."""
    if key not in data or data[key] is None:
        return None
    return text(data, key, path)


def integer(data: Mapping[str, Any], key: str, path: str = "", *,
            default: int | None = None, alt: tuple[str, ...] = ()) -> int:
    """``data[key]`` as an integer, from ``"1830"`` or ``1830``."""
    full = f"{path}.{key}" if path else key
    raw = text(data, key, path, default=None if default is None else str(default), alt=alt)
    return parse_int(raw, full)


def parse_int(raw: str, path: str) -> int:
    """An integer from its decimal text (sign allowed, surrounding blanks tolerated)."""
    stripped = raw.strip()
    body = stripped[1:] if stripped[:1] in "+-" else stripped
    if not body.isascii() or not body.isdigit() or len(body) > 40:
        raise _bad(path, msg("is not an integer"), raw)
    return int(stripped)


def boolean(data: Mapping[str, Any], key: str, path: str = "", *,
            default: bool | None = None) -> bool:
    """``data[key]`` as a boolean, from ``"true"``/``"false"``, ``"1"``/``"0"`` or JSON."""
    full = f"{path}.{key}" if path else key
    if key not in data or data[key] is None:
        if default is not None:
            return default
        raise _bad(full, msg("is missing"), None)
    value = data[key]
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise _bad(full, msg("is not a boolean"), value)


def hex_text(data: Mapping[str, Any], key: str, path: str = "", *,
             default: str | None = None, length: int | None = None) -> str:
    """``data[key]`` as lower-case hex digits (optionally of a fixed length)."""
    full = f"{path}.{key}" if path else key
    value = text(data, key, path, default=default).strip()
    if value == "" and default == "":
        return ""
    if not _HEX.fullmatch(value):
        raise _bad(full, msg("is not hex"), value)
    if length is not None and len(value) != length:
        raise _bad(full, msg("is not {length} hex digits", length=length), value)
    return value.lower()
