"""Checking a database once, early: the archive job's memo for the integrity check.

The expensive part of :func:`~trudi_py.archive.integrity.check_archive` is re-deriving each
readings CSV from its raw answers (``check_database``). That is a pure function of the
bytes of those answers and of the CSV, the database's channel list and the manifest's
count. While later requests are in flight, the archive job checks a snapshot of the archive
written so far (:meth:`ArchiveStore.precheck`) with a :class:`CheckMemo`: every database
checked there is remembered under the SHA-256 of every member it read. The final check
(same code, same memo) reads and hashes every member of the finished archive again; a
database whose members hash the same takes the remembered outcome (findings, signature
counts, proven columns), anything else — a member changed or damaged since, a database
finished later — is checked in full. So the verdicts are those of ``trudi-py verify``
over the bytes actually in the file, at the cost of hashing them.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trudi_py.archive.integrity import _Checker
from trudi_py.archive.manifest import new_digest, readings_member
from trudi_py.archive.problems import Finding
from trudi_py.archive.zipio import read_chunks
from trudi_py.errors import ArchiveError

#: What reading a damaged member can raise: then the database is checked in full.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ArchiveError,
                NotImplementedError, ValueError, KeyError)

Key = tuple[Any, ...]
#: name → (header offset, compressed size, CRC, size) in the ZIP directory
Placement = tuple[int, int, int, int]


def _region_digest(path: Path, end: int) -> str | None:
    """SHA-256 of the file's bytes [0, end), or None when it is shorter or unreadable."""
    digest, left = new_digest(), end
    try:
        with open(path, "rb") as fp:
            while left > 0:
                chunk = fp.read(min(left, 1 << 20))
                if not chunk:
                    return None
                digest.update(chunk)
                left -= len(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _placement(info: zipfile.ZipInfo) -> Placement:
    return info.header_offset, info.compress_size, info.CRC, info.file_size


@dataclass(frozen=True)
class FileRegion:
    """The first ``end`` bytes of a file a precheck read (by SHA-256) and the members lying
    in them with their hashes: a later check of a file whose first ``end`` bytes hash the
    same, listing a member at the same place with the same sizes and CRC, has the very
    same member bytes — and needs not decompress them to know their hash."""

    end: int
    sha256: str
    members: dict[str, tuple[Placement, tuple[int, str]]]

    @classmethod
    def of(cls, zf: zipfile.ZipFile, path: Path, end: int,
           hashes: dict[str, tuple[int, str]]) -> FileRegion | None:
        """The region [0, end) of ``path`` with the hashes a check found for its members."""
        digest = _region_digest(path, end)
        if digest is None:
            return None
        members = {}
        try:
            with open(path, "rb") as fp:
                for info in zf.infolist():
                    found = hashes.get(info.filename)
                    if found is None or found[0] < 0:
                        continue
                    fp.seek(info.header_offset + 26)
                    lengths = fp.read(4)
                    data_end = info.header_offset + 30 + info.compress_size + \
                        int.from_bytes(lengths[:2], "little") + \
                        int.from_bytes(lengths[2:], "little")
                    if len(lengths) == 4 and data_end <= end:  # wholly inside the region
                        members[info.filename] = (_placement(info), found)
        except OSError:
            return None
        return cls(end, digest, members)

    def unchanged(self, zf: zipfile.ZipFile, path: Path) -> dict[str, tuple[int, str]]:
        """The hashes of the members of ``zf`` (the file ``path``) proven unchanged."""
        if _region_digest(path, self.end) != self.sha256:
            return {}
        out = {}
        for info in zf.infolist():
            known = self.members.get(info.filename)
            if known is not None and known[0] == _placement(info):
                out[info.filename] = known[1]
        return out


@dataclass(frozen=True)
class DatabaseOutcome:
    """What checking one database added to the report and to the checker's state."""

    problems: tuple[Finding, ...]
    signatures: dict[str, int]
    hashes: dict[str, tuple[int, str]]
    series: Any  # the proven columns, or None


@dataclass
class CheckMemo:
    """Database outcomes by the content of the members they were derived from."""

    outcomes: dict[Key, DatabaseOutcome] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    #: (size, SHA-256) of every member the last check read, by name
    last_hashes: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: the bytes [0, end) of the file a precheck read, by SHA-256, and the members in them
    region: FileRegion | None = None
    unchanged_members: int = 0  # in the last check: members proven unchanged by the region

    def checker_class(self, snapshot_end: int | None = None) -> type[_Checker]:
        """A checker class (for ``check_archive(..., checker_class=)``) using this memo;
        ``snapshot_end``: for a precheck, where the members end (then the region up to it
        is remembered for the next check)."""
        memo = self

        class MemoChecker(_Checker):
            def __init__(self, *args: Any) -> None:
                super().__init__(*args)
                memo.last_hashes = self.hashes  # filled as the check reads
                self.unchanged = memo.region.unchanged(self.zf, self.report.path) \
                    if memo.region is not None else {}
                memo.unchanged_members = len(self.unchanged)

            def hash_stream(self, name: str, on_chunk: Any = None) -> None:
                if on_chunk is None and name in self.unchanged:
                    self.hashes[name] = self.unchanged[name]  # its bytes are proven the same
                    return
                super().hash_stream(name, on_chunk)

            def run(self, unsafe: list) -> None:
                super().run(unsafe)
                if snapshot_end is not None:
                    memo.region = FileRegion.of(self.zf, self.report.path, snapshot_end,
                                                self.hashes)

            def check_database(self, upid: str, db: str,
                               windows: dict[tuple[str, str], int], bodies: dict[int, str],
                               docs: dict[str, Any], counts: dict) -> None:
                memo.check_database(self, upid, db, windows, bodies, docs, counts)

        return MemoChecker

    def check_database(self, checker: _Checker, upid: str, db: str,
                       windows: dict[tuple[str, str], int], bodies: dict[int, str],
                       docs: dict[str, Any], counts: dict) -> None:
        """Replay the outcome remembered for these exact members, or check and remember."""
        key = _key(checker, upid, db, windows, bodies, docs, counts)
        outcome = self.outcomes.get(key) if key is not None else None
        if outcome is not None:
            self.hits += 1
            _replay(checker, upid, db, outcome)
            return
        self.misses += 1
        report = checker.report
        before_problems = len(report.problems)
        before_signatures = dict(report.reading_signatures)
        _Checker.check_database(checker, upid, db, windows, bodies, docs, counts)
        if key is None:
            return
        names = [bodies[seq] for seq in windows.values()] + [readings_member(upid, db)]
        hashes = {n: checker.hashes[n] for n in names if n in checker.hashes}
        if any(size < 0 for size, _ in hashes.values()):
            return  # a member could not be read: nothing worth remembering
        self.outcomes[key] = DatabaseOutcome(
            tuple(report.problems[before_problems:]),
            {k: v - before_signatures.get(k, 0)
             for k, v in report.reading_signatures.items()},
            hashes,
            checker.series.get((upid, db)) if checker.series is not None else None)


def _member_hash(checker: _Checker, name: str) -> tuple[int, str] | None:
    """(size, SHA-256) of a member as it is in the file now, or None when unreadable."""
    unchanged: dict[str, tuple[int, str]] = getattr(checker, "unchanged", {})
    if name in unchanged:
        return unchanged[name]
    digest, size = new_digest(), 0
    try:
        for chunk in read_chunks(checker.zf, name):
            digest.update(chunk)
            size += len(chunk)
    except _READ_ERRORS:
        return None
    return size, digest.hexdigest()


def _key(checker: _Checker, upid: str, db: str, windows: dict[tuple[str, str], int],
         bodies: dict[int, str], docs: dict[str, Any], counts: dict) -> Key | None:
    """Everything ``check_database`` depends on, members by content; None: not memoisable
    (a member missing or unreadable — the full check reports it)."""
    csv_name = readings_member(upid, db)
    if csv_name not in checker.names:
        return None
    members = []
    for window, seq in sorted(windows.items()):
        name = bodies.get(seq)
        if name is None or name not in checker.names:
            return None
        digest = _member_hash(checker, name)
        if digest is None:
            return None
        members.append((window, name, digest))
    csv_digest = _member_hash(checker, csv_name)
    if csv_digest is None:
        return None
    detail = docs["details"].get(upid)
    database = repr(detail.database(db)) if detail is not None else None
    listed = counts.get("readings", {}).get(upid, {}).get(db)
    return (upid, db, tuple(members), csv_digest, database, repr(listed),
            checker.series is not None)


def _replay(checker: _Checker, upid: str, db: str, outcome: DatabaseOutcome) -> None:
    """Apply a remembered outcome as if the database had just been checked."""
    checker.report.problems.extend(outcome.problems)
    for k, v in outcome.signatures.items():
        checker.report.reading_signatures[k] = checker.report.reading_signatures.get(k, 0) + v
    checker.hashes.update(outcome.hashes)
    if checker.series is not None and outcome.series is not None:
        checker.series[(upid, db)] = outcome.series
