"""Being polite to the gateway: at most one sync per vendor's minimum interval (CONEXA 15
minutes, PPC one hour), back-off after a refusal, and which store belongs to which gateway
address (``history/gateways.json``).

The PPC interval is longer because the field reports PPC HAN ports that stop answering
after days of polling every 10–15 minutes (PPC_HAN.md §3, [I#94], [I#54], [I#96]); only a
reset by the metering point operator helps then. The vendor of a store is its ``vendor``
meta value, else the gateway id in its file name (``smgw-EPPC….sqlite``)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from trudi_py.errors import SyncDeferred, TrudiError
from trudi_py.history.store import HistoryStore, store_path
from trudi_py.i18n import msg
from trudi_py.model.times import BERLIN
from trudi_py.vendors.detect import gateway_id_in, vendor_from_gateway_id

#: At most one sync per gateway in this time, unless forced (the CONEXA's, and the default).
MIN_INTERVAL = timedelta(minutes=15)
#: The minimum interval per vendor (vendors/detect.py names).
MIN_INTERVALS: dict[str, timedelta] = {"theben": MIN_INTERVAL, "ppc": timedelta(hours=1)}
#: After a refusal: wait 15 min, doubling per further refusal, at most a day.
BACKOFF_FIRST = timedelta(minutes=15)
BACKOFF_MAX = timedelta(hours=24)


def known_store(url: str) -> Path | None:
    """The store the last sync of this gateway address used (``history/gateways.json``)."""
    index = store_path("x").parent / "gateways.json"
    try:
        name = json.loads(index.read_text("utf-8")).get(url)
    except (OSError, ValueError, AttributeError):
        return None
    return index.parent / name if isinstance(name, str) and "/" not in name and \
        "\\" not in name else None


def remember_store(url: str, path: Path) -> None:
    """Note in ``history/gateways.json`` which store belongs to the address ``url``."""
    index = store_path("x").parent / "gateways.json"
    try:
        known = json.loads(index.read_text("utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    if known.get(url) != path.name and path.parent == index.parent:
        known[url] = path.name
        tmp = index.with_suffix(".tmp")
        tmp.write_text(json.dumps(known, indent=1), "utf-8")
        tmp.replace(index)


def min_interval(vendor: str | None) -> timedelta:
    """The least time between two syncs of a gateway of ``vendor`` (unknown: 15 minutes)."""
    return MIN_INTERVALS.get(vendor or "", MIN_INTERVAL)


def store_vendor(store: HistoryStore) -> str | None:
    """The vendor of the gateway a store belongs to (meta ``vendor``, else the gateway id in
    the file name), None when neither tells."""
    return store.get_meta("vendor") or vendor_from_gateway_id(gateway_id_in(store.path.name))


def check_polite(store: HistoryStore, now: datetime) -> None:
    """Refuse a sync within the vendor's minimum interval of the last one or during a
    back-off (SyncDeferred)."""
    backoff = store.get_meta("backoff-until")
    if backoff and datetime.fromisoformat(backoff) > now:
        at = datetime.fromisoformat(backoff)
        reason = store.get_meta("backoff-reason") or ""
        raise SyncDeferred(msg("The gateway refused the last sync ({reason}); trying again not "
                               "before {astimezone:%Y-%m-%d %H:%M} (use --force to try now).",
                               reason=reason, astimezone=at.astimezone(BERLIN)), retry_at=at)
    last = store.get_meta("last-sync-started")
    interval = min_interval(store_vendor(store))
    if last and datetime.fromisoformat(last) + interval > now:
        at = datetime.fromisoformat(last) + interval
        if interval == MIN_INTERVAL:
            raise SyncDeferred(msg("The last sync was less than 15 minutes ago; the next one is "
                                   "due at {astimezone:%H:%M} (use --force to sync now).",
                                   astimezone=at.astimezone(BERLIN)), retry_at=at)
        raise SyncDeferred(msg("The last sync of this gateway was less than {minutes} minutes "
                               "ago (its HAN port is known to fail under frequent polling); "
                               "the next one is due at {astimezone:%H:%M} (use --force to sync "
                               "now).", minutes=int(interval.total_seconds() // 60),
                               astimezone=at.astimezone(BERLIN)), retry_at=at)


def back_off(store: HistoryStore, now: datetime, exc: TrudiError) -> datetime:
    """After a refusal: wait 15 min, doubling per further refusal (at most a day); returns when."""
    level = int(store.get_meta("backoff-level") or "0") + 1
    at = now + min(BACKOFF_FIRST * 2 ** (level - 1), BACKOFF_MAX)
    with store.transaction():
        store.set_meta("backoff-level", str(level))
        store.set_meta("backoff-until", at.isoformat())
        store.set_meta("backoff-reason", exc.message[:200])
    return at
