"""Loading a range of readings: from a gateway or the history on the worker thread, window by
window (cancellable at each request boundary), then the table and the chart data with the
contract's tariff zones, both over compact columns; from an archive in the chart process
(:mod:`trudi_py.gui.archive_worker`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trudi_py.gateway.source import ContractSource
from trudi_py.gui.archive_worker import ArchiveWindow
from trudi_py.gui.chart_data import ChartData, prepare_chart_data
from trudi_py.gui.pages.readings_table import ReadingsTable
from trudi_py.jobs.base import CancelToken, EtaClock, Progress
from trudi_py.m2m.source import GatewaySource
from trudi_py.model import Channel, ChannelReadings
from trudi_py.model.series import ChannelSeries
from trudi_py.model.source import DataSource
from trudi_py.verify.loadprofile import ProfileZones
from trudi_py.verify.zones import contract_zone_rule


@dataclass
class Loaded:
    """What a load produced (built on the worker)."""

    usage_point_id: str
    database: str
    start: datetime
    end: datetime
    #: the readings as records (gateway, history); None for an archive, whose export reads
    #: the range from the file again (see ``archive_path``)
    channels: list[ChannelReadings] | None
    meta: dict[str, Channel]
    table: ReadingsTable
    chart: ChartData
    archive_path: Path | None = None
    #: an archive: how the chart process got the range ("columns", "raw" or "csv") and its
    #: CPU seconds there
    route: str = ""
    cpu_s: float = 0.0

    @classmethod
    def from_archive(cls, path: Path, usage_point_id: str, database: str, start: datetime,
                     end: datetime, window: ArchiveWindow) -> Loaded:
        """What the chart process read from an archive."""
        return cls(usage_point_id, database, start, end, None, window.meta, window.table,
                   window.chart, path, window.route, window.cpu_s)


class _WindowProgress:
    """Turns the client's per-window callback into Progress reports; honours cancel."""

    def __init__(self, progress: Callable[[Progress], None], cancel: CancelToken) -> None:
        self.progress, self.cancel = progress, cancel
        self.clock: EtaClock | None = None

    def __call__(self, done: int, total: int, _answer: object) -> None:
        if self.clock is None:
            self.clock = EtaClock(total)
        self.progress(Progress(done, total, "readings", eta_s=self.clock.eta(done)))
        self.cancel.raise_if_cancelled()


def load_readings(source: DataSource, progress: Callable[[Progress], None],
                  cancel: CancelToken, upid: str, database: str,
                  start: datetime, end: datetime) -> Loaded:
    """On the worker: fetch (window by window, cancellable), build table and chart data."""
    info = source.usage_point_info(upid)
    db = info.database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    cancel.raise_if_cancelled()
    if isinstance(source, GatewaySource):  # live: progress and cancel per request window
        channels = source.readings(upid, database, start, end,
                                   on_window=_WindowProgress(progress, cancel))
    elif isinstance(source, ContractSource):  # any vendor: progress and cancel per request
        channels = source.readings(upid, database, start, end, progress=progress,
                                   cancel=cancel)
    else:
        channels = source.readings(upid, database, start, end)
    cancel.raise_if_cancelled()
    progress(Progress(0, 0, "prepare"))
    gateway = source.gateway_info() if info.taf_profile else None
    rule, rule_source = contract_zone_rule(info, gateway)
    series = [ChannelSeries.from_readings(c) for c in channels]
    table = ReadingsTable.build(series, meta)
    table.attach_origin(source, upid, database, start, end)
    if isinstance(rule, ProfileZones):  # the signed profile names the tariffs (HT, NT …)
        table.tariff_names = {st.tariff_number: st.description
                              for st in rule.profile.stages if st.description}
    return Loaded(upid, database, start, end, channels, meta, table,
                  prepare_chart_data(series, meta, rule, rule_source))
