"""The portal's logbook and software versions, read by element id / table shape.

The log actions (``logform``/``showLogData``) are a GUESS of the facts sheet; the row ids
``table_log_line…`` and cell ids ``table_logs_col_{zeit,loglevel,logid,msgtext,outcome}``
are evidenced ([T]). Levels are mapped to the syslog scale the model uses (INFO 6,
WARNING 4, ERROR 3, FATAL 2); an unknown level is kept as text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import lxml.html

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model.gateway import FirmwareInfo
from trudi_py.model.logbook import LogEntry
from trudi_py.vendors.ppc.mapping import candidates, local_to_utc_latest
from trudi_py.vendors.ppc.pages import RowLimit, next_page
from trudi_py.vendors.ppc.query import local_text, split_point

LEVELS = {"INFO": "6", "WARNING": "4", "ERROR": "3", "FATAL": "2"}
LOG_FORM, LOG_SHOW = "logform", "showLogData"
MAX_PAGES = 1000  # per query: more is a portal that never ends
MIN_WINDOW = timedelta(minutes=15)


def _cell(row: lxml.html.HtmlElement, col: str) -> str:
    found = row.xpath(f".//td[@id='table_logs_col_{col}']")
    return " ".join(found[0].text_content().split()) if found else ""


def log_rows(doc: lxml.html.HtmlElement) -> list[dict[str, str]]:
    """The logbook rows of a page as cell texts by column id."""
    return [{c: _cell(r, c) for c in ("zeit", "loglevel", "logid", "msgtext", "outcome")}
            for r in doc.xpath("//tr[starts-with(@id,'table_log_line')]")]


def log_next_page(doc: lxml.html.HtmlElement) -> dict[str, str] | None:
    """The logbook's next-page fields (without tkn/action, which the client adds)."""
    return next_page(doc, "table_logs_button_nextpage", skip=("tkn", "action"))


def to_entries(rows: Sequence[dict[str, str]], upper: datetime, first_index: int = 0
               ) -> tuple[list[LogEntry], datetime]:
    """Rows newest first → entries; the repeated autumn hour is resolved like the values
    (each row the latest instant not after the row above it)."""
    out: list[LogEntry] = []
    bound = upper
    for n, row in enumerate(rows):
        fits = [c for c in candidates(row["zeit"]) if c <= bound]
        if not fits:
            raise MalformedAnswer(msg("The logbook is not newest first at {zeit}.",
                                      zeit=row['zeit']), field="zeit")
        bound = fits[-1]
        level = row["loglevel"].upper()
        out.append(LogEntry(index=first_index + n, record_number="", time=bound,
                            level=LEVELS.get(level, row["loglevel"]), event_id=row["logid"],
                            event_sub_id="", vendor_id="PPC", outcome=row["outcome"],
                            message=row["msgtext"], subject_identity="", user_identity="",
                            version=""))
    return out, bound


def firmware_versions(doc: lxml.html.HtmlElement) -> list[FirmwareInfo]:
    """swversions: rows of three cells (component, version, checksum); header rows skipped."""
    out = []
    for row in doc.xpath("//div[@class='content']//tr"):
        cells = [" ".join(td.text_content().split()) for td in row.xpath("./td")]
        if len(cells) == 3 and cells[0]:
            out.append(FirmwareInfo(cells[0], cells[1], cells[2]))
    return out


def collect(windows: Iterable[Sequence[LogEntry]], start: datetime, end: datetime
            ) -> list[LogEntry]:
    """The entries of the window queries in ``[start, end]``, each (time, id, text) once,
    oldest first and numbered from 0 (the client's result; the archive check re-derives
    ``logbook.csv`` from the raw pages with it)."""
    found: dict[tuple[datetime, str, str], LogEntry] = {}
    for entries in windows:
        for e in entries:
            if start <= e.time <= end:
                found.setdefault((e.time, e.event_id, e.message), e)
    ordered = sorted(found.values(), key=lambda e: e.time)
    return [dataclasses.replace(e, index=i) for i, e in enumerate(ordered)]


def read(post: Callable[..., Any], start: datetime, end: datetime) -> list[LogEntry]:
    """The logbook in [start, end] through the session's ``post(action, **fields)``: the
    log form, then window queries page by page; a window over the row limit is halved."""
    post(LOG_FORM)
    windows: list[list[LogEntry]] = []
    todo = [(start, end)]
    while todo:
        a, b = todo.pop()
        try:
            windows.append(_window(post, a, b))
        except RowLimit:
            cut = split_point(a, b)
            if b - a <= MIN_WINDOW or not a < cut < b:
                raise
            todo += [(cut + timedelta(seconds=1), b), (a, cut)]
    return collect(windows, start, end)


def _window(post: Callable[..., Any], a: datetime, b: datetime) -> list[LogEntry]:
    fields = {"from": local_text(a), "to": local_text(b), "page": "1"}
    upper = local_to_utc_latest(fields["to"])
    out: list[LogEntry] = []
    for _ in range(MAX_PAGES):
        doc = post(LOG_SHOW, **fields)
        got, upper = to_entries(log_rows(doc), upper, len(out))
        out += got
        nxt = log_next_page(doc)
        if nxt is None:
            return out
        fields = nxt
    raise MalformedAnswer(msg("More than {limit} pages of logbook.", limit=MAX_PAGES),
                          field="page")
