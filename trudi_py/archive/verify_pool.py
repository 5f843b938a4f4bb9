"""The integrity check on two cores: the largest databases re-derived in a child process.

Re-deriving a readings CSV from its raw answers (:meth:`_Checker.check_database`) is the bulk
of ``trudi-py verify FILE.zip``: ~6.7 s for the ``origin`` CSV of a 10-year archive, ~3 s
for a second one, little for the rest. Databases are independent of each other, so
:class:`ParallelChecker` sends the largest ones (by the compressed size of their raw
answers) to one spawned child (:mod:`.spawned`), which opens the ZIP itself, while this
process checks the others and the logbook. Each part yields a :class:`PartOutcome` (its
findings, member digests, signature counts and the columns for the tariff check; arrays
pickle at memcpy speed); the outcomes are applied in the order of the sequential check, so
the report is the same, finding for finding, including a check that stops at a hostile
member. Should the child fail or die, its databases are checked here (same result, only
slower); nothing is lost and nothing hangs.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trudi_py.archive.csvseries import ProvenSeries
from trudi_py.archive.integrity import CONTENT_ERRORS, CheckStopped, _Checker, stop_finding
from trudi_py.archive.problems import Finding, IntegrityReport
from trudi_py.archive.spawned import ChildCall, ChildFailed
from trudi_py.archive.zipio import open_archive
from trudi_py.i18n import Message

_log = logging.getLogger(__name__)

#: Compressed raw answers a child must get before starting one pays (its start-up costs
#: ~0.4 s of CPU, about what re-deriving 2 MB of compressed answers takes).
MIN_CHILD_BYTES = 2 * 1024 * 1024
#: The child's start-up, counted as this many compressed bytes when the parts are balanced.
CHILD_START_BYTES = 1024 * 1024

#: One database to check: ((usage point, database), {(after, until): raw request number}).
Task = tuple[tuple[str, str], dict[tuple[str, str], int]]


@dataclass
class PartOutcome:
    """What checking one part (a database, the logbook) added to the whole check."""

    problems: list[Finding] = field(default_factory=list)
    hashes: dict[str, tuple[int, str]] = field(default_factory=dict)
    signatures: tuple[int, int] = (0, 0)  # (present, null)
    series: ProvenSeries = field(default_factory=dict)
    stop: tuple[str | None, Message] | None = None  # the finding that stopped the check
    current: str | None = None


def part_outcome(checker: _Checker, work: Callable[[_Checker], None]) -> PartOutcome:
    """Run ``work`` on a fresh checker of the same archive and collect what it found."""
    sub = _Checker(checker.zf, IntegrityReport(checker.report.path), checker.unsafe,
                   {} if checker.series is not None else None)
    outcome = PartOutcome()
    try:
        work(sub)
    except CONTENT_ERRORS as exc:  # as check_archive's boundary would record it
        _log.debug("archive check stopped at %s", sub.current, exc_info=True)
        outcome.stop = stop_finding(exc, sub.current)
    signatures = sub.report.reading_signatures
    outcome.problems = sub.report.problems
    outcome.hashes = sub.hashes
    outcome.signatures = (signatures["present"], signatures["null"])
    outcome.series = sub.series or {}
    outcome.current = sub.current
    return outcome


def apply_outcome(checker: _Checker, outcome: PartOutcome) -> None:
    """Add a part's outcome to the whole check, as if the part had run on ``checker``;
    :class:`CheckStopped` when the part stopped the check."""
    checker.report.problems.extend(outcome.problems)
    checker.hashes.update(outcome.hashes)
    checker.report.reading_signatures["present"] += outcome.signatures[0]
    checker.report.reading_signatures["null"] += outcome.signatures[1]
    if checker.series is not None:
        checker.series.update(outcome.series)
    checker.current = outcome.current or checker.current
    if outcome.stop is not None:
        raise CheckStopped(*outcome.stop)


def _database_work(task: Task, bodies: dict[int, str], docs: dict[str, Any],
                   counts: dict) -> Callable[[_Checker], None]:
    (upid, db), windows = task
    return lambda sub: sub.check_database(upid, db, windows, bodies, docs, counts)


def raw_bytes(zf: zipfile.ZipFile, task: Task, bodies: dict[int, str]) -> int:
    """The compressed size of a database's raw answers: the measure of its work."""
    return sum(zf.getinfo(bodies[seq]).compress_size for seq in task[1].values())


def child_tasks(zf: zipfile.ZipFile, tasks: list[Task], bodies: dict[int, str]) -> set[int]:
    """Indexes of the tasks for the child (largest first to the less loaded side); empty
    when the child would not pay for its start-up."""
    sizes = [raw_bytes(zf, task, bodies) for task in tasks]
    here, there = 0, CHILD_START_BYTES
    chosen: set[int] = set()
    for index in sorted(range(len(tasks)), key=lambda i: -sizes[i]):
        if there < here or (not chosen and sizes[index] >= MIN_CHILD_BYTES):
            there += sizes[index]
            chosen.add(index)
        else:
            here += sizes[index]
    return chosen if sum(sizes[i] for i in chosen) >= MIN_CHILD_BYTES else set()


def _portable(value: object) -> object:
    """A message parameter that pickles and renders the same in every language."""
    if isinstance(value, Message):
        return Message(value.msgid, {k: _portable(v) for k, v in value.params.items()},
                       value.verbatim)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    text = getattr(value, "text", None)
    if callable(text) and not isinstance(value, type):
        return Texts(text("de"), text("en"))
    return str(value)


