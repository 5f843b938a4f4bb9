"""Tariff profiles and billing periods of the portal (tariffform, showTariffProfile,
showTarification), read by element id; period times are local and become UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import lxml.html

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model.contracts import BillingPeriod
from trudi_py.vendors.ppc.mapping import candidates, exact_raw, obis_hex


@dataclass(frozen=True)
class TariffOption:
    """One entry of the tariff dropdown. ``tid`` rotates per session; ``label`` is stable."""

    tid: str
    label: str  # "Bezug 15-Minuten"


def options(doc: lxml.html.HtmlElement) -> list[TariffOption]:
    """The tariff dropdown's options (``tid`` valid for this session)."""
    return [TariffOption(str(o.get("value", "")), " ".join(o.text_content().split()))
            for o in doc.xpath("//select[@id='tarifform_select_profile']/option")]


def profile(doc: lxml.html.HtmlElement) -> dict[str, str]:
    """The label/value rows of showTariffProfile (two-cell rows of the content)."""
    out: dict[str, str] = {}
    for row in doc.xpath("//div[@class='content']//tr"):
        cells = [" ".join(td.text_content().split()) for td in row.xpath("./td")]
        if len(cells) == 2 and cells[0]:
            out.setdefault(cells[0], cells[1])
    return out


def taf(profile_rows: dict[str, str]) -> str:
    """``"TAF7 Zählerstandsgangmessung"`` → ``"7"``; ``"TAF06"`` → ``"6"``; "" if unknown."""
    text = profile_rows.get("TAF-Typ", "").strip().upper()
    digits = ""
    if text.startswith("TAF"):
        for char in text[3:]:
            if not char.isdigit():
                break
            digits += char
    return str(int(digits)) if digits else ""


def _cell(row: lxml.html.HtmlElement, col: str) -> str:
    found = row.xpath(f".//td[@id='table_tarification_col_{col}']")
    return " ".join(found[0].text_content().split()) if found else ""


def billing_periods(doc: lxml.html.HtmlElement) -> list[BillingPeriod]:
    """Billing periods, oldest first; a period with status "laufend" or no end is open.

    Period bounds are local midnights, never in the repeated autumn hour; should one be
    ambiguous anyway, the earlier instant is taken (the period starts as early as it can)."""
    out = []
    for row in doc.xpath("//tr[starts-with(@id,'table_tarification_line')]"):
        begin, end, status = _cell(row, "periodbegin"), _cell(row, "periodend"), \
            _cell(row, "status")
        if not begin:
            raise MalformedAnswer(msg("A billing period has no begin."),
                                  field="periodbegin")
        open_ = status.lower() == "laufend" or not end
        out.append(BillingPeriod(candidates(begin)[0], None if open_ else candidates(end)[0]))
    return sorted(out, key=lambda p: p.start)


@dataclass(frozen=True)
class TariffRegister:
    """One row of ``showTarificationRegister``: a register value the portal shows for a
    billing period (what TAF-1 rows mean is a GUESS of PPC_HAN.md §4)."""

    obis: str  # 12 hex digits
    target: datetime  # sollzeitpunkt, UTC
    stamp: str  # zeitstempel as shown (local)
    raw: int  # 0.1 Wh
    stage: str  # kostenstufe
    quality: str  # qualitaet


def register_links(doc: lxml.html.HtmlElement) -> list[str]:
    """The ``ttid`` of each billing period that links to its registers, in page order."""
    out = []
    for row in doc.xpath("//tr[starts-with(@id,'table_tarification_line')]"):
        found = row.xpath(".//input[@name='ttid']/@value")
        if found:
            out.append(str(found[0]))
    return out


def _reg_cell(row: lxml.html.HtmlElement, col: str) -> str:
    found = row.xpath(f".//td[@id='table_tafregister_col_{col}']")
    return " ".join(found[0].text_content().split()) if found else ""


def register_rows(doc: lxml.html.HtmlElement) -> list[TariffRegister]:
    """The register rows of one page, read by cell id; times local → UTC, kWh exact."""
    out = []
    for row in doc.xpath("//tr[starts-with(@id,'table_tafregister_line')]"):
        target = _reg_cell(row, "sollzeitpunkt")
        if not target:
            raise MalformedAnswer(msg("A tariff register has no target time."),
                                  field="sollzeitpunkt")
        out.append(TariffRegister(
            obis_hex(_reg_cell(row, "obis")), candidates(target)[0],
            _reg_cell(row, "zeitstempel"),
            exact_raw(_reg_cell(row, "wert"), _reg_cell(row, "einheit")),
            _reg_cell(row, "kostenstufe"), _reg_cell(row, "qualitaet")))
    return out
