"""Pure parts of the PPC client: exact kWh mapping, DST resolution, vendor detection."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trudi_py.errors import LockedOut, MalformedAnswer
from trudi_py.vendors.detect import vendor_from_gateway_id
from trudi_py.vendors.ppc import pages
from trudi_py.vendors.ppc.mapping import exact_raw, obis_hex, resolve

UTC = UTC


@pytest.mark.parametrize(("text", "unit", "raw"), [
    ("724.9204", "kWh", 7249204), ("0.0001", "kWh", 1), ("12", "kWh", 120000),
    ("99999999.9999", "kWh", 999999999999), ("1234.5", "Wh", 12345), ("0.1", "kWh", 1000),
])
def test_exact_raw(text: str, unit: str, raw: int) -> None:
    assert exact_raw(text, unit) == raw


@pytest.mark.parametrize(("text", "unit"), [
    ("0.00001", "kWh"), ("1.23", "Wh"), ("1,5", "kWh"), ("1e3", "kWh"), ("", "kWh"),
    ("nan", "kWh"), ("5", "MWh"),
])
def test_exact_raw_refuses(text: str, unit: str) -> None:
    with pytest.raises(MalformedAnswer):
        exact_raw(text, unit)


def test_obis_hex() -> None:
    assert obis_hex("1-0:1.8.0") == "0100010800ff"
    assert obis_hex("1-0:2.8.1*255") == "0100020801ff"
    with pytest.raises(MalformedAnswer):
        obis_hex("1.8.0")


def _row(stamp: str, value: str = "1.0000", obis: str = "1-0:1.8.0") -> pages.Row:
    return pages.Row(stamp, "1", value, "kWh", obis, "Bezug")


def test_repeated_hour_kept_apart() -> None:
    stamps = ["2026-10-25 03:00:01", "2026-10-25 02:45:01", "2026-10-25 02:00:01",
              "2026-10-25 02:45:01", "2026-10-25 02:00:01", "2026-10-25 01:45:01"]
    rows = [_row(s) for s in stamps]
    values, _ = resolve(rows, datetime(2026, 10, 25, 2, 30, tzinfo=UTC))
    assert [v.utc.strftime("%H:%M") for v in values] == [
        "02:00", "01:45", "01:00", "00:45", "00:00", "23:45"]


def test_empty_timestamp_belongs_to_the_row_above() -> None:
    rows = [_row("2026-10-21 10:15:01"), _row("", "2.0000", "1-0:2.8.0")]
    values, last = resolve(rows, datetime(2026, 10, 22, tzinfo=UTC))
    assert values[0].utc == values[1].utc == datetime(2026, 10, 21, 8, 15, 1, tzinfo=UTC)
    assert last is not None


def test_rows_out_of_order_are_refused() -> None:
    with pytest.raises(MalformedAnswer):
        resolve([_row("2026-10-21 10:15:01"), _row("2026-10-21 10:30:01")],
                datetime(2026, 10, 22, tzinfo=UTC))


@pytest.mark.parametrize(("gateway_id", "vendor"), [
    ("EPPC0000012345", "ppc"), ("ethe0300004261", "theben"), ("EEMH0012345678", None),
    ("EPPC021135887", None), ("PPC0211358875X", None), ("", None),
])
def test_vendor_from_gateway_id(gateway_id: str, vendor: str | None) -> None:
    assert vendor_from_gateway_id(gateway_id) == vendor


@pytest.mark.parametrize("html", [
    "<html><body><div class='content'><p>Fehler: Das Portal ist f&uuml;r 4 Minuten und 37 "
    "Sekunden gesperrt.</p></div></body></html>",
    '<html><body><div class="content">Das Portal ist für 4 Minuten und 37 Sekunden '
    "gesperrt</div></body></html>",
])
def test_lock_page(html: str) -> None:
    with pytest.raises(LockedOut) as info:
        pages.check_errors(pages.parse(html))
    assert info.value.remaining_s == 277


def test_row_limit_page() -> None:
    html = ("<html><body><div class='content'><p>Fehler: maximal 1000 erlaubt. "
            "Schr&auml;nken Sie die Abfrageparameter ein.</p></div></body></html>")
    with pytest.raises(pages.RowLimit) as info:
        pages.check_errors(pages.parse(html))
    assert info.value.limit == 1000
