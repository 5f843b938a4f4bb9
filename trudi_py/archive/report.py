"""``report.html``: a self-contained German summary of an archive (inline PNG charts).

Charts are drawn with matplotlib's Agg backend (no GUI, no Qt) when a database is finished;
the HTML is written at the very end. Every text that comes from the gateway is escaped.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from trudi_py.archive.summary import ENERGY_UNITS, ChannelSummary, parse_z
from trudi_py.model.logbook import SYSLOG_LEVELS_DE
from trudi_py.model.times import format_local

_OBIS_NAMES = {"0100010800ff": "Bezug (1.8.0)", "0100020800ff": "Einspeisung (2.8.0)"}


def _label(obis: str) -> str:
    return _OBIS_NAMES.get(obis, obis)


def render_database_chart(usage_point_id: str, database: str,
                          summaries: Sequence[ChannelSummary]) -> bytes | None:
    """Load profile (hourly mean power) and monthly amounts of one database as one PNG."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    energy = [s for s in summaries if s.unit in ENERGY_UNITS and s.hour_first]
    if not energy:
        return None
    fig = Figure(figsize=(9, 5.5), dpi=72)
    top, bottom = fig.subplots(2, 1)
    for s in energy:
        times, values = s.hourly_power()
        unit = ENERGY_UNITS[s.unit].removesuffix("h") or ENERGY_UNITS[s.unit]
        top.plot(times, values, linewidth=0.4, label=f"{_label(s.obis)} [{unit}]")
    top.set_title(f"Lastgang (Stundenmittel) – {usage_point_id} / {database}", fontsize=10)
    top.legend(fontsize=8, loc="upper right")
    top.grid(alpha=0.3)
    width = 0.8 / len(energy)
    for k, s in enumerate(energy):
        months = s.monthly_totals()
        xs = [i + k * width for i in range(len(months))]
        factor = Decimal(1000) if s.unit in (30, 31, 32) else Decimal(1)
        bottom.bar(xs, [float(v / factor) for _, v in months], width=width,
                   label=_label(s.obis))
        bottom.set_xticks(range(len(months)), [m for m, _ in months], rotation=60,
                          fontsize=7)
    bottom.set_title("Monatssummen (kWh bzw. Einheit/1000)" if energy[0].unit in (30, 31, 32)
                     else "Monatssummen", fontsize=10)
    bottom.legend(fontsize=8)
    bottom.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _time(text: str | None) -> str:
    if not text:
        return "–"
    try:
        return format_local(parse_z(text))
    except ValueError:
        return _e(text)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _unit(code: int) -> str:
    name = ENERGY_UNITS.get(code, str(code))
    return "k" + name if code in (30, 31, 32) else name


def _scaled(value: Decimal, code: int) -> Decimal:
    return value / 1000 if code in (30, 31, 32) else value


def _fmt(value: Decimal) -> str:
    return f"{value:,.3f}".replace(",", "X").replace(".", ",").replace("X", ".")


