"""Verifying everything a data source holds (verify.md §F): tariffs, signatures, integrity.

``verify_source(source, integrity=None, strict=False)`` reads a :class:`DataSource` (an opened
archive or a live gateway), checks every TAF-1/TAF-2 usage point period by period
(:mod:`trudi_py.verify.gateway_check`), the WAN certificate chain, counts the per-reading
signatures and compares the ``daily`` database with ``origin`` (TAF-7). The result's
:meth:`ArchiveVerification.to_json` is the §F.3 document, :attr:`exit_code` 0 or 7.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from trudi_py.i18n import Message, by_language, msg
from trudi_py.model import GatewayInfo, UsagePoint
from trudi_py.model.series import ChannelSeries
from trudi_py.verify.explain import local_text
from trudi_py.verify.gateway_check import (
    REGISTER_DATABASE,
    CertificateCheck,
    SignatureCount,
    UsagePointCheck,
    check_certificates,
    check_usage_point,
    count_signatures,
)
from trudi_py.verify.origin import read_series
from trudi_py.verify.result import Finding
from trudi_py.verify.verdict import EXIT_WRONG, Verdict
from trudi_py.verify.verdict import exit_code as verdict_exit_code

if TYPE_CHECKING:
    from trudi_py.model.source import DataSource


class ProblemLike(Protocol):
    """What is used of one finding of the integrity check (``archive.problems.Finding``)."""

    @property
    def msg(self) -> Message:
        """The translatable message."""

    def to_dict(self) -> dict[str, Any]:
        """The §F.3 problem object."""


class IntegrityLike(Protocol):
    """What is used of ``trudi_py.archive.integrity.IntegrityReport``: its findings are
    objects with ``to_dict()`` or already the §F.3 problem objects (dicts)."""

    @property
    def complete(self) -> bool:
        """Whether the archive says it is complete."""

    @property
    def members_checked(self) -> int:
        """How many members were checked."""

    @property
    def problems(self) -> Sequence[ProblemLike | Mapping[str, Any]]:
        """Every finding."""


@dataclass(frozen=True)
class ArchiveSection:
    """The §F.3 ``archive`` object: completeness, members checked, problems."""

    complete: bool
    members_checked: int
    problems: tuple[dict[str, Any], ...] = ()
    #: each problem's translatable message (None where there is none); not part of the JSON
    messages: tuple[Message | None, ...] = ()

    def message(self, index: int, lang: str) -> str:
        """Problem ``index``'s message in ``lang`` (the JSON's English where none is known)."""
        known = self.messages[index] if index < len(self.messages) else None
        return known.text(lang) if known is not None else \
            str(self.problems[index].get("message", ""))

    @property
    def failed(self) -> bool:
        """Incomplete, or any problem of severity ``error`` (warnings and info are shown)."""
        return not self.complete or any(p.get("severity", "error") == "error"
                                        for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The §F.3 ``archive`` object as a dict."""
        return {"complete": self.complete, "members-checked": self.members_checked,
                "problems": [dict(p) for p in self.problems]}


def archive_section(report: IntegrityLike) -> ArchiveSection:
    """The §F.3 ``archive`` object from an integrity report."""
    problems: list[dict[str, Any]] = []
    texts: list[Message | None] = []
    for p in report.problems:
        if isinstance(p, Mapping):
            problems.append(dict(p))
            texts.append(None)
        else:
            problems.append(p.to_dict())
            texts.append(p.msg)
    return ArchiveSection(bool(report.complete), int(report.members_checked),
                          tuple(problems), tuple(texts))


