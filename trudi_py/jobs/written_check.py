"""The report's verification of the written archive, mostly done while requests are in flight.

``report.html`` shows the verdicts of ``trudi-py verify`` over the finished file
(:func:`~trudi_py.jobs.archive_steps.verify_written`). Done only at the end, that check sits
on the critical path. :class:`WrittenCheck` runs it early on snapshots of the archive
(copies made by :meth:`~trudi_py.archive.store.ArchiveStore.snapshot` after each large
database, checked in a child process by :class:`CheckProcess` while the job goes on; see
:class:`Prechecker`) and remembers, by the SHA-256 of the members they were computed from,

- each database's integrity outcome (:mod:`~trudi_py.archive.checkmemo`), and
- the tariff/certificate verification (``verify_source``) — recorded through
  :class:`RecordingSource`, which notes every member behind each answer it gives.

The final check reads and hashes every member of the finished file again and reuses an
outcome only where all its members hash the same; everything else is checked in full. A
member changed or damaged after a precheck is therefore found as by ``verify``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trudi_py.archive.checkmemo import CheckMemo
from trudi_py.archive.manifest import SMGW_INFO, USER_INFO, readings_member, usage_point_member
from trudi_py.errors import TrudiError
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken

if TYPE_CHECKING:
    from trudi_py.archive.store import ArchiveStore

_log = logging.getLogger(__name__)

#: The DataSource methods verify_source may call, and the member each answer comes from.
_KNOWN = ("gateway_info", "usage_points", "usage_point_info", "series", "readings")


class RecordingSource:
    """An :class:`~trudi_py.archive.reader.ArchiveSource` that notes the member behind every
    answer; any other attribute used makes the recording unusable (``complete`` False)."""

    def __init__(self, source: Any) -> None:
        self._source = source
        self.members: set[str] = set()
        self.complete = True

    def gateway_info(self) -> Any:
        """The archived smgw-info (``smgw-info.json``)."""
        self.members.add(SMGW_INFO)
        return self._source.gateway_info()

    def usage_points(self) -> Any:
        """The archived contracts (``user-info.json``)."""
        self.members.add(USER_INFO)
        return self._source.usage_points()

    def usage_point_info(self, usage_point_id: str) -> Any:
        """One contract's databases (``usage-points/<id>.json``)."""
        self.members.add(usage_point_member(usage_point_id))
        return self._source.usage_point_info(usage_point_id)

    def series(self, usage_point_id: str, database: str, start: datetime | None = None,
               end: datetime | None = None) -> Any:
        """One database's columns (its readings CSV, proven equal to raw/)."""
        self.members.add(readings_member(usage_point_id, database))
        return self._source.series(usage_point_id, database, start, end)

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> Any:
        """One database's readings (its readings CSV)."""
        self.members.add(readings_member(usage_point_id, database))
        return self._source.readings(usage_point_id, database, start, end)

    def __getattr__(self, name: str) -> Any:
        self.complete = False  # an answer from a member not noted: never reused
        return getattr(self._source, name)


@dataclasses.dataclass(frozen=True)
class _SourceOutcome:
    """verify_source's result without the integrity part, and the members it read."""

    members: tuple[tuple[str, tuple[int, str] | None], ...]
    result: Any  # ArchiveVerification computed with integrity=None


