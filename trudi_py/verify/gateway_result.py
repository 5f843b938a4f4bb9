"""The result records of a gateway check (verify.md §F.3): profile, registers, periods,
usage points, WAN certificates, reading-signature counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from trudi_py.verify.inputs import AnalysisProfile
from trudi_py.verify.result import Finding


@dataclass(frozen=True)
class ProfileCheck:
    """The TAF profile: presence, CMS signature (§F.2) and the parsed ``AnalysisProfile``."""

    present: bool
    signature: str  # "valid" | "invalid" | "unreadable" | "absent"
    signer_cert_index: str | None
    profile: AnalysisProfile | None
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The §F.3 ``profile`` object."""
        return {"present": self.present, "signature": self.signature,
                "signer-cert-index": self.signer_cert_index}


@dataclass(frozen=True)
class RegisterComparison:
    """One register of one period: recomputed and gateway amounts (raw), None if unknown."""

    obis: str
    tariff: int
    computed: int | None
    gateway: int | None
    scaler: int | None = None
    unit: int | None = None

    @property
    def difference(self) -> int | None:
        """computed − gateway, None unless both are known."""
        if self.computed is None or self.gateway is None:
            return None
        return self.computed - self.gateway

    def to_dict(self) -> dict[str, object]:
        """The §F.3 register object (amounts as decimal strings)."""
        def text(v: int | None) -> str | None:
            return None if v is None else str(v)
        return {"obis": self.obis, "tariff": self.tariff, "computed": text(self.computed),
                "gateway": text(self.gateway), "difference": text(self.difference)}


@dataclass(frozen=True)
class PeriodCheck:
    """One billing period: status (§F.3), registers and findings."""

    start: datetime
    end: datetime | None
    status: str
    registers: tuple[RegisterComparison, ...] = ()
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The §F.3 billing-period object (times UTC with ``Z``)."""
        return {"start": utc_text(self.start), "end": utc_text(self.end), "status": self.status,
                "registers": [r.to_dict() for r in self.registers],
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True)
class UsagePointCheck:
    """All periods of one TAF-1/TAF-2 usage point."""

    usage_point_id: str
    name: str
    taf: str
    profile: ProfileCheck
    periods: tuple[PeriodCheck, ...]
    findings: tuple[Finding, ...] = ()
    #: whose ``origin`` meter readings the recomputation used (this usage point's own id, or
    #: another usage point of the same meter, e.g. the TAF-7 one); None: no readings
    readings_source: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The §F.3 usage-point object (plus ``readings-source``)."""
        return {"usage-point-id": self.usage_point_id, "taf": self.taf,
                "profile": self.profile.to_dict(), "readings-source": self.readings_source,
                "billing-periods": [p.to_dict() for p in self.periods]}


@dataclass(frozen=True)
class CertificateCheck:
    """A WAN ``sig`` certificate checked against its ``sub-ca`` (§F.2)."""

    cert_index: str
    sig_signed_by_sub_ca: bool

    def to_dict(self) -> dict[str, object]:
        """The §F.3 JSON object."""
        return {"cert-index": self.cert_index, "sig-signed-by-sub-ca": self.sig_signed_by_sub_ca}


@dataclass(frozen=True)
class SignatureCount:
    """Per-reading signatures: counted, never checked (the signing rule is not published)."""

    present: int = 0
    null: int = 0
    checked: int = 0

    def __add__(self, other: SignatureCount) -> SignatureCount:
        return SignatureCount(self.present + other.present, self.null + other.null,
                              self.checked + other.checked)

    def to_dict(self) -> dict[str, int]:
        """The §F.3 JSON object."""
        return {"present": self.present, "null": self.null, "checked": self.checked}


def utc_text(moment: datetime | None) -> str | None:
    """``2025-10-31T23:00:00Z`` (fractions only when non-zero); None stays None."""
    if moment is None:
        return None
    text = moment.astimezone(UTC).replace(tzinfo=None).isoformat()
    return text + "Z"
