"""The archive's day summary member (``summary/<up>/<db>.json``, issue 16): energy per local
day per channel, written beside each database's CSV, exactly the sums the GUI's charts book
from the CSV (gaps, a DST switch day, one and several years); verify recomputes it and flags
an edited member; an archive without it still verifies."""

from __future__ import annotations

import hashlib
import json
import zipfile
from array import array
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from trudi_py.archive.reader import ArchiveSource
from trudi_py.archive.summary import (
    DaySummaryError,
    day_summary_bytes,
    day_summary_member,
    parse_day_summary,
)
from trudi_py.gui.chart_data import prepare_chart_data
from trudi_py.model.energy import DayRegister, day_totals_of_columns
from trudi_py.model.series import ChannelSeries

BERLIN = ZoneInfo("Europe/Berlin")
EPOCH = date(1970, 1, 1)


@pytest.fixture(scope="module")
def archive(household_archive: Path) -> Path:
    """The household's archive (made once per session, tests/conftest.py); read only."""
    return household_archive


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("summary/")}


def _chart_days(series: list[ChannelSeries], meta: dict) -> dict[str, dict[int, int]]:
    """Raw energy per day number as the GUI's charts book it from the CSV's columns."""
    out: dict[str, dict[int, int]] = {}
    for s in prepare_chart_data(series, meta).series:
        scale = 10.0 ** meta[s.obis].scaler / 1000
        days = s.days.astype(np.int64).tolist()
        out[s.obis] = {d: round(k / scale) for d, k in zip(days, s.day_kwh.tolist(),
                                                           strict=True) if k}
    return out


def test_member_equals_the_charts_sums_from_the_csv(archive: Path) -> None:
    """14 months (the household's own history): every database, every register channel."""
    _assert_member_equals_charts(archive)


def test_member_equals_the_charts_sums_over_three_years(three_years: Path) -> None:
    _assert_member_equals_charts(three_years)
    days = [len(c.days) for data in _members(three_years).values()
            for c in parse_day_summary(data)]
    assert max(days) > 3 * 365 - 40


def _assert_member_equals_charts(archive: Path) -> None:
    members = _members(archive)
    assert members, "no summary member written"
    with ArchiveSource(archive) as source:
        manifest = source.manifest
        listed = {f["path"] for f in manifest["files"]}
        checked = 0
        for point in source.usage_points():
            info = source.usage_point_info(point.usage_point_id)
            for db in info.databases:
                name = day_summary_member(point.usage_point_id, db.name)
                assert name in members and name in listed
                meta = {c.obis: c for c in db.channels}
                series = source.series(point.usage_point_id, db.name)
                channels = {c.obis: c for c in parse_day_summary(members[name])}
                expected = _chart_days(series, meta)
                for obis, days in expected.items():
                    got = {d: e for d, e, _n in channels[obis].days if e}
                    assert got == days, (name, obis)
                    checked += 1
                for s in series:  # the bisection over columns gives the same days
                    if s.obis in channels:
                        assert day_totals_of_columns(s.targets, s.values) == \
                            channels[s.obis].days
    assert checked >= 2


def test_the_household_has_a_gap_and_a_switch_day(archive: Path) -> None:
    """The archive the test above compares covers a DST switch day (23 or 25 hours: 92/100
    quarters) and a day with fewer readings (the simulator's designed gap)."""
    counts = [n for data in _members(archive).values()
              for c in parse_day_summary(data) for _d, _e, n in c.days[1:-1]]
    assert 92 in counts or 100 in counts
    assert any(n < 92 for n in counts)


def test_day_register_books_like_the_charts_across_a_switch_and_a_gap() -> None:
    """Synthetic: 15-minute readings over the autumn switch 2025-10-26 (25 h), a 5-hour gap
    and a meter reset; the streaming register, the column bisection and the charts agree."""
    start = int(datetime(2025, 10, 25, 20, tzinfo=UTC).timestamp())
    epochs = [start + 900 * i for i in range(300) if not 100 <= i < 120]
    values = [1000 + 7 * i + (i % 3) for i in range(len(epochs))]
    values[200:] = [v - 5000 for v in values[200:]]  # a reset: a negative step
    reg = DayRegister()
    for e, v in zip(epochs, values, strict=True):
        reg.add(e, v)
    series = ChannelSeries("0100010800ff", "m", array("q", [e * 1_000_000 for e in epochs]),
                           array("q", [0] * len(epochs)), array("q", values))
    assert reg.totals() == day_totals_of_columns(series.targets, series.values)
    from trudi_py.model import Channel
    meta = {"0100010800ff": Channel("0100010800ff", 0, 30)}
    charted = _chart_days([series], meta)["0100010800ff"]
    assert {d: e for d, e, _n in reg.totals() if e} == charted
    switch = (date(2025, 10, 26) - EPOCH).days
    counts = {d: n for d, _e, n in reg.totals()}
    # the switch day (22:00 UTC to 23:00 UTC next day: 100 quarters) holds readings 9..108;
    # 100..108 are missing; the next day holds 109..204, of which 109..119 are missing (the
    # gap's interval, 99 -> 120, is booked to the day it ends in)
    assert counts[switch] == 91 and counts[switch + 1] == 96 - 11


