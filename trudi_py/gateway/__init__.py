"""One gateway contract for every vendor (TRuDI's shape) and the choice of the vendor.

:class:`Gateway` is the protocol; :class:`ConexaGateway` (IF_GW_CON via :mod:`trudi_py.m2m`)
and :class:`PpcGateway` (the PPC HAN portal via :mod:`trudi_py.vendors.ppc`) implement it;
:func:`choose_vendor` finds the vendor, :func:`open_gateway` builds the session.
"""

from trudi_py.gateway.choose import Choice, VendorUnknown, choose_vendor, open_gateway, probe
from trudi_py.gateway.conexa import ConexaGateway
from trudi_py.gateway.contract import Contract, Gateway, GatewayIdentity, Step, Vendor
from trudi_py.gateway.ppc import PpcGateway

__all__ = ["Choice", "ConexaGateway", "Contract", "Gateway", "GatewayIdentity", "PpcGateway",
           "Step", "Vendor", "VendorUnknown", "choose_vendor", "open_gateway", "probe"]
