"""CLI output of contract results for gateways other than the CONEXA (no smgw-info, no raw
user-info JSON): identity and contracts in the contract's own words."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from trudi_py.cli.output import emit_json
from trudi_py.gateway import Contract, GatewayIdentity
from trudi_py.i18n import run_text
from trudi_py.model.times import format_local, format_utc


def _pem(der: bytes) -> str:
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return ""
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def print_identity(ident: GatewayIdentity, tls: str, *, json_out: bool) -> int:
    """``info`` for a gateway known through the contract only (the PPC portal)."""
    if json_out:
        emit_json({"vendor": ident.vendor, "smgw-id": ident.gateway_id,
                   "firmware": [{"component": f.component, "version": f.version,
                                 "hash": f.hash} for f in ident.firmware],
                   "smgw-time": format_utc(ident.time) if ident.time else None,
                   "tls-sha256": tls, "user": ident.user})
        return 0
    from trudi_py.cli.gateway_commands import han_certificate_lines
    print(f"Gateway:          {ident.gateway_id or '?'} ({ident.vendor.upper()})")
    for f in ident.firmware:
        print(f"Firmware:         {f.component} {f.version}" + (f" ({f.hash})" if f.hash else ""))
    print(run_text("User:             ") + ident.user)
    print(f"TLS SHA-256:      {tls}")
    for line in han_certificate_lines(_pem(ident.tls_der), tls):
        print(line)
    return 0


def _contract_json(c: Contract) -> dict[str, Any]:
    p = c.point
    return {"usage-point-id": p.usage_point_id, "name": p.name, "taf-number": p.taf,
            "meters": list(p.meters), "metering-point-id": p.metering_point_id,
            "billing-periods": [{"start-time": format_utc(b.start),
                                 "end-time": format_utc(b.end) if b.end else None}
                                for b in p.billing_periods],
            "profile": dict(c.profile)}


def print_contracts(contracts: list[Contract], *, json_out: bool) -> int:
    """``contracts`` for a gateway known through the contract only (the PPC portal)."""
    if json_out:
        emit_json({"usage-points": [_contract_json(c) for c in contracts]})
        return 0
    for c in contracts:
        p = c.point
        print(f"{p.usage_point_id}  TAF-{p.taf or '?'} '{p.name}'")
        print(run_text("    meters: ") + (", ".join(p.meters) or "-"))
        if p.billing_periods:
            last = p.billing_periods[-1]
            end = format_local(last.end) if last.end else run_text("open")
            print(run_text("    billing periods: ")
                  + f"{len(p.billing_periods)}, "
                  + run_text("latest ") + f"{format_local(last.start)} – {end}")
    return 0
