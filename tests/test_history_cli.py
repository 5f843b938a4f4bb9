"""``trudi-py sync``, ``export`` and ``archive --from-history`` on the command line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from history_helpers import stepping_sim, truth

from trudi_py.cli import main


def test_sync_export_and_archive_from_the_command_line(tmp_path: Path, monkeypatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    with stepping_sim(tmp_path / "sim") as sim:
        c = sim.data.consumers[0]
        monkeypatch.setenv("TRUDI_PASSWORD", c.password)
        base = ["--url", sim.url, "--user", c.user, "--pin", sim.fingerprint]
        assert main(["sync", *base, "--json"]) == 0
        first = json.loads(capsys.readouterr().out)
        assert first["status"] == "ok" and first["requests"] == first["minimum"]
        store = Path(first["store"])
        assert store.parent.name == "history" and store.name == "smgw-ETHE0300004261.sqlite"
        # too soon: exit 9, says when, nothing sent
        sim.reset_counters()
        assert main(["sync", *base]) == 10
        assert "less than 15 minutes" in capsys.readouterr().err
        assert sim.requests == []
        sim.advance_clock(timedelta(days=1))
        assert main(["sync", *base, "--force", "--json"]) == 0
        second = json.loads(capsys.readouterr().out)
        assert second["store"] == first["store"] and second["new-values"] > 0
        moment, url = sim.gateway_now(), sim.url
    up = next(u for u in sim.data.consumers[0].usage_points if u.taf == "7")
    day = (moment - timedelta(days=3)).astimezone(__import__("zoneinfo").ZoneInfo(
        "Europe/Berlin")).date().isoformat()
    out = tmp_path / "day.csv"
    assert main(["export", "--url", url, "--usage-point", up.usage_point_id,
                 "--from", day, "--to", day, "--out", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    from trudi_py.model.times import parse_user_time
    lo, hi = parse_user_time(day), parse_user_time(day, end=True)
    want = {k for k in truth(sim, lo, hi) if k[:2] == (up.usage_point_id, "origin")}
    assert len(lines) - 1 == len(want) > 90
    assert lines[0].startswith("obis,")
    xl = tmp_path / "day-excel.csv"
    assert main(["export", "--url", url, "--usage-point", up.usage_point_id,
                 "--from", day, "--to", day, "--excel", "--out", str(xl)]) == 0
    assert xl.read_bytes().startswith(b"\xef\xbb\xbf") and b";" in xl.read_bytes()
    logfile = tmp_path / "log.csv"
    assert main(["export", "--logbook", "--out", str(logfile)]) == 0
    assert logfile.read_text("utf-8").startswith("index,")
    # archive --from-history finds the only store by itself
    assert main(["archive", "--from-history", "--out", str(tmp_path)]) == 0
    zips = list(tmp_path.glob("smgw-ETHE0300004261-*.zip"))
    assert len(zips) == 1
    assert main(["export", "--usage-point", "nope", "--out", str(tmp_path / "x.csv")]) == 2
