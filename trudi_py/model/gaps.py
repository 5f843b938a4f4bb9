"""A gap in a series of readings: the one type used by the archive summary and the statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trudi_py.model.times import format_utc


@dataclass(frozen=True)
class Gap:
    """``missing`` values absent between ``after`` (the reading before the gap, or the
    contract start) and ``before`` (the first reading after it); where the series lives
    (usage point, database, OBIS) is filled in where it is known."""

    after: datetime
    before: datetime
    missing: int
    usage_point_id: str = ""
    database: str = ""
    obis: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The archive's JSON form (``manifest.json`` / summary), times in UTC."""
        return {"usage-point-id": self.usage_point_id, "database": self.database,
                "obis": self.obis, "from": format_utc(self.after),
                "to": format_utc(self.before), "missing-values": self.missing}