def build_report(ctx: dict[str, Any], charts: dict[str, bytes]) -> str:
    """The HTML page. ``ctx``: gateway, userid, url, created, complete, missing, gaps,
    warnings, usage-points (normalised user-info), databases (summaries), log-rows."""
    gw = ctx["gateway"]
    parts = ["<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>",
             "<title>Stilllegungsarchiv Smart Meter Gateway</title><style>",
             "body{font-family:sans-serif;margin:2em;max-width:70em}"
             "table{border-collapse:collapse;margin:0.5em 0}"
             "td,th{border:1px solid #bbb;padding:2px 6px;font-size:90%;text-align:left}"
             ".bad{color:#a00;font-weight:bold}.ok{color:#070;font-weight:bold}"
             ".note{color:#855;font-style:italic}",
             "</style></head><body>",
             f"<h1>Stilllegungsarchiv – Gateway {_e(gw.get('smgw-id', '').upper())}</h1>"]
    status = ("<span class='ok'>vollständig</span>" if ctx["complete"] else
              "<span class='bad'>UNVOLLSTÄNDIG</span>")
    parts.append(f"<p>Erstellt: {_time(ctx['created'])} (Ortszeit) – Archiv {status}</p>")
    parts.append("<h2>Gateway</h2>" + _table(["Angabe", "Wert"], [
        ["SMGW-ID", gw.get("smgw-id", "").upper()],
        ["Firmware", f"{gw.get('firmware-version', '')}"],
        ["Firmware-Hash", gw.get("firmware-hash", "")],
        ["Adresse", gw.get("url", "")], ["TLS-Zertifikat SHA-256", gw.get("tls-sha256", "")],
        ["Benutzerkennung", ctx.get("userid", "")],
        ["Gateway-Zeit beim Archivieren", _time(gw.get("smgw-time"))]]))
    rows = []
    for up in ctx["usage-points"]:
        rows.append([up.get("usage-point-id"), up.get("usage-point-name"),
                     f"TAF-{up.get('taf-number', '?')}", up.get("taf-state"),
                     _time(up.get("start-time")), _time(up.get("end-time")),
                     ", ".join(m.get("meter-id", "") for m in up.get("meter", [])),
                     up.get("metering-point-id")])
    parts.append("<h2>Verträge (Nutzungspunkte)</h2>" + _table(
        ["Nutzungspunkt", "Name", "TAF", "Zustand", "Beginn", "Ende", "Zähler",
         "Zählpunkt"], rows))
    for db in ctx["databases"]:
        parts.append(f"<h3>{_e(db['usage-point-id'])} – Datenbank „{_e(db['database'])}“</h3>")
        chan_rows = [[c["obis"], c["rows"], _time(c["first"]), _time(c["last"]),
                      c["signatures"], len(c["gaps"])] for c in db["channels"]]
        parts.append(_table(["OBIS", "Werte", "erster Wert", "letzter Wert", "Signaturen",
                             "Lücken"], chan_rows))
        monthly = {c["obis"]: dict(c["monthly"]) for c in db["channels"] if c["monthly"]}
        units = {c["obis"]: c["unit"] for c in db["channels"]}
        if monthly:
            months = sorted({m for v in monthly.values() for m in v})
            header = ["Monat"] + [f"{_label(o)} [{_unit(units[o])}]" for o in monthly]
            parts.append("<p>Summen je Monat (Ortszeit; der letzte Monat bis zum letzten "
                         "Wert):</p>" + _table(header, [
                             [m] + [_fmt(_scaled(Decimal(monthly[o][m]), units[o]))
                                    if m in monthly[o] else "–" for o in monthly]
                             for m in months]))
        png = charts.get(db.get("chart") or "")
        if png:
            data = base64.b64encode(png).decode("ascii")
            parts.append(f"<p><img alt='Lastgang und Monatssummen' "
                         f"src='data:image/png;base64,{data}'></p>")
    parts.append("<h2>Lücken und Warnungen</h2>")
    if ctx["missing"]:
        parts.append("<p class='bad'>Nicht abrufbare Zeitfenster:</p>" + _table(
            ["Was", "Nutzungspunkt", "Datenbank", "von", "bis", "Grund"],
            [[m.get("what"), m.get("usage-point-id"), m.get("database"), _time(m.get("from")),
              _time(m.get("to")), m.get("reason")] for m in ctx["missing"]]))
    if ctx["gaps"]:
        parts.append("<p>Lücken in 15-Minuten-Reihen (so vom Gateway geliefert):</p>" + _table(
            ["Nutzungspunkt", "Datenbank", "OBIS", "nach", "vor", "fehlende Werte"],
            [[g["usage-point-id"], g["database"], g["obis"], _time(g["from"]), _time(g["to"]),
              g["missing-values"]] for g in ctx["gaps"]]))
    if ctx["warnings"]:
        parts.append("<ul>" + "".join(f"<li>{_e(w)}</li>" for w in ctx["warnings"]) + "</ul>")
    if not (ctx["missing"] or ctx["gaps"] or ctx["warnings"]):
        parts.append("<p>Keine.</p>")
    if ctx.get("verdicts"):  # verify.verdict.Verdict objects, when a verification ran
        from trudi_py.verify.verdict import verdicts_html
        parts.append(verdicts_html(ctx["verdicts"], "de"))
        parts.append("<p><small>Die Prüfung lief wie <code>trudi-py verify</code> über das "
                     "fertig geschriebene Archiv: alle im Manifest gelisteten Dateien außer "
                     "report.html (und manifest.json selbst, das danach mit report.html "
                     "ergänzt wurde).</small></p>")
    parts.append(_logbook_section(ctx["log-rows"]))
    parts.append("<p><small>Maßgeblich sind die Rohantworten in <code>raw/</code> und die "
                 "Prüfsummen in <code>manifest.json</code>.</small></p></body></html>")
    return "".join(parts)


def _logbook_section(rows: Sequence[Sequence[str]]) -> str:
    """Entries per level, time span, most frequent events, the special-functions entry."""
    if not rows:
        return "<h2>Logbuch</h2><p>Keine Einträge.</p>"
    levels = Counter(r[3] for r in rows)
    events = Counter(f"{r[4]}.{r[5]}.{r[6]}" for r in rows)
    level_rows = []
    for level, n in sorted(levels.items()):
        meaning = SYSLOG_LEVELS_DE.get(int(level), "") if level.isdigit() else ""
        level_rows.append([level, meaning, n])
    out = [f"<h2>Logbuch</h2><p>{len(rows)} Einträge vom {_time(rows[0][2])} bis "
           f"{_time(rows[-1][2])}.</p>",
           _table(["Stufe", "Bedeutung (Syslog)", "Anzahl"], level_rows),
           "<p>Häufigste Ereignisse:</p>",
           _table(["Ereignis", "Anzahl"], [[k, n] for k, n in events.most_common(10)])]
    special = [r for r in rows if (r[4], r[5], r[6]) == ("THE", "19013", "0")]
    if special:
        out.append(f"<p>Aktive Sonderfunktionen (letzter Eintrag THE.19013.0, "
                   f"{_time(special[-1][2])}): {_e(special[-1][8])}</p>")
    return "".join(out)
