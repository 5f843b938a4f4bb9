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
        report.add("error", "incomplete", f"missing {what}", None,
                   f"fehlt (laut Gateway): {what}")
    if manifest.get("complete") is not True and not manifest.get("missing"):
        report.add("error", "incomplete", "the manifest says the archive is not complete.",
                   MANIFEST, "Laut Manifest ist das Archiv nicht vollständig.")
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
                           f"{point.usage_point_id} {db.name}: no answer covers the time "
                           f"after {reach:%Y-%m-%dT%H:%M:%SZ}, and the manifest does not "
                           f"list it as missing.", readings_member(point.usage_point_id, db.name),
                           f"{point.usage_point_id} {db.name}: Keine Antwort deckt die Zeit "
                           f"nach {reach:%Y-%m-%dT%H:%M:%SZ} ab, und das Manifest führt sie "
                           f"nicht als fehlend.")


def list_gaps_and_warnings(report: IntegrityReport, manifest: dict[str, Any]) -> None:
    """The gaps the gateway delivered (info) and the writer's warnings, from the manifest."""
    for gap in manifest.get("gaps") or []:
        where = f"{gap.get('usage-point-id')} {gap.get('database')} {gap.get('obis')}"
        report.add("info", "gap", f"{where}: no values between {gap.get('from')} and "
                   f"{gap.get('to')} ({gap.get('missing-values')} missing, as delivered by "
                   f"the gateway).", None, f"{where}: keine Werte zwischen {gap.get('from')} "
                   f"und {gap.get('to')} ({gap.get('missing-values')} fehlen, so vom Gateway "
                   f"geliefert).")
    for warning in manifest.get("warnings") or []:
        report.add("warning", "writer-warning", str(warning), None,
                   f"Hinweis beim Schreiben: {warning}")


def check_han_certificate(report: IntegrityReport, pem: bytes, manifest: dict[str, Any]
                          ) -> None:
    """The archived HAN certificate must be the one the connection was pinned to."""
    name = HAN_CERTIFICATE
    pinned = manifest.get("gateway", {}).get("tls-sha256")
    if pinned and _han_fingerprint(pem) != pinned:
        report.add("warning", "han-certificate-differs", f"{name}: the certificate "
                   f"smgw-info reports is not the one the connection used "
                   f"(SHA-256 {pinned}).", name, f"{name}: Das Zertifikat aus "
                   f"smgw-info ist nicht das der Verbindung (SHA-256 {pinned}).")


def _han_fingerprint(pem: bytes) -> str | None:
    """SHA-256 of the archived HAN certificate's DER (also when ``cryptography`` cannot
    parse it, as with the field's explicit NULL parameter)."""
    from trudi_py.model.certificate import certificate_der
    der = certificate_der(pem)
    return hashlib.sha256(der).hexdigest() if der else None
