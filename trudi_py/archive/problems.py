"""The result of an archive integrity check: findings with a translatable text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trudi_py.i18n import Message


@dataclass(frozen=True)
class Finding:
    """One thing the integrity check found, naming the member it concerns."""

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

    def add(self, severity: str, code: str, message: Message, path: str | None = None) -> None:
        """Record one finding."""
        self.problems.append(Finding(severity, code, message, path))

    def to_dict(self) -> dict[str, Any]:
        """Completeness, members checked and every finding as a dict."""
        return {"complete": self.complete, "members-checked": self.members_checked,
                "problems": [p.to_dict() for p in self.problems]}

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
