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

    def checker_class(self) -> type[_Checker]:
        """A checker class (for ``check_archive(..., checker_class=)``) using this memo."""
        memo = self

        class MemoChecker(_Checker):
            def __init__(self, *args: Any) -> None:
                super().__init__(*args)
                memo.last_hashes = self.hashes  # filled as the check reads

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
