"""The logbook part of the integrity check: ``logbook.csv`` re-derived from the raw log
answers (every page, first answer per entry index) and compared byte for byte, and the
manifest's count of log entries."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from trudi_py.archive.bounded import MemberProblem, load_json
from trudi_py.archive.csvformat import LOG_COLUMNS, encode_rows, header_line, log_rows
from trudi_py.archive.manifest import LOGBOOK
from trudi_py.errors import TrudiError
from trudi_py.i18n import Message, msg
from trudi_py.model import LogAnswer

MAX_LOGBOOK_BYTES = 64 * 1024 * 1024  # logbook.csv, compared whole
MAX_LOG_ENTRIES = 300_000  # 200 pages of 1500; a gateway keeps far fewer


def check_logbook(read: Callable[..., bytes | None], err: Callable[[str, Message, str], None],
                  names: Collection[str], pages: list[int], bodies: dict[int, str],
                  counts: dict) -> None:
    """Compare ``logbook.csv`` with the raw log answers ``pages`` (request numbers; their
    member names in ``bodies``); ``read(name[, limit])`` reads a member bounded (None when
    it cannot), ``err(code, message, path)`` records an error. More than
    :data:`MAX_LOG_ENTRIES` entries is a :class:`MemberProblem`."""
    by_index: dict[int, Any] = {}
    for seq in pages:
        data = read(bodies[seq])
        try:
            page = LogAnswer.from_json(load_json(data or b"", bodies[seq]))
        except (ValueError, TrudiError):
            continue
        for entry in page.entries:
            by_index.setdefault(entry.index, entry)
        if len(by_index) > MAX_LOG_ENTRIES:
            raise MemberProblem(bodies[seq], msg("the raw log answers hold more than "
                                                 "{limit} entries.", limit=MAX_LOG_ENTRIES))
    expected = header_line(LOG_COLUMNS) + encode_rows(log_rows(by_index.values()))
    if LOGBOOK not in names:
        err("missing-member", msg("logbook.csv is missing."), LOGBOOK)
        return
    data = read(LOGBOOK, MAX_LOGBOOK_BYTES) or b""
    if data != expected:
        err("csv-mismatch", msg("logbook.csv differs from the raw log answers."), LOGBOOK)
    if counts.get("log-entries") != len(by_index):
        err("count-mismatch", msg("manifest counts {listed} log entries, raw/ holds {held}.",
                                  listed=counts.get("log-entries"), held=len(by_index)),
            LOGBOOK)
