"""Verify an archive file offline (verify.md §F): the one job behind ``trudi-py verify
FILE.zip`` and the GUI's "check an archive".

The integrity check (:func:`trudi_py.archive.integrity.check_archive`) runs with its largest
databases in a second process (:class:`trudi_py.archive.verify_pool.ParallelChecker`) and
hands the columns of every CSV it proved equal to ``raw/`` to the tariff and signature
checks (:func:`trudi_py.verify.archive_report.verify_source`), so no CSV is read twice and
the day summaries are compared with those columns. Contracts whose databases are already
proven get their tariff check while the child still works.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trudi_py.archive.csvseries import ProvenSeries
from trudi_py.archive.integrity import CONTENT_ERRORS, check_archive
from trudi_py.archive.reader import ArchiveSource
from trudi_py.archive.verify_pool import ParallelChecker
from trudi_py.errors import Cancelled, TrudiError
from trudi_py.verify.archive_report import (
    ArchiveVerification,
    PointPart,
    check_points,
    unreadable_source,
    verify_source,
)

_log = logging.getLogger(__name__)


def verify_archive_file(path: Path, *, strict: bool = False,
                        wrap: Callable[[ArchiveSource], Any] | None = None
                        ) -> ArchiveVerification:
    """The verification of the archive at ``path``. ``wrap`` may wrap the archive's data
    source for the tariff check (the GUI's progress and cancel: a
    :class:`~trudi_py.errors.Cancelled` it raises goes through). A member missing or
    malformed, or hostile content, becomes a finding (``archive-not-readable``), never an
    exception."""
    proven: ProvenSeries = {}  # CSVs the integrity check proved equal to raw/: not re-read
    early: dict[str, PointPart] = {}  # contracts checked while the check's child works

    def check_ready_points(ready: ProvenSeries) -> None:
        try:
            with ArchiveSource(path, ready) as source:
                early.update(check_points(source, ready, strict))
        except CONTENT_ERRORS:  # the tariff check below meets it again and reports it
            _log.debug("early tariff check stopped", exc_info=True)

    integrity = check_archive(path, proven, ParallelChecker.waiting(check_ready_points))
    try:
        with ArchiveSource(path, proven) as source:
            checked = wrap(source) if wrap is not None else source
            return verify_source(checked, integrity, strict=strict, done=early)
    except Cancelled:
        raise
    except TrudiError as exc:  # a member missing or malformed: report it, never a traceback
        return unreadable_source(integrity, exc.msg)
    except CONTENT_ERRORS as exc:  # hostile content deeper down: a finding, not exit 1
        _log.debug("archive contents not readable", exc_info=True)
        return unreadable_source(integrity, f"{type(exc).__name__}: {str(exc)[:200]}")
