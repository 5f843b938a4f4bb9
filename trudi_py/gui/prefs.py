"""The GUI's small persistent state: recently used gateways and the chosen language.

Qt-free JSON files in :func:`trudi_py.m2m.pinning.data_dir` (``TRUDI_DATA_DIR`` overrides it),
written atomically. Passwords are never stored: a :class:`RecentGateway` has no field for one.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trudi_py.m2m.pinning import data_dir

MAX_RECENT = 8


@dataclass(frozen=True)
class RecentGateway:
    """How the user reached a gateway last time — never a password."""

    url: str
    login: str = "p12"  # "p12" or "digest"
    user: str = ""
    #: the second HAN user (the other direction of some PPC gateways); "" for none
    user2: str = ""
    p12_path: str = ""
    curves: str = "secp384r1"
    timeout_s: float = 60.0
    last_used: str = ""

    @property
    def label(self) -> str:
        """How the entry is shown in the list: URL and user or certificate file."""
        who = self.user if self.login == "digest" else Path(self.p12_path).name
        if who and self.login == "digest" and self.user2:
            who = f"{who}, {self.user2}"
        return f"{self.url}  ({who})" if who else self.url


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def recent_path() -> Path:
    """The file with the recent gateways."""
    return data_dir() / "gateways.json"


def load_recent() -> list[RecentGateway]:
    """Most recent first; unreadable entries are skipped."""
    data = _read_json(recent_path())
    entries = data.get("gateways", []) if isinstance(data, dict) else []
    names = {f.name for f in fields(RecentGateway)}
    out = []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            try:
                out.append(RecentGateway(**{k: v for k, v in entry.items() if k in names}))
            except TypeError:
                continue
    return out


def remember(entry: RecentGateway) -> list[RecentGateway]:
    """Put ``entry`` first (one entry per URL, login and user) and save."""
    stamped = RecentGateway(**{**asdict(entry), "last_used": datetime.now(
        UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})
    key = (stamped.url, stamped.login, stamped.user)
    rest = [r for r in load_recent() if (r.url, r.login, r.user) != key]
    result = [stamped, *rest][:MAX_RECENT]
    _write_json(recent_path(), {"gateways": [asdict(r) for r in result]})
    return result


def forget_recent(url: str) -> None:
    """Remove every recent entry of ``url``."""
    kept = [r for r in load_recent() if r.url != url]
    _write_json(recent_path(), {"gateways": [asdict(r) for r in kept]})


def gui_prefs_path() -> Path:
    """The file with the GUI preferences (language)."""
    return data_dir() / "gui.json"


def load_language() -> str:
    """``"auto"`` (follow the system), ``"de"`` or ``"en"``."""
    data = _read_json(gui_prefs_path())
    value = data.get("language") if isinstance(data, dict) else None
    return value if value in ("de", "en") else "auto"


def save_language(language: str) -> None:
    """Save the GUI language ("de", "en"; anything else means follow the system)."""
    data = _read_json(gui_prefs_path())
    data = data if isinstance(data, dict) else {}
    data["language"] = language if language in ("de", "en") else "auto"
    _write_json(gui_prefs_path(), data)


def load_value(key: str, default: Any = None) -> Any:
    """One more small GUI setting from ``gui.json`` (``default`` when missing/unreadable)."""
    data = _read_json(gui_prefs_path())
    return data.get(key, default) if isinstance(data, dict) else default


def save_value(key: str, value: Any) -> None:
    """Store one small GUI setting in ``gui.json`` (never a secret)."""
    data = _read_json(gui_prefs_path())
    data = data if isinstance(data, dict) else {}
    data[key] = value
    _write_json(gui_prefs_path(), data)
