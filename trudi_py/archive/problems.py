"""The result of an archive integrity check: findings with an English and a German text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One thing the integrity check found, naming the member it concerns."""

    severity: str  # "error" | "warning" | "info"
    code: str
    message: str
    path: str | None = None
    message_de: str = ""  # the same in German (not part of the JSON document)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (English where no German text is known)."""
        return self.message_de if lang == "de" and self.message_de else self.message

    def to_dict(self) -> dict[str, Any]:
        """The §F.3 problem object: severity, code, message and (if any) path."""
        out: dict[str, Any] = {"severity": self.severity, "code": self.code,
                               "message": self.message}
        if self.path is not None:
            out["path"] = self.path
        return out

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass
class IntegrityReport:
    """Everything :func:`~trudi_py.archive.integrity.check_archive` found in one archive."""

    path: Path
    complete: bool = False
    members_checked: int = 0
    problems: list[Finding] = field(default_factory=list)
    reading_signatures: dict[str, int] = field(
        default_factory=lambda: {"present": 0, "null": 0, "checked": 0})

    @property
    def ok(self) -> bool:
        """No finding of severity ``error`` (warnings and info do not fail an archive)."""
        return not any(p.severity == "error" for p in self.problems)

    def add(self, severity: str, code: str, message: str, path: str | None = None,
            de: str = "") -> None:
        """Record one finding."""
        self.problems.append(Finding(severity, code, message, path, de))

    def to_dict(self) -> dict[str, Any]:
        """Completeness, members checked and every finding as a dict."""
        return {"complete": self.complete, "members-checked": self.members_checked,
                "problems": [p.to_dict() for p in self.problems]}

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
