"""Reading the portal's HTML pages by element id (lxml.html), never by column position."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from trudi_py.errors import GatewayError, LockedOut, MalformedAnswer, SessionRefused
from trudi_py.i18n import msg

_LOCK = re.compile(r"f(?:ü|ue)r\s+(?:(\d+)\s+Minuten?)?\s*(?:und\s+)?(?:(\d+)\s+Sekunden?)?"
                   r"\s+gesperrt", re.IGNORECASE)
_LIMIT = re.compile(r"(\d+)\s+erlaubt", re.IGNORECASE)
_SESSION = ("Sitzung abgelaufen", "Unerlaubter Zugriff", "bereits eine Sitzung",
            "bereits angemeldet")
MAX_DEPTH = 200  # deeper nesting than this is not a portal page


class RowLimit(GatewayError):
    """The portal refused a query with too many rows ("… 1000 erlaubt."): ask for less."""

    def __init__(self, limit: int) -> None:
        super().__init__(msg("The gateway allows at most {limit} rows per query.", limit=limit))
        self.limit = limit


@dataclass(frozen=True)
class Row:
    """One meter-value row as shown (texts by cell id; empty when the cell is missing)."""

    timestamp: str
    valid: str
    value: str
    unit: str
    obis: str
    name: str


def parse(html: str) -> lxml.html.HtmlElement:
    """Parse a page; raises :class:`MalformedAnswer` if it is no HTML."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        raise MalformedAnswer(msg("The gateway's page is not HTML.")) from None
    if max((len(list(e.iterancestors())) for e in doc.iter()), default=0) > MAX_DEPTH:
        raise MalformedAnswer(msg("The gateway's page is nested too deeply."))
    return doc


def content_text(doc: lxml.html.HtmlElement) -> str:
    """The visible text of the page's content (menu, footer and tables excluded: a value
    row's status "Fehler" is no error page), spaces folded."""
    parts = doc.xpath("//div[@class='content']")
    node = parts[0] if parts else doc.body if doc.find("body") is not None else doc
    texts = node.xpath(".//text()[not(ancestor::table)][not(ancestor::form)]")
    return " ".join(" ".join(str(t) for t in texts).split())


def check_errors(doc: lxml.html.HtmlElement) -> None:
    """Raise the specific error an error page stands for (lock, session, row limit)."""
    text = content_text(doc)
    lock = _LOCK.search(text)
    if lock and "gesperrt" in text:
        minutes, seconds = int(lock.group(1) or 0), int(lock.group(2) or 0)
        raise LockedOut(minutes * 60 + seconds)
    for marker in _SESSION:
        if marker.lower() in text.lower():
            raise SessionRefused(text[:200])
    limit = _LIMIT.search(text)
    if limit:
        raise RowLimit(int(limit.group(1)))
    if "Fehler" in text:
        raise GatewayError(msg("Message of the smart meter gateway: {text}", text=text[:200]))


def token(doc: lxml.html.HtmlElement) -> str | None:
    """The ``tkn``: the input named tkn, else the first ``<input>`` of the page."""
    named = doc.xpath("//input[@name='tkn']/@value")
    if named:
        return str(named[0])
    first = doc.xpath("(//input)[1]/@value")
    return str(first[0]) if first else None


def firmware(doc: lxml.html.HtmlElement) -> str:
    """The footer's firmware string (``p#div_fwversion``), "" if absent."""
    found = doc.xpath("//*[@id='div_fwversion']")
    return found[0].text_content().strip() if found else ""


def meter_options(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """``(mid, label)`` of the meter dropdown."""
    return [(str(o.get("value", "")), o.text_content().strip())
            for o in doc.xpath("//select[@id='meterform_select_meter']/option")]


def fresh_mid(doc: lxml.html.HtmlElement) -> str | None:
    """The fresh ``mid`` of the values form (PPC_HAN.md §4), None if absent."""
    found = doc.xpath("//form[@name='input_metervalues']//input[@name='mid']/@value")
    return str(found[0]) if found else None


def _cell(row: lxml.html.HtmlElement, col: str) -> str:
    found = row.xpath(f".//td[@id='table_metervalues_col_{col}']")
    if not found and col == "obis":
        found = row.xpath(".//td[@id='table_metervaleus_col_obis']")  # typo seen in [T]
    return " ".join(found[0].text_content().split()) if found else ""


def value_rows(doc: lxml.html.HtmlElement) -> list[Row]:
    """The rows of ``table#metervalue`` in page order."""
    rows = doc.xpath("//table[@id='metervalue']//tr[starts-with(@id,'table_metervalues_line')]")
    return [Row(_cell(r, "timestamp"), _cell(r, "istvalide"), _cell(r, "wert"),
                _cell(r, "einheit"), _cell(r, "obis"), _cell(r, "name")) for r in rows]


def next_page(doc: lxml.html.HtmlElement,
              button_id: str = "table_metervalues_button_nextpage",
              skip: tuple[str, ...] = ()) -> dict[str, str] | None:
    """The fields of the next-page form (its own hidden inputs but ``skip``), None on the
    last page."""
    button = doc.xpath(f"//input[@id='{button_id}']")
    if not button:
        return None
    form = next((a for a in button[0].iterancestors() if a.tag == "form"), None)
    if form is None:
        return None
    return {str(i.get("name")): str(i.get("value", ""))
            for i in form.xpath(".//input[@type='hidden'][@name]")
            if i.get("name") not in skip}


def has_values_table(doc: lxml.html.HtmlElement) -> bool:
    """Whether the page has the meter values table."""
    return bool(doc.xpath("//table[@id='metervalue']"))
