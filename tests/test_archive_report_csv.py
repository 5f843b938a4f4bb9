"""``trudi-py archive`` end to end: formula-injection defused in every CSV text cell, and
report.html carrying the same verdicts as ``trudi-py verify X.zip --html``.

The simulator (real TLS on 127.0.0.1) serves meter ids and owner numbers that start with
``= + - @``; the readings CSVs must neutralise them, the raw answers stay byte-exact and
``verify`` still passes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import archive_cli

from trudi_py.archive.csvformat import neutralise, window_rows
from trudi_py.cli import main
from trudi_py.model import Channel
from trudi_py.simulator import Simulator, SimulatorConfig

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
HOSTILE_METER_IDS = ["=1+2", "+41", "-2+3", "@SUM(A1)"]
HOSTILE_OWNERS = ["=HYPERLINK(\"x\")", "+cmd", "-1+1", "@A1"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of a gateway whose meter ids and owner numbers look like formulas."""
    base = tmp_path_factory.mktemp("hostile-csv")
    config = SimulatorConfig("two-consumers", now=NOW, state_dir=base / "sim",
                             quirks=frozenset({"qualified-obis"}))  # meter ids on the wire
    with Simulator(config) as sim:
        k = 0
        for point in sim.data.consumers[0].usage_points:
            for db in point.databases:
                for channel in db.channels:
                    channel.meter_id = HOSTILE_METER_IDS[k % 4]
                    channel.owner_number = HOSTILE_OWNERS[k % 4]
                    k += 1
        assert k >= 4
        code, summary = archive_cli(sim, base / "a.zip")
    assert code == 0 and summary["complete"], summary
    return base / "a.zip"


def _reading_rows(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith(("readings/", "excel/readings/")):
                text = zf.read(name).decode("utf-8-sig")
                rows += csv.DictReader(io.StringIO(text),
                                       delimiter=";" if name.startswith("excel/") else ",")
    return rows


def test_readings_csv_cells_are_neutralised_and_raw_stays_exact(hostile: Path) -> None:
    rows = _reading_rows(hostile)
    assert rows
    meter_ids = {r["meter_id"] for r in rows}
    owners = {r["owner_number"] for r in rows}
    assert meter_ids == {"'" + m for m in HOSTILE_METER_IDS}, meter_ids
    assert owners == {"'" + o for o in HOSTILE_OWNERS}, owners
    for row in rows:  # no text cell a spreadsheet would evaluate
        for column in ("meter_id", "owner_number", "signature"):
            assert not row[column] or row[column][0] not in "=+-@\t\r", row
    with zipfile.ZipFile(hostile) as zf:
        raw = b"".join(zf.read(n) for n in zf.namelist()
                       if n.startswith("raw/") and n.endswith("-readings.json"))
    for owner in HOSTILE_OWNERS:  # the gateway's bytes, exactly as sent
        assert json.dumps(owner).encode() in raw
    assert b'.=1+2.sm"' in raw and b"'=" not in raw
    assert main(["verify", str(hostile)]) == 0


def test_window_rows_neutralise_every_formula_start() -> None:
    for first in "=+-@":
        body = json.dumps({"readings": {"records": "1", "channels": [{
            "obis": f"0100010800ff.{first}9x.sm", "readings": [{
                "capture-time": "2026-03-01T00:15:00Z", "target-time": "2026-03-01T00:15:00Z",
                "value": "5", "cosem-status": "00", "smgw-status": "00", "meter-status": "00",
                "owner-number": f"{first}own", "signature": None}]}]}}).encode()
        for answer in (body, json.loads(body)):  # fast decoder and tolerant parser alike
            rows = window_rows(answer, {"0100010800ff": Channel("0100010800ff", 0, 30)},
                               None, None).rows["0100010800ff"]
            assert rows[0][1] == f"'{first}9x" and rows[0][11] == f"'{first}own"
    assert neutralise("-12.5") == "-12.5" and neutralise("plain") == "plain"


def _verdict_table(page: str) -> str:
    found = re.search(r"<h2>Prüfung</h2>.*?</table>", page, re.S)
    assert found is not None, "no verdicts section"
    return found.group(0)


def test_report_html_carries_the_verify_verdicts(hostile: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(hostile) as zf:
        report = zf.read("report.html").decode("utf-8")
        manifest = json.loads(zf.read("manifest.json"))
    section = _verdict_table(report)
    for text in ("Archiv-Integrität", "geprüft und richtig", "nicht prüfbar",
                 "Signaturen der Messwerte", "Tarifprofil"):
        assert text in section, text
    assert "FALSCH" not in section
    covered = manifest["verdicts"]
    assert covered["in"] == "report.html" and "report.html" in covered["covers"]
    assert sum(covered["outcomes"].values()) == section.count("<tr>") - 1
    assert "außer report.html" in report  # the report says what its verdicts cover
    html_file = tmp_path / "verify.html"
    assert main(["verify", str(hostile), "--html", str(html_file), "--lang", "de"]) == 0
    by_verify = _verdict_table(html_file.read_text(encoding="utf-8"))
    members = re.compile(r"(\d+) Dateien, SHA-256")
    found, total = members.search(section), members.search(by_verify)
    assert found is not None and total is not None
    assert int(found.group(1)) == int(total.group(1)) - 1  # all but report.html itself
    assert members.sub("", by_verify) == members.sub("", section)  # else the very same rows


def test_a_failing_verification_leaves_a_note_not_a_lostarchive_cli(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from trudi_py.archive import integrity
    from trudi_py.jobs.archive_steps import verify_written
    from trudi_py.verify.verdict import NOT_CHECKABLE

    def broken(path: Path, proven: Any = None) -> Any:
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(integrity, "check_archive", broken)
    verdicts = list(verify_written(tmp_path / "x.zip"))
    assert [v.outcome for v in verdicts] == [NOT_CHECKABLE]
    assert "RuntimeError: a bug in a check" in verdicts[0].reason.text("de")
