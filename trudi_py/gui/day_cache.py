"""Day sums of archives without a day summary member, cached on this computer (no Qt here).

An archive written before the day summary (``summary/<up>/<db>.json``) existed has only its
readings; the chart process computes the energy per local day once it has read a database's
CSV and keeps it here, so the next opening draws the daily and monthly charts at once. The
key is the readings member's SHA-256 from the archive's manifest (a changed CSV is another
key); the file is the member's own form (:func:`~trudi_py.archive.summary.day_summary_bytes`).
Never in the archive; the folder is bounded (the oldest files go first).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from trudi_py.archive.summary import (
    ENERGY_UNITS,
    DayChannel,
    DaySummaryError,
    day_summary_bytes,
    parse_day_summary,
)
from trudi_py.m2m.pinning import APP_NAME
from trudi_py.model import Channel
from trudi_py.model.energy import day_totals_of_columns
from trudi_py.model.series import ChannelSeries

#: The cache folder holds at most this many bytes (a decade's database: ~0.3 MB).
MAX_CACHE_BYTES = 32 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """``<user cache>/day-sums`` (under ``TRUDI_DATA_DIR`` when that is set: tests, portable
    use)."""
    override = os.environ.get("TRUDI_DATA_DIR")
    base = Path(override) / "cache" if override else \
        Path(platformdirs.user_cache_dir(APP_NAME, False))
    return base / "day-sums"


def load(digest: str | None) -> list[DayChannel] | None:
    """The cached day sums of the readings member with this SHA-256 (None: not cached)."""
    if digest is None or not _SHA256.fullmatch(digest):
        return None
    path = cache_dir() / f"{digest}.json"
    try:
        return parse_day_summary(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, DaySummaryError) as exc:  # a damaged cache file: computed again
        log.warning("cached day sums %s not used: %s", path.name, exc)
        return None


def store(digest: str | None, usage_point_id: str, database: str,
          series: Sequence[ChannelSeries], meta: dict[str, Channel]) -> None:
    """Compute and keep the day sums of a database's columns (a failure to write is logged:
    the charts then come from the readings next time too)."""
    if digest is None or not _SHA256.fullmatch(digest):
        return
    rows = [(s.obis, meta[s.obis].scaler, meta[s.obis].unit,
             day_totals_of_columns(s.targets, s.values))
            for s in series if s.obis in meta and meta[s.obis].unit in ENERGY_UNITS]
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f"{digest}.json.part"
        part.write_bytes(day_summary_bytes(usage_point_id, database, rows))
        os.replace(part, folder / f"{digest}.json")
        _trim(folder)
    except OSError as exc:
        log.warning("day sums not cached in %s: %s", folder, exc)


def _trim(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    total = 0
    for path in files:
        total += path.stat().st_size
        if total > MAX_CACHE_BYTES:
            path.unlink(missing_ok=True)
