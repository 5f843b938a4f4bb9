"""trudi_py.simulator: a simulated CONEXA 3.0 gateway (HTTPS on 127.0.0.1) for the demo,
the tests and the benchmarks.

Public API: :class:`SimulatorConfig`, :func:`parse_quirks`, :class:`Simulator`,
:class:`RequestRecord`, :func:`serve_forever`, and ``QUIRKS`` (name → description).
"""

from trudi_py.simulator.config import SimulatorConfig
from trudi_py.simulator.handler import RequestRecord
from trudi_py.simulator.quirks import QUIRKS, parse_quirks
from trudi_py.simulator.server import Simulator, serve_forever

__all__ = ["QUIRKS", "RequestRecord", "Simulator", "SimulatorConfig", "parse_quirks",
           "serve_forever"]
