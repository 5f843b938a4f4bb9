"""A simulated PPC Smart Meter Gateway HAN portal (``/cgi-bin/hanservice.cgi``).

Built from the public facts sheet ``PPC_HAN.md``: Digest MD5 on every request, a ``session``
cookie, a ``tkn`` form field, HTML pages with the element ids the real portal uses, paging,
a row limit ("…00 erlaubt"), a lock-out after failed logins, one session at a time. Every
point the facts sheet marks as GUESS is a switch of :class:`PpcVariant`.
"""

from trudi_py.simulator.ppc.config import PpcConfig, PpcUser, PpcVariant
from trudi_py.simulator.ppc.server import PpcSimulator

__all__ = ["PpcConfig", "PpcSimulator", "PpcUser", "PpcVariant"]
