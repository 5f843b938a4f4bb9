"""What an archive holds, as typed steps: per database its windows, then the logbook pages.

Each step has a key that the resume journal records once the step is committed (the key
format is part of the journal: ``win|<up>|<db>|<after>|<until>``, ``last|<up>|<db>``,
``log|<n>``, ``upi|<up>``, ``db|<up>|<db>``). A gap the archive cannot fill is a
:class:`Missing` entry of the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trudi_py.model import Channel, UsagePoint
from trudi_py.model.times import format_utc

SMGW_INFO_STEP = "smgw-info"
USER_INFO_STEP = "user-info"


def usage_point_step(usage_point_id: str) -> str:
    """The step key of one ``usage-point-info`` request."""
    return f"upi|{usage_point_id}"


def log_step(page: int) -> str:
    """The step key of logbook page ``page`` (0-based)."""
    return f"log|{page}"


def log_page_number(key: str) -> int:
    """The page number of a logbook step key."""
    return int(key.split("|")[1])


@dataclass(frozen=True)
class Missing:
    """One gap of the archive (manifest ``missing``)."""

    what: str  # "readings" | "logbook"
    reason: str
    usage_point_id: str | None = None
    database: str | None = None
    start: datetime | None = None
    end: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """The manifest's ``missing`` entry."""
        return {"what": self.what, "usage-point-id": self.usage_point_id,
                "database": self.database,
                "from": format_utc(self.start) if self.start else None,
                "to": format_utc(self.end) if self.end else None, "reason": self.reason}


@dataclass(frozen=True)
class WindowStep:
    """One ``readings`` request of a database: a window ``after < t <= until`` or, with
    both None, the ``last-reading``."""

    key: str
    request: dict[str, Any]
    after: datetime | None
    until: datetime | None

    @property
    def label(self) -> str:
        """The window as text for warnings (``after|until`` or ``last``)."""
        if self.after is None or self.until is None:
            return "last"
        return f"{format_utc(self.after)}|{format_utc(self.until)}"


@dataclass
class DatabasePlan:
    """The windows of one database of one usage point."""

    point: UsagePoint
    database: str
    meta: dict[str, Channel]
    steps: list[WindowStep] = field(default_factory=list)

    @property
    def usage_point_id(self) -> str:
        """The usage point's id."""
        return self.point.usage_point_id

    @property
    def finish_key(self) -> str:
        """The step key recording that the database's CSV is assembled."""
        return f"db|{self.point.usage_point_id}|{self.database}"

    def base_request(self) -> dict[str, Any]:
        """The request fields every window of this database shares."""
        return {"method": "readings", "usage-point-id": self.usage_point_id,
                "database": self.database}

    def add_last_reading(self) -> WindowStep:
        """Add the TAF-9/10 ``last-reading`` step."""
        step = WindowStep(f"last|{self.usage_point_id}|{self.database}",
                          {**self.base_request(), "last-reading": True}, None, None)
        self.steps.append(step)
        return step

    def add_window(self, after: datetime, until: datetime,
                   request: dict[str, Any] | None = None) -> WindowStep:
        """Add one window ``after < t <= until`` (``request``: the body sent, if special)."""
        body = request if request is not None else {
            **self.base_request(), "last-reading": False, "fromtime": format_utc(after),
            "totime": format_utc(until)}
        step = WindowStep(f"win|{self.usage_point_id}|{self.database}|{format_utc(after)}|"
                          f"{format_utc(until)}", body, after, until)
        self.steps.append(step)
        return step

    def missing(self, step: WindowStep, reason: str) -> Missing:
        """The gap ``step`` leaves when it cannot be fetched."""
        return Missing("readings", reason, self.usage_point_id, self.database, step.after,
                       step.until)


@dataclass
class ArchivePlan:
    """Every database's windows, plus what planning already knows to warn about or miss."""

    databases: list[DatabasePlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    def windows(self) -> list[tuple[DatabasePlan, WindowStep]]:
        """Every window of every database, in plan order."""
        return [(db, step) for db in self.databases for step in db.steps]