class WrittenCheck:
    """Call with the finished archive's path for its verdicts; :meth:`precheck` earlier."""

    def __init__(self) -> None:
        self.memo = CheckMemo()
        self._source: _SourceOutcome | None = None
        self.source_reused = False

    def precheck(self, path: Path, tariffs: bool = False, end: int | None = None) -> None:
        """Check the archive file at ``path`` as it stands and remember the outcomes (with
        ``tariffs``, when every database is written, the tariff verification too; ``end``:
        where its members end); a failing precheck costs only time (the final check runs
        in full)."""
        try:
            self._run(path, final=False, tariffs=tariffs, end=end)
        except Exception:  # the final check reports whatever went wrong here
            _log.debug("precheck of %s failed", path, exc_info=True)

    def __call__(self, path: Path) -> Sequence[Any]:
        """The verdicts of ``trudi-py verify`` over the finished archive at ``path``."""
        from trudi_py.verify.verdict import NOT_CHECKABLE, Verdict
        try:
            return self._run(path, final=True)
        except Exception as exc:  # a bug in a check must not cost the household its archive
            _log.warning("verification of %s for report.html failed", path, exc_info=True)
            why = f"{type(exc).__name__}: {str(exc)[:200]}"
            return [Verdict(msg("Verification of the written archive"), NOT_CHECKABLE,
                            msg("the verification stopped ({why}); run trudi-py verify on "
                                "the file", why=why))]

    def _run(self, path: Path, final: bool, tariffs: bool = True, end: int | None = None
             ) -> Sequence[Any]:
        from trudi_py.archive.csvseries import ProvenSeries
        from trudi_py.archive.integrity import CONTENT_ERRORS, check_archive
        from trudi_py.archive.reader import ArchiveSource
        from trudi_py.verify.archive_report import unreadable_source, verify_source
        proven: ProvenSeries = {}
        integrity = check_archive(path, proven, self.memo.checker_class(end))
        hashes = self.memo.last_hashes
        if not tariffs:
            return []
        try:
            if final:
                reused = self._reuse(hashes, integrity)
                if reused is not None:
                    self.source_reused = True
                    return reused.verdicts
            with ArchiveSource(path, proven) as source:
                recording = RecordingSource(source)
                result = verify_source(recording, None if not final else integrity)
        except CONTENT_ERRORS as exc:  # a member missing, malformed or damaged: as verify
            if not final:
                return []
            reason = exc.msg if isinstance(exc, TrudiError) else \
                f"{type(exc).__name__}: {str(exc)[:200]}"
            return unreadable_source(integrity, reason).verdicts
        if not final and recording.complete:
            members = tuple(sorted((m, hashes.get(m)) for m in recording.members))
            self._source = _SourceOutcome(members, result)
        return result.verdicts

    def _reuse(self, hashes: dict[str, tuple[int, str]], integrity: Any) -> Any:
        """The remembered verify_source result with this ``integrity``, when every member
        it was computed from hashes the same now; else None."""
        from trudi_py.verify.archive_report import archive_section
        from trudi_py.verify.result import Finding
        cached = self._source
        if cached is None or any(digest is None or hashes.get(name) != digest
                                 for name, digest in cached.members):
            return None
        section = archive_section(integrity)
        findings = tuple(cached.result.findings)
        if section.failed:  # as verify_source words it
            findings = (Finding(
                "error", "archive-integrity",
                msg("The archive is {value} and has {n_problems} integrity problem(s); see "
                    "archive.problems.",
                    value=msg("complete") if section.complete else msg("incomplete"),
                    n_problems=len(section.problems))), *findings)
        return dataclasses.replace(cached.result, archive=section, findings=findings)


# -- in a child process -------------------------------------------------------------------------

_CHILD_CHECK: WrittenCheck | None = None  # the child's one WrittenCheck (one job per child)


def _child_precheck(path: str, tariffs: bool, end: int | None) -> None:
    """In the child: :meth:`WrittenCheck.precheck`, keeping the memo for the next call."""
    global _CHILD_CHECK
    if _CHILD_CHECK is None:
        _CHILD_CHECK = WrittenCheck()
    _CHILD_CHECK.precheck(Path(path), tariffs, end)


def _child_verdicts(path: str) -> tuple[list[Any], float]:
    """In the child: the final verdicts with the memo of the prechecks, and the child's
    CPU seconds so far."""
    import time
    check = _CHILD_CHECK or WrittenCheck()
    return list(check(Path(path))), time.process_time()


def _child_serve(conn: Any) -> None:
    """The child's loop: run each ``(name, args)`` sent, answer ``(True, result)`` or
    ``(False, error text)``; ``None`` ends it."""
    tasks: dict[str, Callable[..., Any]] = {"precheck": _child_precheck,
                                            "verdicts": _child_verdicts}
    while True:
        task = conn.recv()
        if task is None:
            return
        name, args = task
        try:
            conn.send((True, tasks[name](*args)))
        except Exception as exc:  # the parent logs it and checks here itself
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class _Stopped(Exception):
    """The child was stopped (job cancelled) or ended without an answer."""


