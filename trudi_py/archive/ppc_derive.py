"""Re-deriving a PPC archive's tables from its raw pages, and checking its signed exports.

The raw answers are replayed in request order exactly as the client read them: per session
(a ``login`` starts one) the meter dropdown's ``mid`` and the values form's fresh ``mid``
name a meter; each ``showMeterValues`` query (page 1, then its next pages) resolves its local
times newest first from the query's ``to``; ``showLogData`` likewise. A page the portal
refused (row limit, session) is skipped as the client skipped it. The result is compared
with ``readings/…/origin.csv`` and ``logbook.csv`` by :mod:`.ppc_integrity`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from lxml import etree

from trudi_py.errors import GatewayError, MalformedAnswer, TrudiError
from trudi_py.i18n import msg
from trudi_py.model.logbook import LogEntry
from trudi_py.model.times import parse_time
from trudi_py.vendors.ppc import logbook as ppc_logbook
from trudi_py.vendors.ppc import pages
from trudi_py.vendors.ppc.export import parse_export, signed_content
from trudi_py.vendors.ppc.mapping import PpcValue, local_to_utc_latest, resolve
from trudi_py.vendors.ppc.query import Meter
from trudi_py.vendors.ppc.tariffs import TariffRegister, register_rows
from trudi_py.verify.cms import verify_signed_profile


@dataclass
class RawPage:
    """One replayed raw answer: its number, action, form fields, status and body."""

    seq: int
    action: str
    fields: dict[str, str]
    status: int | None
    body: bytes


@dataclass
class Derived:
    """What the raw pages hold: values per meter label, logbook windows, refused pages."""

    values: dict[str, list[PpcValue]] = field(default_factory=dict)
    log_windows: list[list[LogEntry]] = field(default_factory=list)
    registers: list[TariffRegister] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (seq, why)


class _Session:
    """The mids of one portal session (they rotate per login)."""

    def __init__(self) -> None:
        self.dropdown: dict[str, str] = {}
        self.fresh: dict[str, str] = {}
        self.query_label = ""
        self.last: tuple[str, datetime] | None = None
        self.upper: datetime | None = None
        self.log_upper: datetime | None = None


def _doc(page: RawPage) -> Any:
    """The parsed page, or None when the portal refused (an error page) or it is no page."""
    if page.status != 200 or not page.body:
        return None
    try:
        doc = pages.parse(page.body.decode("utf-8", "replace"))
        pages.check_errors(doc)
    except TrudiError:
        return None
    return doc


def derive(raw: Iterator[RawPage]) -> Derived:
    """Replay the raw answers (in request order) as the client read them."""
    out = Derived()
    s = _Session()
    for page in raw:
        if page.action == "login":
            s = _Session()
            continue
        doc = _doc(page)
        if doc is None:
            continue
        try:
            _one(page, doc, s, out)
        except GatewayError as exc:  # a page the client could not read either
            out.unreadable.append((page.seq, exc.message))
    return out


def _one(page: RawPage, doc: Any, s: _Session, out: Derived) -> None:
    f = page.fields
    if page.action == "meterform":
        s.dropdown = dict(pages.meter_options(doc))
    elif page.action == "showMeterValuesForm":
        fresh = pages.fresh_mid(doc)
        label = s.dropdown.get(f.get("mid", ""), "")
        if fresh:
            s.fresh[fresh] = label
    elif page.action == "showMeterValues":
        if f.get("page", "1") == "1":
            label = s.fresh.get(f.get("mid", "")) or s.dropdown.get(f.get("mid", ""), "")
            s.query_label, s.last = label, None
            s.upper = local_to_utc_latest(f.get("to", ""))
        if not pages.has_values_table(doc) or s.upper is None:
            return
        got, s.last = resolve(pages.value_rows(doc), s.upper, s.last)
        out.values.setdefault(s.query_label, []).extend(got)
    elif page.action == "showTarificationRegister":
        out.registers += register_rows(doc)
    elif page.action == ppc_logbook.LOG_SHOW:
        if f.get("page", "1") == "1":
            s.log_upper = local_to_utc_latest(f.get("to", ""))
            out.log_windows.append([])
        if s.log_upper is None or not out.log_windows:
            return
        entries, s.log_upper = ppc_logbook.to_entries(
            ppc_logbook.log_rows(doc), s.log_upper, len(out.log_windows[-1]))
        out.log_windows[-1].extend(entries)


def meter_of(label: str) -> Meter:
    """The meter a dropdown label names."""
    return Meter("", label)


@dataclass(frozen=True)
class ExportCheck:
    """One export container: its signature (against the certificate it carries) and values."""

    member: str
    signature: str  # "valid" | "invalid" | "unreadable" | "no-certificate"
    reason: str
    values: dict[tuple[str, datetime], str]  # (obis, target) → raw value, valid ones
    log: frozenset[tuple[datetime, str]] = frozenset()  # (time, event id) of a log export


_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _log_keys(container: bytes) -> frozenset[tuple[datetime, str]]:
    """(time, event id) of every entry of a logbook export."""
    root = etree.fromstring(signed_content(container), _XML)
    out = set()
    for event in root.xpath("//*[local-name()='entry']/*[local-name()='event']"):
        stamp = event.xpath("./*[local-name()='timestamp']/text()")
        ident = event.xpath(".//*[local-name()='event_id']/text()")
        if not stamp:
            raise MalformedAnswer(msg("A logbook export entry has no timestamp."),
                                  field="timestamp")
        out.add((parse_time(str(stamp[0]).strip()), str(ident[0]).strip() if ident else ""))
    return frozenset(out)


def check_export(member: str, container: bytes, owner: str, kind: str = "values"
                 ) -> ExportCheck:
    """The CMS signature of an export, checked with the signer certificate inside it (who
    that certificate belongs to the portal does not tell); the valid values of a values
    export, the entries of a logbook export."""
    try:
        info = cms.ContentInfo.load(container)
        certs = [c.chosen for c in info["content"]["certificates"] or []
                 if isinstance(c.chosen, asn1_x509.Certificate)]
    except (ValueError, TypeError, KeyError) as exc:
        return ExportCheck(member, "unreadable", f"CMS container not readable ({exc})", {})
    if not certs:
        return ExportCheck(member, "no-certificate", "the container carries no certificate",
                           {})
    result = None
    for cert in certs:
        result = verify_signed_profile(container, cert.dump())
        if result.status == "valid":
            break
    assert result is not None
    values: dict[tuple[str, datetime], str] = {}
    log: frozenset[tuple[datetime, str]] = frozenset()
    try:
        if kind == "values":
            export = parse_export(container, "", owner)
            for channel in export.channels:
                for r in channel.readings:
                    values[(channel.obis, r.target_time)] = r.value
        elif kind == "log":
            log = _log_keys(container)
    except (TrudiError, etree.XMLSyntaxError) as exc:
        return ExportCheck(member, "unreadable", str(exc)[:200], {})
    return ExportCheck(member, result.status, result.reason, values, log)
