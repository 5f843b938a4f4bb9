"""Tariff profiles and billing periods of the portal (tariffform, showTariffProfile,
showTarification), read by element id; period times are local and become UTC."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model.contracts import BillingPeriod
from trudi_py.vendors.ppc.mapping import candidates


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
