"""The append-only journal of an archive being written (``NAME.zip.part.d/journal.jsonl``).

One JSON object per line. The first line (``"type": "header"``) describes the run; each
following ``"commit"`` line records one finished step (a window, a log page, …): the members
written for it, the zip offset after them, and step data. A line is appended only after the
data it describes has been flushed and fsynced, so after a crash every complete line can be
trusted; a torn last line is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trudi_py.archive.zipio import durable_write, storage_error
from trudi_py.errors import ArchiveConflict
from trudi_py.i18n import msg

JOURNAL_NAME = "journal.jsonl"
JOURNAL_VERSION = 1


class Journal:
    """Appends and fsyncs lines; :meth:`read` replays them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._fp = open(path, "ab")
        except OSError as exc:
            raise storage_error(exc, path) from None

    def append(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, separators=(",", ":"), ensure_ascii=False) + "\n"
        durable_write(self._fp, self.path, line.encode("utf-8"))

    def close(self) -> None:
        try:
            self._fp.close()
        except OSError:
            pass

    @staticmethod
    def read(path: Path) -> list[dict[str, Any]]:
        """All complete entries; raises :class:`ArchiveConflict` when there is no header."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ArchiveConflict(msg("No journal {path}: nothing to resume.", path=path)) from None
        except OSError as exc:
            raise ArchiveConflict(msg("Cannot read {path}: {strerror}.",
                                      path=path, strerror=exc.strerror)) from None
        entries = []
        lines = raw.split(b"\n")
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except ValueError:
                if i >= len(lines) - 2:  # a torn last line from a crash
                    break
                raise ArchiveConflict(msg("The journal {path} is damaged (line {value}).",
                                          path=path, value=i + 1)) \
                    from None
        if not entries or entries[0].get("type") != "header" or \
                entries[0].get("journal-version") != JOURNAL_VERSION:
            raise ArchiveConflict(msg("{path} is not a trudi_py archive journal.", path=path))
        return entries
