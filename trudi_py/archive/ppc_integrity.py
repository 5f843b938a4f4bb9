"""The integrity check of a PPC archive (``manifest.json`` with ``gateway.vendor: "ppc"``).

Entered from :func:`trudi_py.archive.integrity.check_archive`. Checks, each problem naming
its member: safe members and local headers; every member listed in the manifest with its
size and SHA-256, nothing listed missing; ``raw/`` numbered 000001… without holes, each
answer with its ``.meta.json``; the readings CSVs and ``logbook.csv`` re-derived from the raw
pages (:mod:`.ppc_derive`); each signed export (``exports.json``): its CMS signature with the
certificate it carries and its values against the pages' (checked-right findings are
``info``: ``ppc-exports-signed``, ``ppc-exports-agree``); completeness as the manifest
states it; the HAN certificate against the pinned fingerprint.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from trudi_py.archive.bounded import MemberProblem, load_json
from trudi_py.archive.coverage import check_han_certificate, list_gaps_and_warnings
from trudi_py.archive.csvformat import (
    LOG_COLUMNS,
    READING_COLUMNS,
    encode_rows,
    header_line,
    log_rows,
    reading_rows,
)
from trudi_py.archive.manifest import (
    HAN_CERTIFICATE,
    HASH_NAME,
    LOGBOOK,
    MANIFEST,
    USER_INFO,
    is_format_1,
    new_digest,
    readings_member,
)
from trudi_py.archive.ppc_derive import RawPage, check_export, derive
from trudi_py.archive.ppc_docs import SCALER, UNIT_WH
from trudi_py.archive.ppc_finish import EXPORTS, LOG_EPOCH
from trudi_py.archive.ppc_raw import PPC_META_NAME, PPC_RAW_NAME
from trudi_py.archive.problems import IntegrityReport
from trudi_py.archive.zipio import local_header_problems, read_chunks
from trudi_py.i18n import msg
from trudi_py.model import Channel
from trudi_py.model.times import parse_time
from trudi_py.vendors.ppc.logbook import collect
from trudi_py.vendors.ppc.mapping import to_channels
from trudi_py.vendors.ppc.query import Meter
from trudi_py.vendors.ppc.tariffs import TariffRegister
from trudi_py.verify.ppc_verdicts import (
    NO_EXPORTS,
    NO_REGISTERS,
    REGISTER_DIFFERS,
    REGISTERS_AGREE,
    REGISTERS_UNKNOWN,
)

MAX_RAW_BYTES = 16 * 1024 * 1024  # one raw page or export
MAX_META_BYTES = 64 * 1024


def is_ppc_manifest(manifest: Any) -> bool:
    """Whether a manifest is the one of a PPC archive."""
    return isinstance(manifest, dict) and isinstance(manifest.get("gateway"), dict) and \
        manifest["gateway"].get("vendor") == "ppc"


class PpcChecker:
    """One check over an open archive (the caller handles unreadable content)."""

    def __init__(self, zf: zipfile.ZipFile, report: IntegrityReport, unsafe: set[str],
                 manifest: dict[str, Any]) -> None:
        self.zf, self.report, self.manifest = zf, report, manifest
        self.unsafe = unsafe
        self.names = [i.filename for i in zf.infolist() if i.filename not in unsafe]
        self.hashes: dict[str, tuple[int, str]] = {}

    def read(self, name: str, limit: int = MAX_RAW_BYTES) -> bytes:
        """A member's bytes, hashed on the way (a member too big is a MemberProblem)."""
        data = b"".join(read_chunks(self.zf, name, limit))
        digest = new_digest()
        digest.update(data)
        self.hashes[name] = (len(data), digest.hexdigest())
        return data

    def run(self) -> None:
        """Every check of the module text."""
        rep, manifest = self.report, self.manifest
        for name, kind in local_header_problems(self.zf):
            rep.add("error", "header-damaged" if kind == "damaged" else "header-mismatch",
                    msg("{name}: local header missing, damaged or not matching the ZIP "
                        "directory.", name=name), name)
        if not is_format_1(manifest):
            rep.add("error", "manifest-invalid",
                    msg("manifest.json: not a trudi-py archive of format 1."), MANIFEST)
        rep.complete = manifest.get("complete") is True and not manifest.get("missing")
        pages = self.raw_pages()
        derived = derive(pages)
        for seq, why in derived.unreadable:
            rep.add("error", "raw-unreadable", msg("raw answer {seq}: {why}", seq=seq,
                                                   why=why), None)
        meter_values = self.check_readings(derived.values)
        entries = self.check_logbook(derived.log_windows)
        self.check_exports(meter_values, {(e.time, e.event_id) for e in entries})
        check_registers(self.report, derived.registers, meter_values)
        for name in self.names:
            if name not in self.hashes and name != MANIFEST:
                self.read(name, 1 << 40)
        self.check_listing()
        for m in manifest.get("missing") or []:
            rep.add("error", "incomplete", msg("missing {what}: {where} {start}..{end}: "
                                               "{reason}", what=m.get("what"),
                                               where=m.get("usage-point-id") or "",
                                               start=m.get("from") or "", end=m.get("to") or "",
                                               reason=m.get("reason")), None)
        if HAN_CERTIFICATE in self.names:
            check_han_certificate(rep, self.read(HAN_CERTIFICATE), manifest)
        list_gaps_and_warnings(rep, manifest)
        rep.members_checked = len(self.names)

    def check_listing(self) -> None:
        """Every member listed with its size and SHA-256; nothing listed missing."""
        files = {f["path"]: f for f in self.manifest.get("files", [])}
        for name in self.names:
            if name == MANIFEST:
                continue
            entry = files.get(name)
            size, digest = self.hashes[name]
            if entry is None:
                self.report.add("error", "unlisted-member", msg(
                    "{name} is not listed in the manifest.", name=name), name)
            elif entry.get(HASH_NAME) != digest or entry.get("bytes") != size:
                self.report.add("error", "hash-mismatch", msg(
                    "{name}: SHA-256 or size differs from the manifest.", name=name), name)
        present = set(self.names) | self.unsafe
        for name in files:
            if name not in present:
                self.report.add("error", "missing-member", msg(
                    "{name} is listed in the manifest but missing.", name=name), name)

    def raw_pages(self) -> Iterator[RawPage]:
        """The raw answers in request order (numbering and pairs checked first)."""
        bodies = {int(m.group(1)): n for n in self.names if (m := PPC_RAW_NAME.match(n))}
        metas = {int(m.group(1)): n for n in self.names if (m := PPC_META_NAME.match(n))}
        for seq in sorted(set(bodies) ^ set(metas)):
            name = bodies.get(seq) or metas.get(seq)
            self.report.add("error", "raw-incomplete", msg(
                "{name}: body and .meta.json must come in pairs.", name=name), name)
        numbers = sorted(set(bodies) | set(metas))
        if numbers and numbers != list(range(1, numbers[-1] + 1)):
            holes = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))[:10]
            self.report.add("error", "raw-numbering", msg(
                "raw/: request numbers missing: {holes}.", holes=holes), "raw/")
        if self.manifest.get("counts", {}).get("requests") != len(bodies):
            self.report.add("error", "count-mismatch", msg(
                "manifest counts {listed} requests, raw/ holds {held}.",
                listed=self.manifest.get("counts", {}).get("requests"), held=len(bodies)),
                MANIFEST)
        return self._pages(bodies, metas)

    def _pages(self, bodies: dict[int, str], metas: dict[int, str]) -> Iterator[RawPage]:
        for seq in sorted(set(bodies) & set(metas)):
            meta = load_json(self.read(metas[seq], MAX_META_BYTES), metas[seq])
            if not isinstance(meta, dict):
                raise MemberProblem(metas[seq], msg("not a JSON object."))
            sent = meta.get("fields")
            fields: dict[str, Any] = sent if isinstance(sent, dict) else {}
            status = meta.get("status") if isinstance(meta.get("status"), int) else None
            yield RawPage(seq, str(meta.get("action", "")),
                          {str(k): str(v) for k, v in fields.items()}, status,
                          self.read(bodies[seq]))

    def _points(self) -> list[dict[str, Any]]:
        doc = load_json(self.read(USER_INFO), USER_INFO) if USER_INFO in self.names else {}
        points = doc.get("usage-points", []) if isinstance(doc, dict) else []
        return [p for p in points if isinstance(p, dict) and p.get("ppc-meter")]

    def check_readings(self, values: dict[str, list[Any]]) -> dict[tuple[str, Any], str]:
        """Each meter's CSV against the values its raw pages give; returns those values
        ((OBIS, target) → raw value) for the exports' and registers' checks."""
        until = parse_time(str(self.manifest.get("archive-until")))
        end = until.replace(minute=until.minute - until.minute % 15, second=0)
        counts = self.manifest.get("counts", {}).get("readings", {})
        derived_all: dict[tuple[str, Any], str] = {}
        for point in self._points():
            upid, label = str(point["usage-point-id"]), str(point["ppc-meter"])
            start = parse_time(point["start-time"]) if point.get("start-time") else None
            meter = Meter("", label)
            keep = [v for v in values.get(label, []) if start is not None
                    and start <= v.utc.replace(second=0, microsecond=0) <= end]
            channels = to_channels(keep, meter.meter_id, label)
            meta = {c.obis: Channel(c.obis, SCALER, UNIT_WH) for c in channels}
            for c in channels:
                for r in c.readings:
                    derived_all[(c.obis, r.target_time)] = r.value
            expected = header_line(READING_COLUMNS) + encode_rows(reading_rows(channels, meta))
            name = readings_member(upid, "origin")
            if name not in self.names:
                self.report.add("error", "missing-member", msg(
                    "{name} is missing (raw/ holds its answers).", name=name), name)
                continue
            got = self.read(name, 1 << 34)
            if got != expected:
                self.report.add("error", "csv-mismatch", msg(
                    "{name} differs from the values of the raw pages.", name=name), name)
            rows = sum(len(c.readings) for c in channels)
            if counts.get(upid, {}).get("origin") != rows:
                self.report.add("error", "count-mismatch", msg(
                    "{name}: manifest counts {listed} readings, the raw pages give {held}.",
                    name=name, listed=counts.get(upid, {}).get("origin"), held=rows), name)
        return derived_all

    def check_exports(self, pages: dict[tuple[str, Any], str],
                      logbook: set[tuple[Any, str]]) -> None:
        """Each export's signature; a values export's values against the pages', a logbook
        export's entries against the logbook's."""
        if EXPORTS not in self.names:
            return
        doc = load_json(self.read(EXPORTS), EXPORTS)
        entries = doc.get("exports", []) if isinstance(doc, dict) else []
        signed = agree = 0
        for entry in entries:
            member = entry.get("raw") if isinstance(entry, dict) else None
            if not member:
                continue
            if member not in self.names:
                self.report.add("error", "missing-member", msg(
                    "{name} is named in exports.json but missing.", name=member), member)
                continue
            kind = str(entry.get("kind", "values"))
            check = check_export(member, self.read(member), str(entry.get("meter", "")), kind)
            if check.signature != "valid":
                self.report.add("error", "export-signature", msg(
                    "{name}: the export's signature is {status} ({reason}).", name=member,
                    status=check.signature, reason=check.reason), member)
                continue
            signed += 1
            if kind == "log":
                unknown = sorted(check.log - logbook)
                if unknown:
                    self.report.add("error", "export-differs", msg(
                        "{name}: {count} logbook export entrie(s) are not in logbook.csv "
                        "(first: {when:%Y-%m-%dT%H:%M:%SZ}).", name=member,
                        count=len(unknown), when=unknown[0][0]), member)
                else:
                    agree += 1
                continue
            if kind != "values":
                continue
            differ = [k for k, v in check.values.items() if k in pages and pages[k] != v]
            if differ:
                obis, when = differ[0]
                self.report.add("error", "export-differs", msg(
                    "{name}: {count} value(s) differ from the portal's pages (first: {obis} "
                    "at {when:%Y-%m-%dT%H:%M:%SZ}).", name=member, count=len(differ),
                    obis=obis, when=when), member)
            else:
                agree += 1
        if not any(isinstance(e, dict) and e.get("raw") for e in entries):
            self.report.add("info", NO_EXPORTS, msg(
                "The archive holds no signed export: the portal delivered none for the "
                "archived windows."), EXPORTS)
        if signed:
            self.report.add("info", "ppc-exports-signed", msg(
                "{count} signed export(s): each signature verifies with the certificate the "
                "container carries (whose certificate that is, the portal does not show).",
                count=signed), EXPORTS)
        if agree:
            self.report.add("info", "ppc-exports-agree", msg(
                "{count} signed export(s) agree with the portal's pages (values, logbook).",
                count=agree), EXPORTS)

    def check_logbook(self, windows: list[list[Any]]) -> list[Any]:
        """``logbook.csv`` against the entries of the raw logbook pages (returned)."""
        until = parse_time(str(self.manifest.get("archive-until")))
        entries = collect(windows, LOG_EPOCH, until)
        expected = header_line(LOG_COLUMNS) + encode_rows(log_rows(entries))
        if LOGBOOK not in self.names:
            self.report.add("error", "missing-member", msg("logbook.csv is missing."), LOGBOOK)
            return entries
        if self.read(LOGBOOK, 1 << 30) != expected:
            self.report.add("error", "csv-mismatch", msg(
                "logbook.csv differs from the raw logbook pages."), LOGBOOK)
        if self.manifest.get("counts", {}).get("log-entries") != len(entries):
            self.report.add("error", "count-mismatch", msg(
                "manifest counts {listed} log entries, raw/ holds {held}.",
                listed=self.manifest.get("counts", {}).get("log-entries"),
                held=len(entries)), LOGBOOK)
        return entries


