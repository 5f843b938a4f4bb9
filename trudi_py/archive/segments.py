"""A readings CSV compared with the rows re-derived from ``raw/`` without parsing it.

The archive writer puts each channel's rows in one block, channels sorted by OBIS, after the
header line. :class:`ChannelBlocks` cuts the member's byte stream where the next expected
channel's first line starts and hashes each piece. When every piece's SHA-256 equals the
digest of the rows derived for that channel, the member *is* the header plus those rows,
byte for byte, however the cuts fell; then the CSV need not be parsed at all. Any other
outcome (a cut not found, a digest that differs) only means "not proven equal": the caller
then compares row by row, which names the channel that differs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from trudi_py.archive.bounded import (
    MAX_CHANNELS,
    MAX_CSV_RECORD,
    MemberProblem,
    numbered_records,
    split_records,
)
from trudi_py.archive.csvformat import READING_COLUMNS, header_line
from trudi_py.archive.problems import IntegrityReport
from trudi_py.i18n import msg


@dataclass
class DerivedChannel:
    """The rows one channel gets from the raw answers: their digest, count and how many
    carry a signature."""

    digest: Any = field(default_factory=hashlib.sha256)
    rows: int = 0
    signed: int = 0
    plain: bool = True  # no quote and every line < MAX_CSV_RECORD bytes (no CSV subtleties)

    def add(self, block: bytes, rows: list[list[str]]) -> None:
        """Take one window's encoded rows of this channel."""
        self.add_counts(block, len(rows), sum(1 for row in rows if row[-1]))

    def add_counts(self, block: bytes, rows: int, signed: int) -> None:
        """Take one window's encoded rows of this channel, given as their CSV bytes, how many
        rows they are and how many of them carry a signature."""
        self.digest.update(block)
        self.rows += rows
        self.signed += signed
        if self.plain and (b'"' in block or (
                len(block) >= MAX_CSV_RECORD
                and max(map(len, block.split(b"\n"))) >= MAX_CSV_RECORD)):
            self.plain = False


class ChannelBlocks:
    """Streams a member's chunks into per-channel digests (header first, then one piece per
    expected channel, cut before the line that starts with the next channel's OBIS code)."""

    def __init__(self, channels: list[str]) -> None:
        self._markers = [b"\n" + obis.encode("ascii", "replace") + b"," for obis in channels]
        self._keep = max(map(len, self._markers), default=1) - 1
        self.digests: list[Any] = [hashlib.sha256()]
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        """The member's next bytes."""
        buf = self._tail + chunk
        found = len(self.digests) - 1
        while found < len(self._markers):
            pos = buf.find(self._markers[found])
            if pos < 0:
                break
            self.digests[-1].update(buf[:pos + 1])  # the line break ends the previous piece
            buf = buf[pos + 1:]
            self.digests.append(hashlib.sha256())
            found += 1
        keep = self._keep if found < len(self._markers) else 0
        cut = max(len(buf) - keep, 0)
        self.digests[-1].update(buf[:cut])
        self._tail = buf[cut:]

    def equal(self, header: bytes, derived: list[DerivedChannel]) -> bool:
        """True when the member was exactly ``header`` plus each channel's derived rows."""
        self.digests[-1].update(self._tail)
        self._tail = b""
        if len(self.digests) != len(derived) + 1 or \
                self.digests[0].digest() != hashlib.sha256(header).digest():
            return False
        return all(piece.digest() == d.digest.digest()
                   for piece, d in zip(self.digests[1:], derived, strict=True))


def compare_rows(lines: Iterator[str], name: str, derived: dict[str, DerivedChannel],
                 report: IntegrityReport) -> dict[str, int]:
    """The exact comparison: the CSV ``name`` (its ``lines``) parsed row by row, each
    channel's rows hashed and compared with the derived ones; a differing channel is a
    ``csv-mismatch`` naming it. Returns the rows found per channel."""
    found: dict[str, Any] = defaultdict(hashlib.sha256)
    found_n: dict[str, int] = defaultdict(int)
    sigs = report.reading_signatures
    if next(lines, "") != header_line(READING_COLUMNS).decode():
        report.add("error", "csv-header", msg("{name}: header line differs from archive.md.",
                                              name=name), name)
    line = 1

    def next_line() -> int:
        return line + 1

    for text, row in numbered_records(split_records(lines), name, next_line):
        line += 1
        if len(row) != len(READING_COLUMNS):
            raise MemberProblem(name, msg("{n_row} fields instead of {columns}.",
                                          n_row=len(row), columns=len(READING_COLUMNS)), line)
        if row[0] not in found and len(found) >= MAX_CHANNELS:
            raise MemberProblem(name, msg("more than {limit} channels.",
                                          limit=MAX_CHANNELS), line)
        found[row[0]].update(text.encode("utf-8"))
        found_n[row[0]] += 1
        sigs["present" if row[12] else "null"] += 1
        line += text.count("\n") - 1
    empty = DerivedChannel()
    for obis in sorted(set(derived) | set(found)):
        if derived.get(obis, empty).digest.digest() != found[obis].digest():
            report.add("error", "csv-mismatch", msg(
                "{name}: channel {obis} differs from the raw answers ({found_n} rows, raw/ "
                "gives {derived_n}).", name=name, obis=obis, found_n=found_n[obis],
                derived_n=derived.get(obis, empty).rows), name)
    return found_n
