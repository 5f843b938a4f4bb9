"""Client for the PPC Smart Meter Gateway's consumer HAN portal (``hanservice.cgi``).

HTML over HTTPS with Digest on every request, a ``session`` cookie and a ``tkn`` form field
(facts and sources: PPC_HAN.md). :class:`PpcPortal` logs in once per use, reads the meter
values by element id, maps them exactly onto :mod:`trudi_py.model` and always logs out.
"""

from trudi_py.vendors.ppc.client import PPC_CURVES, Meter, PpcPortal, PpcReadings
from trudi_py.vendors.ppc.export import PpcExport
from trudi_py.vendors.ppc.mapping import PpcValue

__all__ = ["PPC_CURVES", "Meter", "PpcExport", "PpcPortal", "PpcReadings", "PpcValue"]
