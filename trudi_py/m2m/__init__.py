"""The M2M client library for the consumer interface (IF_GW_CON) of the CONEXA 3.0."""

from trudi_py.m2m.client import Exchange, GatewayClient
from trudi_py.m2m.pinning import PinStore, fingerprint, grouped, normalise_fingerprint
from trudi_py.m2m.settings import ConnectionSettings, normalise_url
from trudi_py.m2m.windows import Window, plan_windows

__all__ = ["ConnectionSettings", "Exchange", "GatewayClient", "PinStore", "Window",
           "fingerprint", "grouped", "normalise_fingerprint", "normalise_url", "plan_windows"]
