"""Low-level helpers of the AR 2418-6 reader: safe parsing, local names, values, times."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from lxml import etree

from trudi_py.errors import CannotCompute, UsageError
from trudi_py.i18n import msg

_DATETIME = re.compile(r"\s*(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?"
                       r"(Z|z|[+-]\d\d:?\d\d)?\s*$")
_HEX = re.compile(r"[0-9A-Fa-f]*")
_ZONES: dict[str, timezone] = {}


class InvalidDocument(UsageError):
    """Not well-formed XML or no AR 2418-6 document (exit 2, "Keine gültige Datei.")."""


def local_name(el: etree._Element) -> str:
    """Local name of an element (empty for comments and entities)."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def kids(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(local name, element) of the child elements."""
    for child in el:
        if isinstance(child.tag, str):
            yield child.tag.rpartition("}")[2], child


def text_of(el: etree._Element | None) -> str | None:
    """All text of an element (like .NET ``XElement.Value``); None for no element."""
    if el is None:
        return None
    return "".join(el.itertext())


def int_of(el: etree._Element, name: str) -> int:
    """An integer element; not a number → :class:`InvalidDocument`."""
    try:
        return int((text_of(el) or "").strip())
    except ValueError:
        raise InvalidDocument(msg("Element {name} is not a number: {value!r}.",
                                  name=name, value=(text_of(el) or '')[:40])) from None


def parse_datetime(text: str, name: str = "dateTime") -> datetime:
    """An ``xs:dateTime``: aware with an offset or Z, naive (= Berlin wall time) without."""
    m = _DATETIME.match(text)
    if not m:
        raise InvalidDocument(msg("Element {name} is not a date and time: {text!r}.",
                                  name=name, text=text[:40]))
    y, mo, d, h, mi, s, frac, zone = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro)
    except ValueError:
        raise InvalidDocument(msg("Element {name} is not a valid date: {text!r}.",
                                  name=name, text=text[:40])) from None
    if zone is None:
        return moment
    tz = _ZONES.get(zone)
    if tz is None:
        if zone in ("Z", "z"):
            tz = UTC
        else:
            body = zone[1:].replace(":", "")
            offset = timedelta(hours=int(body[:2]), minutes=int(body[2:]))
            tz = timezone(-offset if zone[0] == "-" else offset)
        _ZONES[zone] = tz
    return moment.replace(tzinfo=tz)


def valid_hex(text: str | None) -> bool:
    """TRuDI's hex check: not blank, even length, hex digits only."""
    return text is not None and text != "" and not text.isspace() and len(text) % 2 == 0 \
        and bool(_HEX.fullmatch(text))


def safe_root(data: bytes) -> etree._Element:
    """Parse bytes without entities, DTD or network; not XML → :class:`InvalidDocument`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InvalidDocument(msg("Not a valid file: not well-formed XML ({exc}).",
                                  exc=exc)) from None
    if root is None:
        raise InvalidDocument(msg("Not a valid file: empty document."))
    return root


class Collector:
    """Collects parser-rule errors (raised first-come), model issues and unknown names."""

    def __init__(self) -> None:
        self.errors: list[CannotCompute] = []
        self.issues: dict[str, int] = {}
        self.unknown: dict[str, None] = {}

    def issue(self, text: str) -> None:
        """Note a problem of the document (repeats are counted)."""
        self.issues[text] = self.issues.get(text, 0) + 1

    def issue_list(self) -> tuple[str, ...]:
        """The noted problems, each once with its count."""
        return tuple(t if n == 1 else f"{t} ({n}×)" for t, n in self.issues.items())