@pytest.mark.parametrize("data, reason", [
    (b"\xff", "not JSON"), (b"[]", "format"), (b"{" * 100_000, "not JSON"),
    (b'{"format": "trudi-py-day-energy", "format-version": 1, "channels": [{"obis": "x", '
     b'"scaler": 0, "unit": 30, "days": [["2026-13-01", 1, 1]]}]}', "no date"),
    (b'{"format": "trudi-py-day-energy", "format-version": 1, "channels": [{"obis": "x", '
     b'"scaler": 0, "unit": 30, "days": [["2026-01-02", 1, 1], ["2026-01-01", 1, 1]]}]}',
     "not ascending"),
    (b" " * (17 * 1024 * 1024), "larger than"),
])
def test_a_malformed_member_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(DaySummaryError, match=reason):
        parse_day_summary(data)


def test_round_trip_of_the_text_form() -> None:
    text = day_summary_bytes("up", "origin", [("0100010800ff", -1, 30, [(20000, 5, 96)]),
                                              ("0100020800ff", 0, 30, [])])
    parsed = parse_day_summary(text)
    assert [(c.obis, c.scaler, c.unit, c.days) for c in parsed] == [
        ("0100010800ff", -1, 30, [(20000, 5, 96)]), ("0100020800ff", 0, 30, [])]
    assert b'["2024-10-04", 5, 96]' in text


def _edited(src: Path, dst: Path, edit) -> str:  # noqa: ANN001
    """Copy the archive with the first origin day summary passed through ``edit`` (None:
    dropped) and the manifest made to agree (so only the summary check can notice)."""
    names = sorted(n for n in _members(src) if n.endswith("/origin.json"))
    target = names[0]
    with zipfile.ZipFile(src) as zin:
        data = {i.filename: zin.read(i) for i in zin.infolist()}
    new = edit(data[target])
    manifest = json.loads(data["manifest.json"])
    files = [f for f in manifest["files"] if f["path"] != target]
    if new is None:
        del data[target]
    else:
        data[target] = new
        files.append({"path": target, "bytes": len(new),
                      "sha256": hashlib.sha256(new).hexdigest()})
    manifest["files"] = files
    data["manifest.json"] = json.dumps(manifest, indent=2).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in data.items():
            zout.writestr(name, body)
    return target


def _summary_findings(path: Path) -> tuple[bool, list]:
    from trudi_py.archive.integrity import check_archive
    report = check_archive(path, {})
    return report.ok, [p for p in report.problems if p.code.startswith("summary-")]


def test_verify_accepts_the_member_as_written(archive: Path) -> None:
    ok, found = _summary_findings(archive)
    assert ok and found == []


def test_verify_flags_an_edited_day(archive: Path, tmp_path: Path) -> None:
    def plus_one(data: bytes) -> bytes:
        doc = json.loads(data)
        row = doc["channels"][0]["days"][40]
        row[1] += 1
        return json.dumps(doc).encode()
    out = tmp_path / "edited.zip"
    target = _edited(archive, out, plus_one)
    doc = json.loads(_members(archive)[target])
    day = doc["channels"][0]["days"][40][0]
    ok, found = _summary_findings(out)
    assert not ok and [f.code for f in found] == ["summary-mismatch"]
    assert found[0].path == target and day in found[0].message
    assert doc["channels"][0]["obis"] in found[0].message
    assert "zuerst am" in found[0].text("de")


def test_verify_flags_a_malformed_member(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "malformed.zip"
    target = _edited(archive, out, lambda data: data[:100])
    ok, found = _summary_findings(out)
    assert not ok and [(f.code, f.path) for f in found] == [("summary-invalid", target)]
    assert "not JSON" in found[0].message


def test_an_archive_without_the_member_still_verifies(archive: Path, tmp_path: Path) -> None:
    """An archive of an earlier version (no summary/): no finding, verdict unchanged."""
    out = tmp_path / "old.zip"
    _edited(archive, out, lambda _data: None)
    ok, found = _summary_findings(out)
    assert ok and found == []


def test_cli_verify_reports_the_edited_day(archive: Path, tmp_path: Path) -> None:
    """``trudi-py verify FILE.zip`` (its integrity check on two cores) names the edited
    member with code summary-mismatch and fails."""
    from hostile_util import run_verify

    def minus_one(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["channels"][-1]["days"][3][1] -= 1
        return json.dumps(doc).encode()
    out = tmp_path / "edited.zip"
    target = _edited(archive, out, minus_one)
    run = run_verify(out)
    assert run.code != 0, run.stderr[-2000:]
    problems = json.loads(run.stdout)["archive"]["problems"]
    assert [(p["code"], p["path"]) for p in problems if p["code"].startswith("summary")] == \
        [("summary-mismatch", target)]
