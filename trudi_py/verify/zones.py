"""Which tariff-zone rule applies to a contract's readings (charts, summaries)."""

from __future__ import annotations

from trudi_py.errors import TrudiError
from trudi_py.model import GatewayInfo, UsagePointInfo
from trudi_py.verify.gateway_check import check_profile
from trudi_py.verify.loadprofile import ClockRule, ProfileZones, ZoneRule


def contract_zone_rule(info: UsagePointInfo, gateway: GatewayInfo | None
                       ) -> tuple[ZoneRule, str]:
    """The contract's zones from its TAF profile when the gateway's signature on it is valid
    (``"profile"``), else the common clock rule HT Mon–Fri 06–22 (``"clock"``).

    ``gateway`` (whose certificate signs the profile) is needed only when the contract has a
    profile."""
    if info.taf_profile and gateway is not None:
        try:
            checked = check_profile(info.taf_profile, gateway)
        except TrudiError:
            checked = None
        if checked is not None and checked.signature == "valid" and checked.profile:
            return ProfileZones(checked.profile), "profile"
    return ClockRule(), "clock"
