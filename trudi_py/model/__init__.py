"""Typed records of what a gateway delivers; parsing from the gateway's JSON.

Depends on nothing of ours but :mod:`trudi_py.errors`.
"""

from trudi_py.model.contracts import (
                                      BillingPeriod,
                                      Channel,
                                      Database,
                                      UsagePoint,
                                      UsagePointInfo,
                                      parse_user_info,
)
from trudi_py.model.gateway import FirmwareInfo, GatewayInfo, WanCertificate
from trudi_py.model.logbook import LogAnswer, LogEntry
from trudi_py.model.readings import ChannelReadings, Reading, ReadingsAnswer, merge_channels
from trudi_py.model.status import StatusWord

__all__ = ["BillingPeriod", "Channel", "ChannelReadings", "Database", "FirmwareInfo",
           "GatewayInfo", "LogAnswer", "LogEntry", "Reading", "ReadingsAnswer", "StatusWord",
           "UsagePoint", "UsagePointInfo", "WanCertificate", "merge_channels",
           "parse_user_info"]
