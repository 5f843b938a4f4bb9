"""Column stores of archives written without one, kept on this computer (no Qt here).

An archive written before the column store (``columns/<up>/<db>/<year>.bin``) existed has
only its CSV and ``raw/`` answers: the chart process reads a database's CSV into columns
once per opening (a decade: seconds). Once it has, it writes those columns here in the
member form (:mod:`~trudi_py.archive.colstore`, one file per UTC year), so the next opening
shows any range of that database at once. The key is the readings member's SHA-256 from the
archive's manifest (a changed CSV is another key); every file is checked on reading as a
member is. Never in the archive; the folder is bounded (the least recently written go
first).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from trudi_py.archive.colstore import (
    MAX_COLUMNS_BYTES,
    ColumnsError,
    DecodedYears,
    decode_year,
    stored_range,
    year_members,
)
from trudi_py.archive.csvseries import MAX_SERIES_READINGS
from trudi_py.archive.manifest import readings_member
from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui.day_cache import cache_dir as day_cache_dir
from trudi_py.model.series import ChannelSeries

#: The cache holds at most this many bytes (a decade's database of two 15-minute channels:
#: ~20 MB).
MAX_CACHE_BYTES = 256 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_YEAR = re.compile(r"([0-9]{4})\.bin")

log = logging.getLogger(__name__)


class ColumnStores:
    """Where an opened archive's ranges come from without its CSV: the archive's own column
    store, else this computer's cache of one (written when the CSV was read before)."""

    def __init__(self, source: ArchiveSource) -> None:
        self.source = source
        self._cached: dict[tuple[str, str], dict[int, Path]] = {}
        self._decoded = DecodedYears()

    def has(self, usage_point_id: str, database: str) -> bool:
        """Whether the database's ranges come from a column store (no CSV read needed)."""
        return bool(self.source.column_years(usage_point_id, database)
                    or self._years(usage_point_id, database))

    def range(self, usage_point_id: str, database: str, start: datetime, end: datetime
              ) -> list[ChannelSeries] | None:
        """The range's columns from a column store (None: none, or not usable)."""
        if self.source.column_years(usage_point_id, database):
            return self.source.stored_series(usage_point_id, database, start, end)
        years = self._years(usage_point_id, database)
        return stored_range(years, lambda year: self._decoded.get(
            years[year], lambda: read_year(years[year], year)), start, end,
            MAX_SERIES_READINGS)

    def keep(self, usage_point_id: str, database: str, series: Sequence[ChannelSeries]
             ) -> None:
        """Cache the database's columns read from its CSV, unless a column store has them."""
        if not self.has(usage_point_id, database):
            store(self._digest(usage_point_id, database), usage_point_id, database, series)
            self._cached.pop((usage_point_id, database), None)

    def _years(self, usage_point_id: str, database: str) -> dict[int, Path]:
        key = (usage_point_id, database)
        if key not in self._cached:
            self._cached[key] = years(self._digest(usage_point_id, database))
        return self._cached[key]

    def _digest(self, usage_point_id: str, database: str) -> str | None:
        return self.source.listed_sha256(readings_member(usage_point_id, database))


def cache_dir() -> Path:
    """``<user cache>/columns`` (beside the day sums' folder)."""
    return day_cache_dir().parent / "columns"


def years(digest: str | None) -> dict[int, Path]:
    """The cached years of the readings member with this SHA-256 (empty: not cached)."""
    if digest is None or not _SHA256.fullmatch(digest):
        return {}
    try:
        names = os.listdir(cache_dir() / digest)
    except OSError:
        return {}
    found = {}
    for name in names:
        match = _YEAR.fullmatch(name)
        if match:
            found[int(match[1])] = cache_dir() / digest / name
    return found


def read_year(path: Path, year: int) -> list[ChannelSeries] | None:
    """One cached year, checked as an archive member is (None: unusable, logged)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_COLUMNS_BYTES + 1)
        if len(data) > MAX_COLUMNS_BYTES:
            raise ColumnsError("larger than the limit")
        return decode_year(data, year)
    except (OSError, ColumnsError) as exc:
        log.warning("cached columns %s not used: %s", path, exc)
        return None


def store(digest: str | None, usage_point_id: str, database: str,
          series: Sequence[ChannelSeries]) -> None:
    """Keep a database's columns (a failure to write is logged: the CSV is read again next
    time)."""
    if digest is None or not _SHA256.fullmatch(digest):
        return
    members = year_members(usage_point_id, database, list(series))
    if not members:
        return
    folder = cache_dir()
    part = folder / f"{digest}.part"
    try:
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        for name, data in members:
            (part / name.rsplit("/", 1)[1]).write_bytes(data)
        shutil.rmtree(folder / digest, ignore_errors=True)
        os.replace(part, folder / digest)
        _trim(folder)
    except OSError as exc:
        log.warning("columns not cached in %s: %s", folder, exc)
        shutil.rmtree(part, ignore_errors=True)


def _trim(folder: Path) -> None:
    stores = sorted((p for p in folder.iterdir() if _SHA256.fullmatch(p.name)),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    total = 0
    for path in stores:
        total += sum(f.stat().st_size for f in path.iterdir())
        if total > MAX_CACHE_BYTES:
            shutil.rmtree(path, ignore_errors=True)
