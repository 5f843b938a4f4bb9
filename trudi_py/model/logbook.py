"""The consumer logbook (`log`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model import fields as f
from trudi_py.model.times import parse_time

#: Syslog meaning of the level numbers (the scale the spec's example and adapters use).
SYSLOG_LEVELS = {0: "emergency", 1: "alert", 2: "critical", 3: "error", 4: "warning",
                 5: "notice", 6: "informational", 7: "debug"}
SYSLOG_LEVELS_DE = {0: "Notfall", 1: "Alarm", 2: "kritisch", 3: "Fehler", 4: "Warnung",
                    5: "Hinweis", 6: "Information", 7: "Debug"}


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One logbook entry as the gateway sent it (texts kept, time in UTC)."""

    index: int
    record_number: str  # the gateway's `record-number` field where it sends one, else ""
    time: datetime
    level: str
    event_id: str
    event_sub_id: str
    vendor_id: str
    outcome: str
    message: str
    subject_identity: str
    user_identity: str
    version: str

    @property
    def level_name(self) -> str:
        """The syslog level's name (``warning``) or the level text when unknown."""
        try:
            return SYSLOG_LEVELS.get(int(self.level), self.level)
        except ValueError:
            return self.level

    @property
    def event_key(self) -> str:
        """``THE.19013.0`` — vendor, event and sub-id, as the handbook names events."""
        return f"{self.vendor_id}.{self.event_id}.{self.event_sub_id}"

    @property
    def is_special_functions(self) -> bool:
        """The entry that lists the active special functions, written at every start."""
        return self.event_key == "THE.19013.0"

    @classmethod
    def from_json(cls, data: Mapping[str, Any], path: str) -> LogEntry:
        """One entry of a ``log`` answer; MalformedAnswer names ``path``."""
        if not isinstance(data, Mapping):
            raise MalformedAnswer(msg("Field '{path}' is not an object.", path=path), field=path)
        return cls(
            index=f.integer(data, "index", path, alt=("record-number",)),
            record_number=f.text(data, "record-number", path, default=""),
            time=parse_time(f.text(data, "time", path), f"{path}.time"),
            level=f.text(data, "level", path, default=""),
            event_id=f.text(data, "event-id", path, default=""),
            event_sub_id=f.text(data, "event-sub-id", path, default=""),
            vendor_id=f.text(data, "vendor-id", path, default=""),
            outcome=f.text(data, "outcome", path, default=""),
            message=f.text(data, "message", path, default=""),
            subject_identity=f.text(data, "subject-identity", path, default=""),
            user_identity=f.text(data, "user-identity", path, default=""),
            version=f.text(data, "version", path, default=""),
        )


@dataclass(frozen=True)
class LogAnswer:
    """A ``log`` answer: its ``records`` field and the entries."""

    records: int | None
    entries: tuple[LogEntry, ...]

    @classmethod
    def from_json(cls, answer: Mapping[str, Any]) -> LogAnswer:
        """Parse a ``log`` answer; MalformedAnswer names the field."""
        body = f.obj(answer, "log")
        entries = tuple(LogEntry.from_json(e, f"log.entries[{i}]")
                        for i, e in enumerate(f.lst(body, "entries", "log", default=[])))
        records = body.get("records")
        return cls(records=f.parse_int(str(records), "log.records")
                   if records not in (None, "") else None, entries=entries)