@dataclass(frozen=True)
class Texts:
    """A parameter already rendered in both languages (from a child process)."""

    de: str
    en: str

    def text(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        return self.de if lang.startswith("de") else self.en


def _portable_outcome(outcome: PartOutcome) -> PartOutcome:
    outcome.problems = [Finding(p.severity, p.code, _portable(p.msg), p.path)  # type: ignore[arg-type]
                        for p in outcome.problems]
    if outcome.stop is not None:
        outcome.stop = (outcome.stop[0], _portable(outcome.stop[1]))  # type: ignore[assignment]
    return outcome


class OtherFile(Exception):
    """The child opened another file than the parent checks (replaced meanwhile)."""


def file_identity(zf: zipfile.ZipFile) -> tuple[int, int, int, int]:
    """Device, inode, size and modification time of the open archive file."""
    assert zf.fp is not None
    st = os.fstat(zf.fp.fileno())
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def check_in_child(path: str, identity: tuple[int, int, int, int], unsafe: list[str],
                   tasks: list[Task], bodies: dict[int, str], docs: dict[str, Any],
                   counts: dict, keep_series: bool) -> list[PartOutcome]:
    """In the child: each task's outcome, checked on the archive opened here (which must be
    the parent's file: :class:`OtherFile` otherwise)."""
    zf, _ = open_archive(Path(path))
    with zf:
        if file_identity(zf) != identity:
            raise OtherFile(f"{path} was replaced or changed while it was checked")
        checker = _Checker(zf, IntegrityReport(Path(path)), set(unsafe),
                           {} if keep_series else None)
        return [_portable_outcome(part_outcome(checker, _database_work(task, bodies, docs,
                                                                        counts)))
                for task in tasks]


@dataclass
class _Pending:
    tasks: list[Task]
    outcomes: dict[int, PartOutcome]  # by task index, those checked here
    remote: list[int]
    child: ChildCall | None
    args: tuple[dict[int, str], dict[str, Any], dict]  # bodies, docs, counts


class ParallelChecker(_Checker):
    """The integrity checker of ``trudi-py verify``: the largest databases are re-derived in a
    child process while this one checks the rest and the logbook; same report."""

    #: Called once while the child still works, with the columns proven here so far (the
    #: CLI checks the tariffs of the contracts they cover meanwhile); None: nothing.
    while_waiting: Callable[[ProvenSeries], None] | None = None

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._pending: _Pending | None = None

    @classmethod
    def waiting(cls, hook: Callable[[ProvenSeries], None]) -> type[ParallelChecker]:
        """This checker calling ``hook`` while it waits for the child (see
        :attr:`while_waiting`)."""
        return type("WaitingChecker", (cls,), {"while_waiting": staticmethod(hook)})

    def check_databases(self, tasks: list[Task], bodies: dict[int, str], docs: dict[str, Any],
                        counts: dict) -> None:
        """Start the child on its databases, check the others here (applied later, in
        order, by :meth:`check_logbook`)."""
        remote = sorted(child_tasks(self.zf, tasks, bodies))
        if not remote or self.zf.filename is None:
            super().check_databases(tasks, bodies, docs, counts)
            return
        sent = [tasks[i] for i in remote]
        wanted = {seq for _, windows in sent for seq in windows.values()}
        upids = {upid for (upid, _), _ in sent}
        child_docs = {"details": {u: d for u, d in docs["details"].items() if u in upids}}
        try:
            child: ChildCall | None = ChildCall(
                check_in_child, str(self.zf.filename), file_identity(self.zf),
                sorted(self.unsafe), sent,
                {seq: name for seq, name in bodies.items() if seq in wanted}, child_docs,
                counts, self.series is not None, name="trudi-verify")
        except (OSError, ValueError, RuntimeError) as exc:  # no child here: all in this one
            _log.warning("cannot start a child process for the check (%s); checking here", exc)
            child = None
        pending = self._pending = _Pending(tasks, {}, remote if child else [], child,
                                           (bodies, docs, counts))
        try:
            for index, task in enumerate(tasks):
                if index not in pending.remote:
                    pending.outcomes[index] = part_outcome(
                        self, _database_work(task, bodies, docs, counts))
        except BaseException:
            if child is not None:
                child.close()
            raise

    def check_logbook(self, pages: list[int], bodies: dict[int, str], counts: dict) -> None:
        """The logbook checked, then every database's outcome and the logbook's applied in
        the order of the sequential check."""
        pending, self._pending = self._pending, None
        if pending is None:
            super().check_logbook(pages, bodies, counts)
            return
        try:
            logbook = part_outcome(self, lambda sub: sub.check_logbook(pages, bodies, counts))
            outcomes = pending.outcomes
            if pending.child is not None:
                if self.while_waiting is not None and self.series is not None:
                    ready: ProvenSeries = {}
                    for outcome in outcomes.values():
                        ready.update(outcome.series)
                    self.while_waiting(ready)
                outcomes.update(self._child_outcomes(pending))
        finally:
            if pending.child is not None:
                pending.child.close()
        for index in range(len(pending.tasks)):
            apply_outcome(self, outcomes[index])
        apply_outcome(self, logbook)

    def _child_outcomes(self, pending: _Pending) -> dict[int, PartOutcome]:
        """The child's outcomes by task index; when it failed, those databases checked here."""
        assert pending.child is not None
        try:
            found = pending.child.result()
            return dict(zip(pending.remote, found, strict=True))
        except ChildFailed as exc:
            _log.warning("the check's child process failed (%s); checking its databases here",
                         exc.reason)
        bodies, docs, counts = pending.args
        return {i: part_outcome(self, _database_work(pending.tasks[i], bodies, docs, counts))
                for i in pending.remote}
