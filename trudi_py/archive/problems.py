"""The result of an archive integrity check: problems with an English and a German text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" | "warning" | "info"
    code: str
    message: str
    path: str | None = None
    message_de: str = ""  # the same in German (not part of the JSON document)

    def text(self, lang: str) -> str:
        return self.message_de if lang == "de" and self.message_de else self.message

    def to_json(self) -> dict[str, Any]:
        out = {"severity": self.severity, "code": self.code, "message": self.message}
        if self.path is not None:
            out["path"] = self.path
        return out


@dataclass
class IntegrityReport:
    path: Path
    complete: bool = False
    members_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    reading_signatures: dict[str, int] = field(
        default_factory=lambda: {"present": 0, "null": 0, "checked": 0})

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def add(self, severity: str, code: str, message: str, path: str | None = None,
            de: str = "") -> None:
        self.problems.append(Problem(severity, code, message, path, de))

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "members-checked": self.members_checked,
                "problems": [p.to_json() for p in self.problems]}
