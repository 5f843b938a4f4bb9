"""The result of an archive integrity check: problems with a translatable text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trudi_py.i18n import Message


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" | "warning" | "info"
    code: str
    msg: Message
    path: str | None = None

    @property
    def message(self) -> str:
        """The text in English (the JSON document's ``message``)."""
        return self.msg.text("en")

    def text(self, lang: str = "en") -> str:
        """The text in ``lang`` (``"de"`` or ``"en"``)."""
        return self.msg.text(lang)

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

    def add(self, severity: str, code: str, message: Message, path: str | None = None) -> None:
        self.problems.append(Problem(severity, code, message, path))

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "members-checked": self.members_checked,
                "problems": [p.to_json() for p in self.problems]}
