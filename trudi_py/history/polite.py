"""Being polite to the gateway: at most one sync per 15 minutes, back-off after a refusal,
and which store belongs to which gateway address (``history/gateways.json``)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from trudi_py.errors import SyncDeferred, TrudiError
from trudi_py.history.store import HistoryStore, store_path
from trudi_py.i18n import msg
from trudi_py.model.times import BERLIN

#: At most one sync per gateway in this time, unless forced.
MIN_INTERVAL = timedelta(minutes=15)
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


def check_polite(store: HistoryStore, now: datetime) -> None:
    """Refuse a sync within 15 minutes of the last or during a back-off (SyncDeferred)."""
    backoff = store.get_meta("backoff-until")
    if backoff and datetime.fromisoformat(backoff) > now:
        at = datetime.fromisoformat(backoff)
        reason = store.get_meta("backoff-reason") or ""
        raise SyncDeferred(msg("The gateway refused the last sync ({reason}); trying again not "
                               "before {astimezone:%Y-%m-%d %H:%M} (use --force to try now).",
                               reason=reason, astimezone=at.astimezone(BERLIN)), retry_at=at)
    last = store.get_meta("last-sync-started")
    if last and datetime.fromisoformat(last) + MIN_INTERVAL > now:
        at = datetime.fromisoformat(last) + MIN_INTERVAL
        raise SyncDeferred(msg("The last sync was less than 15 minutes ago; the next one is due "
                               "at {astimezone:%H:%M} (use --force to sync now).",
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