class CheckProcess:
    """A :class:`WrittenCheck` in a child process: the prechecks run on the other core with
    their own interpreter lock, so the request thread does not wait for them. Started at
    the first precheck; if the child fails or dies, the verification runs here in full. A
    cancelled job stops the child at once instead of waiting for a precheck to end.
    :meth:`precheck_snapshot` does not wait at all: the child checks a copy while the
    writer goes on; its answer is collected before the next task."""

    #: How often a waiting call looks at the cancel token and the child (seconds).
    POLL_S = 0.1

    def __init__(self, cancel: CancelToken | None = None) -> None:
        self._child: Any = None
        self._conn: Any = None
        self._cancel = cancel
        self.prechecks = 0
        self.child_cpu_s = 0.0  # CPU seconds the child used (known after the final check)
        #: snapshots sent to the child whose answers are still outstanding (in send order)
        self.pending: list[Path] = []

    def _start(self) -> None:
        """Start the child unless it runs."""
        if self._child is None:
            import multiprocessing
            context = multiprocessing.get_context("spawn")
            self._conn, child_end = context.Pipe()
            self._child = context.Process(target=_child_serve, args=(child_end,),
                                          name="trudi-check", daemon=True)
            self._child.start()
            child_end.close()

    def _ask(self, name: str, *args: object, cancellable: bool) -> Any:
        """Run task ``name`` in the child (started on first use) and wait for its answer."""
        self._start()
        self._conn.send((name, args))
        return self._answer(name, cancellable)

    def _answer(self, name: str, cancellable: bool) -> Any:
        """Wait for the child's next answer (to task ``name``)."""
        while not self._conn.poll(self.POLL_S):
            if (cancellable and self._cancel is not None and self._cancel.cancelled) or \
                    not self._child.is_alive():
                self.close()
                raise _Stopped(name)
        ok, value = self._conn.recv()
        if not ok:
            raise RuntimeError(value)
        return value

    def precheck(self, path: Path, tariffs: bool = False, end: int | None = None) -> None:
        """Check the archive file at ``path`` (members up to ``end``) in the child (blocks
        until done or the job is cancelled; the file must stay as it is meanwhile); a
        failure only costs time."""
        self._settle()
        try:
            self._ask("precheck", str(path), tariffs, end, cancellable=True)
            self.prechecks += 1
        except _Stopped:
            _log.info("precheck of %s stopped (cancelled, or the child ended)", path)
        except Exception:  # e.g. a child that could not start: the final check covers all
            _log.warning("precheck of %s in a child process failed", path, exc_info=True)

    def precheck_snapshot(self, snapshot: Path, tariffs: bool = False,
                          end: int | None = None) -> None:
        """Like :meth:`precheck`, but returns at once: ``snapshot`` is a copy of the archive
        so far (members up to ``end``), handed over to this object, which deletes it once
        the child has checked it (or is stopped)."""
        try:
            self._start()
            self._conn.send(("precheck", (str(snapshot), tariffs, end)))
        except Exception:  # e.g. a child that could not start: the final check covers all
            _log.warning("precheck of %s in a child process failed", snapshot, exc_info=True)
            _unlink(snapshot)
            return
        self.pending.append(snapshot)

    def _settle(self) -> None:
        """Collect the answers of the prechecks sent by :meth:`precheck_snapshot`."""
        while self.pending:
            snapshot = self.pending[0]
            try:
                self._answer("precheck", cancellable=True)
                self.prechecks += 1
            except _Stopped:  # close() has deleted every pending snapshot
                _log.info("precheck of %s stopped (cancelled, or the child ended)", snapshot)
            except Exception:
                _log.warning("precheck of %s in a child process failed", snapshot,
                             exc_info=True)
            finally:
                if self.pending and self.pending[0] == snapshot:
                    _unlink(self.pending.pop(0))

    def __call__(self, path: Path) -> Sequence[Any]:
        """The verdicts over the finished archive at ``path`` (in the child when one ran the
        prechecks, else here)."""
        self._settle()
        if self._child is not None:
            try:
                verdicts, self.child_cpu_s = self._ask("verdicts", str(path),
                                                       cancellable=False)
                return list(verdicts)
            except Exception:
                _log.warning("verification of %s in a child process failed; checking here",
                             path, exc_info=True)
        return WrittenCheck()(path)

    @property
    def running(self) -> bool:
        """Whether a child process is alive."""
        return self._child is not None and self._child.is_alive()

    def close(self) -> None:
        """Stop the child, also in the middle of a check (idempotent)."""
        if self._child is not None:
            self._child.terminate()
            self._child.join()
            self._conn.close()
            self._child = self._conn = None
        for snapshot in self.pending:
            _unlink(snapshot)
        self.pending.clear()


def _unlink(path: Path) -> None:
    """Delete a precheck snapshot (a leftover only costs disk space until the clean-up)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        _log.info("could not delete %s", path)


#: A database with at least this many readings is checked as soon as it is finished (while
#: the job goes on), so that the final verification can reuse the outcome.
PRECHECK_ROWS = 5000


class Prechecker:
    """The prechecks of one archive job: after a large database is finished (and once
    after the last one, with the tariff verification), a copy of the archive so far is
    checked in the child process while the job goes on."""

    def __init__(self, check: CheckProcess) -> None:
        self.check = check
        self.snapshots = 0

    def after_database(self, store: ArchiveStore, finish_key: str, last: bool) -> bool:
        """Precheck the archive in ``store`` if the database just finished (its
        ``finish_key``) is large or ``last``; whether a precheck was started."""
        rows = store.writer.state.data.get(finish_key, {}).get("rows", 0)
        if rows < PRECHECK_ROWS and not last:
            return False
        self.snapshots += 1  # a counter, not the database's name: that comes from the gateway
        snapshot, end = store.snapshot(f"precheck-{self.snapshots}.zip")
        self.check.precheck_snapshot(snapshot, tariffs=last, end=end)
        return True
