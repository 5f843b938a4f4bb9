"""Plain-language findings (English and German) that explain a period's result.

Used by :mod:`trudi_py.verify.gateway_check`: the period's name, a mismatch with physical
values, gaps (from … to …) and unusable readings, with a note when such a reading sits at a
tariff switch or a period boundary.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from itertools import compress, repeat
from operator import gt, le, sub
from typing import Protocol

from trudi_py.i18n import Message, by_language, msg
from trudi_py.model.times import BERLIN
from trudi_py.model.units import unit_name
from trudi_py.verify.inputs import AnalysisProfile, IntervalReading, ValueList, fnn_status
from trudi_py.verify.result import Finding, format_obis
from trudi_py.verify.timeline import DAY_US, US, abs_key, instant, key_date, keys

#: At most this many gaps / unusable readings are named one by one per list and period.
MAX_LISTED = 5


#: A billing period's name (local time), translated when shown.
PeriodLabel = Message


def local_text(moment: datetime | None, lang: str = "en") -> str:
    """``2026-03-01 00:00`` (en) or ``01.03.2026 00:00`` (de), Europe/Berlin; "open" if None."""
    if moment is None:
        return msg("open").text(lang)
    local = moment.astimezone(BERLIN)
    return local.strftime("%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M")


def period_label(start: datetime, end: datetime | None) -> PeriodLabel:
    """``billing period 2026-03-01 00:00 – 2026-04-01 00:00 (local time)``."""
    return msg("billing period {start} – {end} (local time)",
               start=by_language(local_text, start), end=by_language(local_text, end))


def physical_text(amount: int, scaler: int | None, unit: int | None, lang: str = "en") -> str:
    """``1 234.5 Wh`` / ``1.234,5 Wh`` plus the raw value; just the raw value without scaler."""
    raw = msg("raw {amount}", amount=amount).text(lang)
    if scaler is None:
        return raw
    value = Decimal(amount).scaleb(scaler)
    digits = max(0, -scaler)
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "#").replace(".", ",").replace("#", ".")
    name = unit_name(unit) if unit is not None else ""
    return f"{text} {name}".rstrip() + f" ({raw})"


class _Row(Protocol):
    @property
    def obis(self) -> str: ...
    @property
    def tariff(self) -> int: ...
    @property
    def computed(self) -> int | None: ...
    @property
    def gateway(self) -> int | None: ...
    @property
    def scaler(self) -> int | None: ...
    @property
    def unit(self) -> int | None: ...

    @property
    def difference(self) -> int | None: ...


def mismatch_finding(row: _Row, label: PeriodLabel) -> Finding:
    """The error finding of a register whose gateway amount differs from the recomputation."""
    assert row.computed is not None and row.gateway is not None
    diff = row.gateway - row.computed
    reg = format_obis(row.obis)
    kind = msg("error register") if row.tariff == 63 else msg("tariff {tariff}",
                                                              tariff=row.tariff)
    more = msg("higher") if diff > 0 else msg("lower")

    def p(v: int, lang: str) -> str:
        return physical_text(v, row.scaler, row.unit, lang)
    return Finding(
        "error", "register-mismatch",
        msg("{label}, register {reg} ({kind}): the gateway billed {billed}, the recomputation "
            "from the meter readings gives {computed}; the gateway's amount is {diff} {more}.",
            label=label, reg=reg, kind=kind, billed=by_language(p, row.gateway),
            computed=by_language(p, row.computed), diff=by_language(p, abs(diff)), more=more))


_SwitchesByDay = dict[object, dict[int, tuple[int, int]]]
#: The last profile's switches (every period of a contract asks with the same profile).
_last_switches: list[tuple[AnalysisProfile, _SwitchesByDay]] = []


def _switches(profile: AnalysisProfile) -> _SwitchesByDay:
    """Per date: {seconds of day: (tariff before, tariff after)} of the day profile in force
    (remembered for the last profile object asked for)."""
    last = _last_switches[-1] if _last_switches else None
    if last is not None and last[0] is profile:
        return last[1]
    result = _day_switches(profile)
    _last_switches[:] = [(profile, result)]
    return result


def _day_switches(profile: AnalysisProfile) -> _SwitchesByDay:
    by_id = {}
    for dp in profile.day_profiles:
        slots = sorted(dp.slots, key=lambda s: s.seconds)
        by_id[dp.day_id] = {b.seconds: (a.tariff_number, b.tariff_number)
                            for a, b in zip(slots, slots[1:], strict=False)
                            if a.tariff_number != b.tariff_number}
    return {sd.day: by_id.get(sd.day_id, {}) for sd in profile.special_days}


def describe_period(lists: Sequence[ValueList], profile: AnalysisProfile, start: datetime,
                    end: datetime, label: PeriodLabel) -> list[Finding]:
    """Gaps, unusable readings and PTB warnings of each list within [start, end]."""
    out: list[Finding] = []
    lo, hi = keys(start)[0], keys(end)[0]
    switches = _switches(profile)
    for value_list in lists:
        name = format_obis(value_list.obis)
        stamps, bad, n_bad, warned = _inside(value_list, lo, hi)
        step = _step(value_list, stamps)
        gaps = list(compress(zip(stamps, stamps[1:], strict=False),
                             map(gt, map(sub, stamps[1:], stamps), repeat(step))))
        for a, b in gaps[:MAX_LISTED]:
            first, last = instant(a + step), instant(b - step)
            n = (b - a) // step - 1
            out.append(Finding(
                "warning", "gap",
                msg("{label}, {name}: gap — no readings from {first} to {last} ({n} missing "
                    "values).", label=label, name=name, first=by_language(local_text, first),
                    last=by_language(local_text, last), n=n)))
        if len(gaps) > MAX_LISTED:
            out.append(Finding("warning", "gap",
                               msg("{label}, {name}: {value} more gaps.",
                                   label=label, name=name, value=len(gaps) - MAX_LISTED)))
        for r in bad:
            status = max(x for x in (r.status_ptb, r.fnn_ptb, 0) if x is not None)
            word = msg("fatal") if status == 4 else msg("critical")
            r_abs, r_wall = keys(r.target or r.capture)  # type: ignore[arg-type]
            where = _where(r_wall, r_abs, lo, hi, switches)
            when = instant(r_abs)
            out.append(Finding(
                "warning", "unusable-reading",
                msg("{label}, {name}: status {word} ({status}) at {when}{where} — the reading is "
                    "treated as missing.", label=label, name=name, word=word, status=status,
                    when=by_language(local_text, when), where=where)))
        if n_bad > MAX_LISTED:
            out.append(Finding(
                "warning", "unusable-reading",
                msg("{label}, {name}: {value} more readings with status 3 or 4.",
                    label=label, name=name, value=n_bad - MAX_LISTED)))
        if warned:
            out.append(Finding(
                "info", "warning-readings",
                msg("{label}, {name}: {warned} readings carry a PTB warning or temporary error; "
                    "they are usable and counted.", label=label, name=name, warned=warned)))
    return out


def _inside(value_list: ValueList, lo: int, hi: int
            ) -> tuple[list[int], list[IntervalReading], int, int]:
    """Of the readings with ``lo <= absolute key <= hi`` in time order: their keys, the first
    :data:`MAX_LISTED` unusable ones, how many are unusable, how many usable ones carry a
    warning status. A list given as sorted columns is taken column by column."""
    cols = value_list.columns
    if cols is not None and len(value_list.blocks) == 1 and \
            all(map(le, cols.targets, cols.targets[1:])):
        i0, i1 = bisect_left(cols.targets, lo), bisect_right(cols.targets, hi)
        words = cols.words[i0:i1]
        fnn_of = {w: fnn_status(w) for w in dict.fromkeys(words)}  # no PTB status here
        bad_of = {w: fnn in (3, 4) for w, fnn in fnn_of.items()}
        warned_of = {w: fnn not in (3, 4) and (fnn or 0) > 0 for w, fnn in fnn_of.items()}
        bad_at = list(compress(range(i0, i1), map(bad_of.__getitem__, words)))
        return (list(cols.targets[i0:i1]), [cols.reading(i) for i in bad_at[:MAX_LISTED]],
                len(bad_at), sum(map(warned_of.__getitem__, words)))
    keyed = sorted((abs_key(m), i, r) for b in value_list.blocks
                   for i, r in enumerate(b.readings)
                   if (m := r.target or r.capture) is not None)
    keyed = [k for k in keyed if lo <= k[0] <= hi]
    inside = [r for _, _, r in keyed]
    bad = [r for r in inside if not r.usable]
    warned = sum(1 for r in inside if r.usable and max(r.status_ptb or 0, r.fnn_ptb or 0) > 0)
    return [k for k, _, _ in keyed], bad[:MAX_LISTED], len(bad), warned


def _step(value_list: ValueList, stamps: Sequence[int]) -> int:
    """The measuring period in µs: declared, else the most frequent spacing, else 15 min."""
    if value_list.measurement_period:
        return value_list.measurement_period * US
    counts = Counter(map(sub, stamps[1:], stamps))  # first occurrence first: same ties
    return max(counts, key=counts.__getitem__) if counts else 900 * US


def _where(wall: int, abs_key: int, lo: int, hi: int,
           switches: dict[object, dict[int, tuple[int, int]]]) -> Message | str:
    if abs_key in (lo, hi):
        return msg(", the period boundary")
    seconds = (wall % DAY_US) // US
    change = switches.get(key_date(wall), {}).get(seconds)
    if change is None:
        return ""
    hhmm = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return msg(", the tariff switch at {hhmm} (tariff {before} → {after})", hhmm=hhmm,
               before=change[0], after=change[1])
