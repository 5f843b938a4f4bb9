"""Loading a range of readings on the worker: window by window (cancellable at each request
boundary), then the table and the chart data, and the tariff zones of the contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from trudi_py.errors import TrudiError
from trudi_py.gui.charts import ChartData, prepare_chart_data
from trudi_py.gui.pages.readings_model import ReadingsTable
from trudi_py.jobs.base import EtaClock, Progress
from trudi_py.model import Channel, ChannelReadings
from trudi_py.verify.gateway_check import check_profile
from trudi_py.verify.loadprofile import ClockRule, ProfileZones, ZoneRule


@dataclass
class Loaded:
    """What a load produced (built on the worker)."""

    usage_point_id: str
    database: str
    start: datetime
    end: datetime
    channels: list[ChannelReadings]
    meta: dict[str, Channel]
    table: ReadingsTable
    chart: ChartData


class _WindowProgress:
    """Turns the client's per-window callback into Progress reports; honours cancel."""

    def __init__(self, progress, cancel) -> None:  # noqa: ANN001
        self.progress, self.cancel = progress, cancel
        self.clock: EtaClock | None = None

    def __call__(self, done: int, total: int, _answer: object) -> None:
        if self.clock is None:
            self.clock = EtaClock(total)
        self.progress(Progress(done, total, "readings", eta_s=self.clock.eta(done)))
        self.cancel.raise_if_cancelled()


def load_readings(source, progress, cancel, upid: str, database: str,  # noqa: ANN001
                  start: datetime, end: datetime) -> Loaded:
    """On the worker: fetch (window by window, cancellable), build table and chart data."""
    info = source.usage_point_info(upid)
    db = info.database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    client = getattr(source, "client", None)
    cancel.raise_if_cancelled()
    if client is not None:
        channels = client.readings(upid, database, start, end,
                                   on_window=_WindowProgress(progress, cancel))
    else:
        channels = source.readings(upid, database, start, end)
    cancel.raise_if_cancelled()
    progress(Progress(0, 0, "prepare"))
    rule, rule_source = zone_rule(source, info)
    table = ReadingsTable.build(channels, meta)
    table.attach_origin(source, upid, database, start, end)
    if isinstance(rule, ProfileZones):  # the signed profile names the tariffs (HT, NT …)
        table.tariff_names = {st.tariff_number: st.description
                              for st in rule.profile.stages if st.description}
    return Loaded(upid, database, start, end, channels, meta, table,
                  prepare_chart_data(channels, meta, rule, rule_source))


def zone_rule(source, info) -> tuple[ZoneRule, str]:  # noqa: ANN001
    """The tariff zones of a contract: from its TAF profile when the gateway's signature on
    it is valid, else the common clock rule (HT Mon–Fri 06–22)."""
    if info.taf_profile:
        try:
            checked = check_profile(info.taf_profile, source.gateway_info())
        except TrudiError:
            checked = None
        if checked is not None and checked.signature == "valid" and checked.profile:
            return ProfileZones(checked.profile), "profile"
    return ClockRule(), "clock"