@dataclass(frozen=True)
class ArchiveVerification:
    """Everything ``verify FILE.zip`` found; ``to_json()`` is the §F.3 document."""

    archive: ArchiveSection | None
    usage_points: tuple[UsagePointCheck, ...]
    certificates: tuple[CertificateCheck, ...]
    reading_signatures: SignatureCount
    findings: tuple[Finding, ...] = ()
    strict: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def failed_checks(self) -> list[Finding]:
        """The findings that make the exit code 7 (errors; incomplete periods with strict)."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def verdicts(self) -> list[Verdict]:
        """Every check as right / wrong / not checkable (``verdict.py``)."""
        return build_verdicts(self)

    @property
    def exit_code(self) -> int:
        """0: complete, intact, every closed period ``match``, profile signatures valid and
        certificate chain fine — checks that could not be made are shown, not failed;
        7: something checked is wrong; 8: with ``strict``, something was not checkable."""
        if self.archive is not None and self.archive.failed:
            return EXIT_WRONG
        if self.failed_checks:
            return EXIT_WRONG
        return verdict_exit_code(self.verdicts, self.strict)

    def mismatches(self) -> list[tuple[str, str, str, str]]:
        """(usage point id, period start, period end, register OBIS) of each mismatch."""
        out = []
        for up in self.usage_points:
            for period in up.periods:
                if period.status != "mismatch":
                    continue
                for reg in period.registers:
                    if reg.difference not in (0, None):
                        out.append((up.usage_point_id, _iso(period.start), _iso(period.end),
                                    reg.obis))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The §F.3 document as a dict."""
        return {
            "archive": self.archive.to_dict() if self.archive is not None else None,
            "usage-points": [up.to_dict() for up in self.usage_points],
            "certificates": [c.to_dict() for c in self.certificates],
            "reading-signatures": self.reading_signatures.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "verdicts": [v.to_dict() for v in self.verdicts],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The §F.3 JSON document."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _iso(moment: datetime | None) -> str:
    from trudi_py.verify.gateway_check import utc_text
    return utc_text(moment) or "open"


def _range(point: UsagePoint, gateway: GatewayInfo) -> tuple[datetime, datetime]:
    starts = [t for t in (point.start, *(bp.start for bp in point.billing_periods)) if t]
    ends = [t for t in (point.end, gateway.time, *(bp.end for bp in point.billing_periods)) if t]
    return min(starts, default=gateway.time), max(ends, default=gateway.time)


@dataclass(frozen=True)
class PointPart:
    """What one contract adds to the verification: its signature count, its tariff check
    (TAF-1/TAF-2 only) and its top-level findings."""

    signatures: SignatureCount
    check: UsagePointCheck | None
    findings: tuple[Finding, ...]


def verify_source(source: DataSource, integrity: IntegrityLike | None = None,
                  strict: bool = False, done: Mapping[str, PointPart] | None = None
                  ) -> ArchiveVerification:
    """Check every contract of ``source`` (§F); ``integrity`` is the archive's own check;
    ``done``: contracts already checked (:func:`check_points` on the same archive)."""
    gateway = source.gateway_info()
    certificates = check_certificates(gateway)
    findings: list[Finding] = []
    section = archive_section(integrity) if integrity is not None else None
    if section is not None and section.failed:
        findings.append(Finding(
            "error", "archive-integrity",
            msg("The archive is {value} and has {n_problems} integrity problem(s); see "
                "archive.problems.",
                value=msg("complete") if section.complete else msg("incomplete"),
                n_problems=len(section.problems))))
    for cert in certificates:
        if not cert.sig_signed_by_sub_ca:
            findings.append(Finding(
                "error", "certificate-chain",
                msg("WAN certificate {cert_index}: the sig certificate is not signed by its "
                    "sub-CA.", cert_index=cert.cert_index)))
    signatures = SignatureCount()
    checks: list[UsagePointCheck] = []
    points = list(source.usage_points())
    infos = {p.usage_point_id: source.usage_point_info(p.usage_point_id) for p in points}
    for point in points:
        part = (done or {}).get(point.usage_point_id) or \
            point_part(source, gateway, point, points, infos, strict)
        signatures = signatures + part.signatures
        if part.check is not None:
            checks.append(part.check)
        findings += part.findings
    findings.append(Finding(
        "info", "reading-signatures",
        msg("Per-reading signatures: {present} present, {null} null — not checkable: the "
            "signing rule is not published.", present=signatures.present, null=signatures.null)))
    return ArchiveVerification(section, tuple(checks), tuple(certificates), signatures,
                               tuple(findings), strict)


def point_part(source: DataSource, gateway: GatewayInfo, point: UsagePoint,
               points: Sequence[UsagePoint], infos: Mapping[str, Any], strict: bool
               ) -> PointPart:
    """One contract's part of :func:`verify_source`: its databases read one at a time as
    compact columns, its tariff check, the daily values against the load profile."""
    info = infos[point.usage_point_id]
    start, end = _range(point, gateway)
    data: dict[str, list[ChannelSeries]] = {  # compact columns, one database at a time
        db.name: read_series(source, point.usage_point_id, db.name, start, end)
        for db in info.databases}
    signatures = SignatureCount()
    for channels in data.values():
        signatures = signatures + count_signatures(channels)
    check, findings = None, []
    if point.taf in REGISTER_DATABASE:
        origin, origin_info, origin_source = data.get("origin", []), None, None
        if not origin:
            other = same_meter_origin(point, points, infos)
            if other is not None:
                origin_info, origin_source = infos[other.usage_point_id], \
                    other.usage_point_id
                origin = read_series(source, other.usage_point_id, "origin", start, end)
        check = check_usage_point(point, info, gateway, origin,
                                  data.get(REGISTER_DATABASE[point.taf], []),
                                  origin_source, origin_info)
        findings += _point_findings(check, strict)
    if "daily" in data and "origin" in data:
        findings += [_named(f, point.usage_point_id)
                     for f in _daily_findings(data["daily"], data["origin"])
                     if f.severity != "info" or strict]
    return PointPart(signatures, check, tuple(findings))


def check_points(source: DataSource, ready: Mapping[tuple[str, str], Sequence[object]],
                 strict: bool = False) -> dict[str, PointPart]:
    """:func:`point_part` of each contract whose every database the check reads is in
    ``ready`` (the columns of the databases already checked, while the rest is still being
    checked), by usage point id."""
    points = list(source.usage_points())
    infos = {p.usage_point_id: source.usage_point_info(p.usage_point_id) for p in points}
    gateway = source.gateway_info()
    out = {}
    for point in points:
        upid = point.usage_point_id
        needs = {(upid, db.name) for db in infos[upid].databases}
        if point.taf in REGISTER_DATABASE and not ready.get((upid, "origin")):
            other = same_meter_origin(point, points, infos)  # as point_part takes it
            if other is not None:
                needs.add((other.usage_point_id, "origin"))
        if needs <= ready.keys():
            out[upid] = point_part(source, gateway, point, points, infos, strict)
    return out


def same_meter_origin(point: UsagePoint, points: Sequence[UsagePoint],
                      infos: Mapping[str, Any]) -> UsagePoint | None:
    """Another usage point of the same meter (``user-info`` ``meter[]``) with an ``origin``
    database, TAF-7 first: its meter readings cover a contract that keeps none itself."""
    meters = {m for m in point.meters if m}
    if not meters:
        return None
    candidates = [p for p in points if p.usage_point_id != point.usage_point_id
                  and meters & set(p.meters)
                  and any(db.name == "origin" for db in infos[p.usage_point_id].databases)]
    candidates.sort(key=lambda p: (p.taf != "7", p.usage_point_id))
    return candidates[0] if candidates else None


def unreadable_source(integrity: IntegrityLike | None, reason: Message | str
                      ) -> ArchiveVerification:
    """The result when the archive's contents cannot be read at all (exit 7)."""
    section = archive_section(integrity) if integrity is not None else None
    return ArchiveVerification(section, (), (), SignatureCount(), (Finding(
        "error", "archive-not-readable", msg("The archive's contents cannot be read: {reason}",
                                             reason=reason)),))


def _daily_findings(daily: list[ChannelSeries], origin: list[ChannelSeries]
                    ) -> list[Finding]:
    """The daily-values check; it needs numpy, imported only here (not at start-up)."""
    try:
        from trudi_py.verify.loadprofile import check_daily
    except (ImportError, OSError) as exc:  # e.g. a broken numpy DLL: not checkable, say why
        return [Finding(
            "warning", "daily-check-unavailable",
            msg("Daily values against the load profile: not checkable here — numpy could not be "
                "loaded ({kind}: {exc}).", kind=type(exc).__name__, exc=exc))]
    return list(check_daily(daily, origin).findings)


def _named(finding: Finding, usage_point_id: str) -> Finding:
    return replace(finding, msg=msg("Usage point {usage_point_id}: {finding}",
                                    usage_point_id=usage_point_id, finding=finding.msg))


def _point_findings(check: UsagePointCheck, strict: bool) -> list[Finding]:
    """Top-level findings of one usage point: profile problems, every failed period."""
    out = [_named(f, check.usage_point_id) for f in check.findings]
    for period in check.periods:
        if period.status in ("mismatch", "not-computable"):
            out += [_named(f, check.usage_point_id) for f in period.findings
                    if f.severity == "error"]
        elif period.status == "incomplete":
            out.append(_named(Finding(
                "warning", "period-incomplete",
                msg("billing period {start} – {end} (local time) is incomplete: a "
                    "gateway register value is missing.",
                    start=by_language(local_text, period.start),
                    end=by_language(local_text, period.end))), check.usage_point_id))
    return out


def build_verdicts(result: ArchiveVerification) -> list[Verdict]:
    """The verdicts of an archive verification: integrity, WAN certificates, per contract its
    profile and its closed billing periods, and the per-reading signatures."""
    from trudi_py.verify.verdicts_archive import archive_verdicts
    return archive_verdicts(result)
