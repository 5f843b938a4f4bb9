"""Bounded reading of archive content that may be damaged or hostile (SECURITY.md, limits).

Every limit is derived from what a real gateway can produce, with a wide margin:

- one raw answer (``raw/*.json``): the client refuses answers over 64 MiB, but the largest
  legitimate one (a 31-day window of 15-minute values, a few channels, or a 1500-entry
  logbook page) is about 2-3 MiB; a member above :data:`MAX_JSON_BYTES` is refused unread.
- a JSON document: at most :data:`MAX_JSON_DEPTH` levels (a gateway answer has 5) and at
  most :data:`MAX_JSON_VALUES` values (a 31-day answer of 8 channels has ~300 000); both are
  checked by a fast pre-scan *before* :func:`json.loads`, so ``{},{},…`` or 200 000 nested
  brackets never reach the parser. The parsed form of an accepted document is bounded by
  about 100 bytes per value plus its size.
- a CSV record (``readings/…csv``, ``logbook.csv``): at most :data:`MAX_CSV_RECORD` bytes (a
  reading row is ~250 bytes, a logbook row with the longest message text a few KB); lines are
  split from the member's chunks, never with an unbounded ``readline``. The record splitter is
  a state machine over lines that always terminates, also on an unbalanced quote.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from trudi_py.errors import ArchiveError
from trudi_py.i18n import Message, msg, verbatim

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_JSON_VALUES = 1_500_000
MAX_CSV_RECORD = 64 * 1024
MAX_CHANNELS = 4096  # distinct OBIS codes in one database CSV (a gateway has a handful)

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # unrolled: no per-byte alternation
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_NOT_MARKS = bytes(range(256)).translate(None, b'[]{}"')  # all bytes but brackets and quotes
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class MemberProblem(ArchiveError):
    """Content of an archive member that cannot be read: names the member (and line)."""

    def __init__(self, member: str, what: Message, line: int | None = None) -> None:
        super().__init__(msg("{member}: {what}", member=member, what=what) if line is None
                         else msg("{member}, line {line}: {what}", member=member, line=line,
                                  what=what))
        self.member = member
        self.line = line


def json_shape_problem(data: bytes, max_depth: int = MAX_JSON_DEPTH,
                       max_values: int = MAX_JSON_VALUES) -> str | None:
    """Why ``data`` is too deep or holds too many values for a gateway document, or None.

    Fast (C-level passes only): the value count is an upper bound (every value but the first
    of a container follows a comma). For the depth, the document is reduced to its brackets
    and quotes; when every string then is an empty pair (no string holds a bracket), the
    brackets are the structure, and :func:`_shallow` proves a small depth by removing
    innermost pairs. Anything else (escapes, a bracket inside a string, a deep or unbalanced
    structure) is measured exactly.
    """
    marks = data.translate(None, _NOT_MARKS)
    values = data.count(b",") + marks.count(b"{") + marks.count(b"[") + 1
    if values > max_values:
        return f"more than {max_values} JSON values"
    structure = marks.replace(b'""', b"") if b"\\" not in data else b'"'
    if b'"' not in structure:  # the quotes paired up around strings without brackets
        if _shallow(structure, max_depth):
            return None
        brackets = structure
    elif b"\\" not in data and data.count(b'"') % 2 == 0:
        # no escapes, balanced quotes: strings are every second piece (C speed)
        brackets = b"".join(data.split(b'"')[0::2]).translate(None, _BRACKETS)
    else:
        brackets = _STRING.sub(b'""', data).translate(None, _BRACKETS)
    if brackets:
        deepest = max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)))
        if deepest > max_depth:
            return f"JSON nested deeper than {max_depth} levels"
    return None


def _shallow(brackets: bytes, max_depth: int) -> bool:
    """True when ``brackets`` (only ``[]{}``) are balanced and nested at most ``max_depth``
    deep: each ``replace`` removes only pairs adjacent before it, so at most one level, and
    the text is empty after ``max_depth`` of them only if no pair is nested deeper."""
    for i in range(max_depth):
        if not brackets:
            return True
        brackets = brackets.replace(b"{}" if i % 2 == 0 else b"[]", b"")
    return not brackets


def check_json_bounds(data: bytes, member: str, max_bytes: int = MAX_JSON_BYTES) -> None:
    """A :class:`MemberProblem` when a JSON member is too large, too deep or has too many
    values to be parsed safely (checked before any parser sees it)."""
    if len(data) > max_bytes:
        raise MemberProblem(member, msg("larger than {max_bytes} bytes.", max_bytes=max_bytes))
    problem = json_shape_problem(data)
    if problem:
        raise MemberProblem(member, msg("{problem}; refused.", problem=problem))


def load_json(data: bytes, member: str, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """Parse a JSON member within the limits; any failure is a :class:`MemberProblem`."""
    check_json_bounds(data, member, max_bytes)
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise MemberProblem(member, msg("not valid JSON ({exc}).", exc=exc)) from None


def read_json_member(zf: zipfile.ZipFile, name: str, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """Read (bounded) and parse one JSON member."""
    from trudi_py.archive.zipio import read_chunks
    try:
        data = b"".join(read_chunks(zf, name, max_bytes))
    except ArchiveError:
        raise MemberProblem(name, msg("larger than {max_bytes} bytes.",
                                      max_bytes=max_bytes)) from None
    return load_json(data, name, max_bytes)


def iter_member_lines(zf: zipfile.ZipFile, name: str, encoding: str = "utf-8",
                      max_line: int = MAX_CSV_RECORD) -> Iterator[str]:
    """A text member line by line (``\\n`` kept), streamed in chunks; a line longer than
    ``max_line`` bytes is a :class:`MemberProblem` (never read whole)."""
    for block in iter_member_blocks(zf, name, encoding, max_line):
        if block.endswith("\n"):
            pieces = block.split("\n")
            pieces.pop()  # empty: the block ends with a line break
            for piece in pieces:
                yield piece + "\n"
        else:
            yield block  # the last line, without a line break


def iter_member_blocks(zf: zipfile.ZipFile, name: str, encoding: str = "utf-8",
                       max_line: int = MAX_CSV_RECORD) -> Iterator[str]:
    """A text member as decoded blocks of whole lines (each ends with ``\\n``, except a last
    line without one), streamed in chunks; a line longer than ``max_line`` is a
    :class:`MemberProblem` raised before any line of its block is handed out."""
    from trudi_py.archive.zipio import CHUNK
    rest = b""
    number = 0
    first = True
    with zf.open(name) as member:
        while True:
            chunk = member.read(CHUNK)
            if not chunk:
                break
            rest += chunk
            cut = rest.rfind(b"\n") + 1
            if cut:
                text = _decode(rest[:cut], encoding, first)
                first = False
                rest = rest[cut:]
                pieces = text.split("\n")
                pieces.pop()  # empty: the block ends with a line break
                if max(map(len, pieces)) >= max_line:
                    long = next(i for i, p in enumerate(pieces) if len(p) >= max_line)
                    raise _too_long(name, number + long + 1, max_line)
                yield text
                number += len(pieces)
            if len(rest) > max_line:
                raise _too_long(name, number + 1, max_line)
    if rest:
        yield _decode(rest, encoding, first)


def _decode(data: bytes, encoding: str, first: bool) -> str:
    if first and encoding == "utf-8-sig":
        return data.decode("utf-8-sig", errors="replace")
    return data.decode("utf-8", errors="replace")


def _too_long(name: str, line: int, max_line: int) -> MemberProblem:
    return MemberProblem(name, msg("line longer than {max_line} bytes; refused.",
                                   max_line=max_line), line)


class RecordTooLong(ValueError):
    """A CSV record (a quoted field running over lines) exceeds :data:`MAX_CSV_RECORD`."""


def split_records(lines: Iterator[str], max_record: int = MAX_CSV_RECORD
                  ) -> Iterator[tuple[str, list[str]]]:
    """(record text, fields) of CSV text given line by line; fast for the usual unquoted
    lines, exact (via :mod:`csv`) for quoted fields, even those holding line breaks.

    A state machine over lines: a record ends when its quotes balance or the input ends (an
    unbalanced quote at the end is one last, malformed record); it always terminates. A
    record over ``max_record`` characters raises :class:`RecordTooLong`.
    """
    for line in lines:
        if '"' not in line:
            yield line, line.rstrip("\r\n").split(",")
            continue
        parts = [line]
        size = len(line)
        quotes = line.count('"')
        while quotes % 2:
            following = next(lines, None)
            if following is None:
                break  # input ended inside a quoted field
            parts.append(following)
            size += len(following)
            quotes += following.count('"')
            if size > max_record:
                raise RecordTooLong(f"a quoted field runs over more than {max_record} "
                                    f"characters")
        record = "".join(parts)
        try:
            fields = next(csv.reader([record]), [])
        except csv.Error:
            fields = record.rstrip("\r\n").split(",")
        yield record, fields


def numbered_records(records: Any, name: str, where: Any) -> Any:
    """``records`` with a record too long for the limit named by member and line."""
    try:
        yield from records
    except ValueError as exc:
        raise MemberProblem(name, verbatim(f"{exc}."), where()) from None
