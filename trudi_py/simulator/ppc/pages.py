"""HTML pages of the simulated portal, with the element ids of PPC_HAN.md §4.

The quoting variant decides single or double attribute quotes; the single-quote pages also
put the value columns in another order and write umlauts as HTML entities, so a client that
reads cells by position or by raw text fails against one of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from html import escape

from trudi_py.simulator.ppc.data import PpcLogRow, PpcRow
from trudi_py.simulator.ppc.registers import RegisterRow

URL = "/cgi-bin/hanservice.cgi"
_COLS_DOUBLE = ("timestamp", "istvalide", "wert", "einheit", "obis", "name", "sign")
_COLS_SINGLE = ("obis", "name", "wert", "einheit", "sign", "timestamp", "istvalide")
_ENTITIES = {"ä": "&auml;", "ö": "&ouml;", "ü": "&uuml;", "Ä": "&Auml;", "Ö": "&Ouml;",
             "Ü": "&Uuml;", "ß": "&szlig;"}


class Html:
    """Builds pages in one quoting style."""

    def __init__(self, quoting: str, firmware: str, sync_text: str) -> None:
        self.q = "'" if quoting == "single" else '"'
        self.single = quoting == "single"
        self.firmware = firmware
        self.sync_text = sync_text

    def text(self, value: str) -> str:
        """``value`` HTML-escaped, with umlauts as entities on the single-quote firmware."""
        out = escape(value, quote=False)
        if self.single:
            for char, entity in _ENTITIES.items():
                out = out.replace(char, entity)
        return out

    def attrs(self, **values: str) -> str:
        """Attributes in this firmware's quoting style."""
        q = self.q
        return "".join(f" {k.rstrip('_')}={q}{escape(str(v), quote=True)}{q}"
                       for k, v in values.items())

    def hidden(self, name: str, value: str) -> str:
        """A hidden input field."""
        return f"<input{self.attrs(type='hidden', name=name, value=value)}>"

    def form(self, tkn: str | None, action: str, fields: dict[str, str], button_id: str,
             label: str, name: str = "") -> str:
        """A form of one action: tkn, action, fields and its button."""
        inner = (self.hidden("tkn", tkn) if tkn is not None else "") + \
            self.hidden("action", action) + "".join(self.hidden(k, v) for k, v in fields.items())
        extra = {"name": name} if name else {}
        return (f"<form{self.attrs(method='post', action=URL, **extra)}>{inner}"
                f"<input{self.attrs(type='submit', id=button_id, value=label)}></form>")

    def page(self, body: str, tkn: str | None = None) -> bytes:
        """A whole portal page: menu, content, footer with firmware and sync time."""
        menu = ""
        if tkn is not None:
            menu = f"<div{self.attrs(id='div_menu')}>" + "".join(
                self.form(tkn, action, {}, button, label) for action, button, label in (
                    ("meterform", "button_menu_zaehler", "Zähler"),
                    ("tariffform", "button_menu_tarif", "Tarife"),
                    ("swversions", "button_menu_swversions", "Softwareversionen"),
                    ("logout", "button_menu_logout", "Abmelden"))) + "</div>"
        footer = (f"<p{self.attrs(id='div_fwversion')}>{self.firmware}</p>"
                  f"<p{self.attrs(id='div_timestamp')}>{self.text(self.sync_text)}</p>")
        html = (f"<!DOCTYPE html><html><head><meta{self.attrs(charset='utf-8')}>"
                f"<title>SMGW</title></head><body>{menu}"
                f"<div{self.attrs(class_='content')}>{body}</div>{footer}</body></html>")
        return html.encode("utf-8")

    # ------------------------------------------------------------------ pages

    def welcome(self, tkn: str, user: str) -> bytes:
        """The welcome page after a login (its first input is the tkn)."""
        # the tkn must be the first <input> of the page (PPC_HAN.md §2)
        return self.page(f"<h1>{self.text('Willkommen')}</h1><p>{self.text(user)}</p>", tkn)

    def message(self, text: str, tkn: str | None = None) -> bytes:
        """A page with one message (errors, lock page, logout)."""
        return self.page(f"<p>{self.text(text)}</p>", tkn)

    def meterform(self, tkn: str, options: Sequence[tuple[str, str]]) -> bytes:
        """The meter dropdown (``mid`` per option)."""
        opts = "".join(f"<option{self.attrs(value=mid)}>{self.text(label)}</option>"
                       for mid, label in options)
        body = (f"<form{self.attrs(id='form_meterform', method='post', action=URL)}>"
                f"{self.hidden('tkn', tkn)}"
                f"<select{self.attrs(id='meterform_select_meter', name='mid')}>{opts}</select>"
                f"<button{self.attrs(type='submit', name='action', value='showMeterValuesForm')}"
                f">Werte</button></form>")
        return self.page(body, tkn)

    def _range_form(self, tkn: str, name: str, action: str, extra: str = "") -> bytes:
        """A from/to form posting ``action`` (values and logbook ask for their range so)."""
        body = (f"<form{self.attrs(name=name, method='post', action=URL)}>"
                f"{self.hidden('tkn', tkn)}{self.hidden('action', action)}{extra}"
                f"<input{self.attrs(type='text', name='from', value='')}>"
                f"<input{self.attrs(type='text', name='to', value='')}>"
                f"<input{self.attrs(type='submit', value='Anzeigen')}></form>")
        return self.page(body, tkn)

    def values_form(self, tkn: str, fresh_mid: str) -> bytes:
        """The values form with its fresh ``mid``."""
        return self._range_form(tkn, "input_metervalues", "showMeterValues",
                                self.hidden("mid", fresh_mid))

    def values(self, tkn: str, rows: Sequence[PpcRow], next_fields: dict[str, str] | None
               ) -> bytes:
        """One page of meter values (newest first) and the next-page form."""
        cols = _COLS_SINGLE if self.single else _COLS_DOUBLE
        head = "<tr>" + "".join(f"<th>{c}</th>" for c in cols) + "<th>Status</th></tr>"
        lines = []
        last_stamp = None
        for n, row in enumerate(rows):
            stamp = row.local_text
            cells = {"timestamp": "" if stamp == last_stamp else stamp,
                     "istvalide": str(row.valid), "wert": row.kwh_text, "einheit": "kWh",
                     "obis": row.obis, "name": row.name, "sign": ""}
            last_stamp = stamp  # only the first row of a pair carries the timestamp
            tds = "".join(f"<td{self.attrs(id=f'table_metervalues_col_{c}')}>"
                          f"{self.text(cells[c])}</td>" for c in cols)
            lines.append(f"<tr{self.attrs(id=f'table_metervalues_line{n}')}>{tds}"
                         f"<td>{'OK' if row.valid == 1 else 'Fehler'}</td></tr>")
        table = f"<table{self.attrs(id='metervalue')}>{head}{''.join(lines)}</table>"
        nav = ""
        if next_fields is not None:
            nav = self.form(tkn, "showMeterValues", next_fields,
                            "table_metervalues_button_nextpage", "Weiter")
        return self.page(table + nav, tkn)

    def swversions(self, tkn: str, versions: Sequence[tuple[str, str, str]]) -> bytes:
        """The firmware component table."""
        rows = "".join(f"<tr><td>{self.text(c)}</td><td>{self.text(v)}</td>"
                       f"<td>{self.text(h)}</td></tr>" for c, v, h in versions)
        return self.page(f"<table><tr><th>Komponente</th><th>Version</th><th>Prüfsumme</th>"
                         f"</tr>{rows}</table>", tkn)

    def log_form(self, tkn: str) -> bytes:
        """The logbook query form."""
        return self._range_form(tkn, "input_logdata", "showLogData")

    def log(self, tkn: str, rows: Sequence[PpcLogRow], next_fields: dict[str, str] | None
            ) -> bytes:
        """One page of logbook rows (newest first) and the next-page form."""
        cols = ("msgtext", "zeit", "outcome", "loglevel", "logid") if self.single else \
            ("zeit", "loglevel", "logid", "msgtext", "outcome")
        lines = []
        for n, row in enumerate(rows):
            cells = {"zeit": row.local_text, "loglevel": row.level, "logid": row.log_id,
                     "msgtext": row.text, "outcome": row.outcome}
            lines.append(f"<tr{self.attrs(id=f'table_log_line{n}')}>" + "".join(
                f"<td{self.attrs(id=f'table_logs_col_{c}')}>{self.text(cells[c])}</td>"
                for c in cols) + "</tr>")
        table = f"<table{self.attrs(id='logtable')}>{''.join(lines)}</table>"
        nav = "" if next_fields is None else self.form(
            tkn, "showLogData", next_fields, "table_logs_button_nextpage", "Weiter")
        return self.page(table + nav, tkn)

    def tariffform(self, tkn: str, options: Sequence[tuple[str, str]]) -> bytes:
        """The tariff profile dropdown (``tid`` per option)."""
        opts = "".join(f"<option{self.attrs(value=tid)}>{self.text(label)}</option>"
                       for tid, label in options)
        body = (f"<form{self.attrs(id='form_tariffform', method='post', action=URL)}>"
                f"{self.hidden('tkn', tkn)}"
                f"<select{self.attrs(id='tarifform_select_profile', name='tid')}>{opts}</select>"
                f"<button{self.attrs(type='submit', name='action', value='showTariffProfile')}"
                f">Anzeigen</button></form>")
        return self.page(body, tkn)

    def label_table(self, tkn: str, pairs: Sequence[tuple[str, str]]) -> bytes:
        """A label/value table (tariff profile)."""
        rows = "".join(f"<tr><td>{self.text(k)}</td><td>{self.text(v)}</td></tr>"
                       for k, v in pairs)
        return self.page(f"<table>{rows}</table>", tkn)

    def tarification(self, tkn: str, periods: Sequence[tuple[str, str, str]],
                     ttids: Sequence[str | None] = ()) -> bytes:
        """The billing periods of a tariff profile; a period with a ``ttid`` links to its
        registers (a form in the register cell)."""
        cols = ("status", "periodend", "periodbegin") if self.single else \
            ("periodbegin", "periodend", "status")
        lines = []
        for n, (begin, end, status) in enumerate(periods):
            cells = {"periodbegin": begin, "periodend": end, "status": status}
            ttid = ttids[n] if n < len(ttids) else None
            link = self.form(tkn, "showTarificationRegister", {"ttid": ttid, "page": "1"},
                             f"table_tarification_button_register{n}", "Register") \
                if ttid else ""
            lines.append(f"<tr{self.attrs(id=f'table_tarification_line{n}')}>" + "".join(
                f"<td{self.attrs(id=f'table_tarification_col_{c}')}>{self.text(cells[c])}</td>"
                for c in cols) + f"<td{self.attrs(id='table_tarification_col_register')}>"
                f"{link}</td></tr>")
        return self.page(f"<table{self.attrs(id='tarification')}>{''.join(lines)}</table>", tkn)

    def tafregister(self, tkn: str, rows: Sequence[RegisterRow]) -> bytes:
        """The registers of one billing period (showTarificationRegister), one page."""
        cols = ("zeitstempel", "sollzeitpunkt", "qualitaet", "wert", "einheit", "obis",
                "kostenstufe", "sign")
        if self.single:
            cols = cols[::-1]
        lines = []
        for n, row in enumerate(rows):
            cells = {**dataclasses.asdict(row), "sign": ""}
            lines.append(f"<tr{self.attrs(id=f'table_tafregister_line{n}')}>" + "".join(
                f"<td{self.attrs(id=f'table_tafregister_col_{c}')}>{self.text(cells[c])}</td>"
                for c in cols) + "</tr>")
        return self.page(f"<table{self.attrs(id='tafregister')}>{''.join(lines)}</table>", tkn)
