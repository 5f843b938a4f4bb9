"""Completeness of an archive: what the manifest says is missing, what no answer covers.

Part of the integrity check (:mod:`~trudi_py.archive.integrity`); works on the documents and
the fetched windows the check collected, adds its findings to the report.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from trudi_py.archive.manifest import HAN_CERTIFICATE, MANIFEST, SMGW_INFO, readings_member
from trudi_py.archive.problems import IntegrityReport
from trudi_py.i18n import msg
from trudi_py.model.times import parse_optional_time, parse_time

#: (usage point id, database) -> {(fromtime, totime) or ("last", ""): request number}
Windows = dict[tuple[str, str], dict[tuple[str, str], int]]


def check_completeness(report: IntegrityReport, manifest: dict[str, Any],
                       docs: dict[str, Any], windows: Windows) -> None:
    """``complete``/``missing`` of the manifest, and each contract's range covered by the
    fetched windows unless the manifest lists it as missing."""
    for m in manifest.get("missing") or []:
        what = (f"{m.get('what')}: {m.get('usage-point-id') or ''} "
                f"{m.get('database') or ''} {m.get('from') or ''}..{m.get('to') or ''}: "
                f"{m.get('reason')}").replace("  ", " ")
        report.add("error", "incomplete", msg("missing {what}", what=what), None)
    if manifest.get("complete") is not True and not manifest.get("missing"):
        report.add("error", "incomplete",
                   msg("the manifest says the archive is not complete."), MANIFEST)
    info = docs.get(SMGW_INFO) or {}
    until = parse_optional_time(manifest.get("archive-until") or info.get("smgw-time"))
    listed = {(m.get("usage-point-id"), m.get("database")) for m in
              manifest.get("missing") or []}
    for point in docs["points"]:
        detail = docs["details"].get(point.usage_point_id)
        if detail is None or point.taf in ("9", "10", "14") or until is None:
            continue
        start = point.start
        end = min(point.end, until) if point.end else until
        for db in detail.databases:
            if start is None or (point.usage_point_id, db.name) in listed:
                continue
            spans = sorted((parse_time(a), parse_time(u)) for a, u in
                           windows.get((point.usage_point_id, db.name), {}) if a != "last")
            reach = start - timedelta(seconds=1)
            for a, u in spans:
                if a > reach:
                    break
                reach = max(reach, u)
            if reach < end:
                report.add("error", "coverage-gap",
                           msg("{usage_point_id} {name}: no answer covers the time after "
                               "{reach:%Y-%m-%dT%H:%M:%SZ}, and the manifest does not list it "
                               "as missing.", usage_point_id=point.usage_point_id,
                               name=db.name, reach=reach),
                           readings_member(point.usage_point_id, db.name))


def list_gaps_and_warnings(report: IntegrityReport, manifest: dict[str, Any]) -> None:
    """The gaps the gateway delivered (info) and the writer's warnings, from the manifest."""
    for gap in manifest.get("gaps") or []:
        report.add("info", "gap", msg("{usage_point} {database} {obis}: no values between "
                                      "{start} and {end} ({missing} missing, as delivered by "
                                      "the gateway).", usage_point=gap.get("usage-point-id"),
                                      database=gap.get("database"), obis=gap.get("obis"),
                                      start=gap.get("from"), end=gap.get("to"),
                                      missing=gap.get("missing-values")), None)
    for warning in manifest.get("warnings") or []:
        report.add("warning", "writer-warning",
                   msg("Note from writing: {warning}", warning=warning), None)


def check_han_certificate(report: IntegrityReport, pem: bytes, manifest: dict[str, Any]
                          ) -> None:
    """The archived HAN certificate must be the one the connection was pinned to."""
    name = HAN_CERTIFICATE
    pinned = manifest.get("gateway", {}).get("tls-sha256")
    if pinned and _han_fingerprint(pem) != pinned:
        report.add("warning", "han-certificate-differs",
                   msg("{name}: the certificate smgw-info reports is not the one the "
                       "connection used (SHA-256 {pinned}).", name=name, pinned=pinned), name)


def _han_fingerprint(pem: bytes) -> str | None:
    """SHA-256 of the archived HAN certificate's DER (also when ``cryptography`` cannot
    parse it, as with the field's explicit NULL parameter)."""
    from trudi_py.model.certificate import certificate_der
    der = certificate_der(pem)
    return hashlib.sha256(der).hexdigest() if der else None