def check_registers(report: IntegrityReport, registers: list[TariffRegister],
                    values: dict[tuple[str, Any], str]) -> None:
    """Each tariff register the portal showed against the meter reading at its target
    time: right, wrong, or not checkable (no valid reading archived at that time)."""
    if not registers:
        report.add("info", NO_REGISTERS, msg(
            "The portal showed no tariff registers (showTarificationRegister) for a closed "
            "billing period: there is nothing to compare with the meter readings."), None)
        return
    right, unknown, wrong = 0, 0, []
    for reg in registers:
        shown = values.get((reg.obis, reg.target))
        if shown is None:
            unknown += 1
        elif shown == str(reg.raw):
            right += 1
        else:
            wrong.append(reg)
    for reg in wrong:
        report.add("error", REGISTER_DIFFERS, msg(
            "Tariff register {obis} at {when:%Y-%m-%dT%H:%M:%SZ} (stage {stage}): the portal "
            "shows {shown} (0.1 Wh), the meter reading at that time is {reading}.",
            obis=reg.obis, when=reg.target, stage=reg.stage, shown=reg.raw,
            reading=values[(reg.obis, reg.target)]), None)
    if right:
        report.add("info", REGISTERS_AGREE, msg(
            "{count} tariff register value(s) equal the meter reading at their target time.",
            count=right), None)
    if unknown:
        report.add("info", REGISTERS_UNKNOWN, msg(
            "{count} tariff register value(s) not checkable: no valid meter reading is "
            "archived at their target time.", count=unknown), None)
