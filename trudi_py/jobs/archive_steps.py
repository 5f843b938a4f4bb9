"""Planning the archive job: which steps to fetch, in which pass, where the file goes, and
the final step's verification of what was written.

Pure functions over the gateway's contract data; the fetching is in
:mod:`~trudi_py.jobs.archive`, the storing in :class:`~trudi_py.archive.store.ArchiveStore`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from trudi_py.archive.journal import JOURNAL_NAME, Journal
from trudi_py.archive.plan import ArchivePlan, DatabasePlan, Missing, WindowStep
from trudi_py.archive.writer import sidecar_of
from trudi_py.errors import (
    ArchiveConflict,
    ArchiveError,
    Cancelled,
    ConnectError,
    GatewayError,
    TrudiError,
)
from trudi_py.i18n import msg
from trudi_py.m2m import ConnectionSettings, plan_windows
from trudi_py.m2m.pinning import PinStore
from trudi_py.model import Channel, UsagePoint
from trudi_py.model.times import BERLIN
from trudi_py.vendors.detect import gateway_id_in, vendor_from_gateway_id

_log = logging.getLogger(__name__)


class Pass(Enum):
    """The first pass fetches every window in plan order; a window that failed there is
    tried once more in the retry pass, after all others."""

    FIRST = "first"
    RETRY = "retry"


@dataclass(frozen=True)
class FailedWindow:
    """A window of the first pass that failed (kept for the retry pass)."""

    plan: DatabasePlan
    step: WindowStep


def default_name(smgw_id: str, moment: datetime) -> str:
    """``smgw-<SMGW-ID upper case>-<YYYYMMDD>.zip`` (the local date of the archive moment)."""
    return f"smgw-{smgw_id.upper()}-{moment.astimezone(BERLIN):%Y%m%d}.zip"


def databases_of(usage_point_info: Any) -> list[dict[str, Any]]:
    """The databases of a parsed usage-point-info as the journal keeps them."""
    return [{"database": db.name, "channels": [[c.obis, c.scaler, c.unit] for c in db.channels]}
            for db in usage_point_info.databases]


def plan_archive(points: list[UsagePoint], databases: dict[str, list[dict[str, Any]]],
                 moment: datetime) -> ArchivePlan:
    """Every database of every usage point: TAF-9/10 one ``last-reading``, TAF-14 nothing,
    else its ≤31-day windows from the contract's start up to ``moment`` (or its end); the
    ``origin`` databases (15-minute values, the largest) before all others."""
    plan = ArchivePlan()
    for point in points:
        upid = point.usage_point_id
        for db in databases[upid]:
            name = db["database"]
            meta = {o: Channel(o, int(s), int(u)) for o, s, u in db["channels"]}
            database = DatabasePlan(point, name, meta)
            if point.taf == "14":
                plan.warnings.append(f"{upid}: TAF-14 keeps no values; nothing to fetch.")
                continue
            if point.taf in ("9", "10"):
                database.add_last_reading()
                plan.databases.append(database)
                continue
            start = point.start or min((b.start for b in point.billing_periods), default=None)
            if start is None:
                plan.missing.append(Missing("readings", "the contract has no start-time", upid,
                                            name, None, moment))
                continue
            end = min(point.end, moment) if point.end else moment
            for w in plan_windows(start, end):
                database.add_window(w.after, w.until)
            plan.databases.append(database)
    # the 15-minute load profiles (the largest) first: their integrity check runs while the
    # smaller databases are fetched, the remaining verification while the logbook is
    plan.databases.sort(key=lambda db: not (db.database == "origin" and len(db.steps) > 1))
    return plan


def find_part(out: Path) -> Path:
    """The ``.part`` to resume: ``out.part`` for a file, the only ``smgw-*.zip.part`` in a
    directory."""
    if out.is_dir():
        parts = sorted(p.with_name(p.name[:-2]) for p in out.glob("smgw-*.zip.part.d")
                       if p.is_dir())
        if len(parts) != 1:
            raise ArchiveConflict(
                msg("No incomplete archive in {out}: give the file name with --out.", out=out)
                if not parts else msg("More than one incomplete archive in {out}: give the file "
                                      "name with --out.", out=out))
        return parts[0]
    part = out.with_name(out.name + ".part")
    if not sidecar_of(part).is_dir() and not part.exists() and out.is_file():
        raise ArchiveError(msg("{out} is already finished: nothing to resume.", out=out))
    if not sidecar_of(part).is_dir():
        raise ArchiveConflict(msg("Nothing to resume: {part} (with {name}) not found.",
                                  part=part, name=sidecar_of(part).name))
    return part


def verify_written(path: Path) -> Sequence[Any]:
    """The verdicts ``trudi-py verify X.zip`` gives for the archive file at ``path``.

    The fetched data matters more than the report: should the verification itself fail,
    the archive is still finished and its report says the checks could not be made."""
    from trudi_py.archive.csvseries import ProvenSeries
    from trudi_py.archive.integrity import CONTENT_ERRORS, check_archive
    from trudi_py.archive.reader import ArchiveSource
    from trudi_py.verify.archive_report import unreadable_source, verify_source
    from trudi_py.verify.verdict import NOT_CHECKABLE, Verdict
    try:
        proven: ProvenSeries = {}  # CSVs proved equal to raw/: the tariff check re-reads none
        integrity = check_archive(path, proven)
        try:
            with ArchiveSource(path, proven) as source:
                return verify_source(source, integrity).verdicts
        except TrudiError as exc:
            return unreadable_source(integrity, exc.msg).verdicts
        except CONTENT_ERRORS as exc:  # hostile content deeper down: as verify says it
            return unreadable_source(integrity, f"{type(exc).__name__}: {str(exc)[:200]}"
                                     ).verdicts
    except Exception as exc:  # a bug in a check must not cost the household its archive
        _log.warning("verification of %s for report.html failed", path, exc_info=True)
        why = f"{type(exc).__name__}: {str(exc)[:200]}"
        return [Verdict(msg("Verification of the written archive"), NOT_CHECKABLE,
                        msg("the verification stopped ({why}); run trudi-py verify on the file",
                            why=why))]


def check_same_gateway(header: dict[str, Any], part: Path, userid: str | None,
                       tls_sha256: str) -> None:
    """A resumed run must talk to the gateway and user of the interrupted one (``header``:
    the journal's header)."""
    if header.get("userid") != userid:
        raise ArchiveConflict(msg("{part} belongs to user {owner}, not {userid}.",
                                  part=part, owner=header.get("userid"), userid=userid))
    if header.get("tls-sha256") != tls_sha256:
        raise ArchiveConflict(msg("The gateway's certificate differs from the one of the "
                                  "interrupted run: not the same gateway?"))


def kept_error(exc: BaseException, part: Path) -> TrudiError | None:
    """The error to report when a run stops with its ``.part`` kept for ``--resume``."""
    if isinstance(exc, ConnectError):
        return ConnectError(msg("{message} The incomplete archive {part} was kept: run "
                                "again with --resume.", message=exc, part=part))
    if isinstance(exc, GatewayError):  # e.g. 3 × 500
        return GatewayError(msg("{message} The incomplete archive {part} was kept: run "
                                "again with --resume.", message=exc, part=part),
                            status=exc.status)
    if isinstance(exc, Cancelled):
        return Cancelled(msg("Cancelled. The incomplete archive {part} was kept: "
                             "continue it with --resume.", part=part))
    return None


def archive_vendor(settings: ConnectionSettings, out: Path, resume: bool,
                   pin_store: PinStore | None) -> str:
    """The vendor of the archive job without a request: an interrupted archive's journal
    names it; else the gateway id in the stored pin's certificate subject; else "theben"
    (the CLI probes the gateway first when no vendor is given, the GUI knows it)."""
    if resume:
        try:
            part = find_part(out)
            header = Journal.read(sidecar_of(part) / JOURNAL_NAME)[0]
        except (ArchiveConflict, ArchiveError, OSError, IndexError, ValueError):
            return "theben"  # the CONEXA job reports what is wrong with the .part
        return "ppc" if header.get("vendor") == "ppc" else "theben"
    stored = (pin_store or PinStore()).get(settings.base_url)
    found = vendor_from_gateway_id(gateway_id_in(stored.subject)) if stored else None
    return found or "theben"


def with_stored_pin(settings: ConnectionSettings, pin_store: PinStore | None
                    ) -> ConnectionSettings:
    """``settings`` with the stored pin of its address when none is given."""
    if settings.pin is not None:
        return settings
    stored = (pin_store or PinStore()).get(settings.base_url)
    return dataclasses.replace(settings, pin=stored.sha256) if stored else settings
