"""Offline integrity check of an archive (the archive part of ``trudi-py verify FILE.zip``).

Checks, each problem naming the member it concerns:
- the ZIP itself: safe member names and sizes, local headers agreeing with the directory,
  every member readable (CRC);
- the manifest: every member listed with the right size and SHA-256, nothing listed missing;
- ``raw/``: numbered 000001… without holes, each body with its ``.meta.json``;
- the CSVs re-derived from the raw answers (per channel, in order) and the logbook likewise;
- completeness: ``complete``/``missing``, the fetched windows covering each contract's range,
  the manifest's counts, the answers' ``records`` fields; gaps in 15-minute series listed.

Only digests and small tables are kept in memory: raw answers are parsed one at a time.
"""

from __future__ import annotations

import csv
import logging
import zipfile
import zlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

from trudi_py.archive import logcheck
from trudi_py.archive.bounded import (
    MAX_CHANNELS,
    MAX_JSON_BYTES,
    MemberProblem,
    check_json_bounds,
    load_json,
)
from trudi_py.archive.colstore_check import check_columns
from trudi_py.archive.coverage import (
    check_completeness,
    check_han_certificate,
    list_gaps_and_warnings,
)
from trudi_py.archive.csvcells import encode_columns, rows_of
from trudi_py.archive.csvformat import (
    READING_COLUMNS,
    encode_rows,
    header_line,
    window_columns,
)
from trudi_py.archive.csvseries import MAX_SERIES_READINGS, ProvenSeries, RowsToSeries
from trudi_py.archive.manifest import (
    HAN_CERTIFICATE,
    HASH_NAME,
    MANIFEST,
    META_NAME,
    RAW_NAME,
    SMGW_INFO,
    USER_INFO,
    is_format_1,
    new_digest,
    readings_member,
    usage_point_member,
)
from trudi_py.archive.ppc_integrity import PpcChecker, is_ppc_manifest
from trudi_py.archive.problems import Finding, IntegrityReport
from trudi_py.archive.rawlog import meta_summary, readings_window
from trudi_py.archive.readahead import MemberBytes, hash_blocks, read_ahead, read_member
from trudi_py.archive.segments import ChannelBlocks, DerivedChannel, compare_rows
from trudi_py.archive.summary_check import check_day_summary
from trudi_py.archive.zipio import iter_lines, local_header_problems, open_archive, read_chunks
from trudi_py.errors import ArchiveError, TrudiError
from trudi_py.i18n import Message, msg
from trudi_py.model import UsagePointInfo, parse_user_info
from trudi_py.model.times import parse_time

MAX_RAW_BYTES = MAX_JSON_BYTES  # one raw answer or JSON member (bounded.py)
MAX_META_BYTES = 64 * 1024  # a .meta.json is < 1 KB
#: What reading hostile content can raise inside the standard library or our parsers; each
#: becomes a finding naming the member (never a traceback, never exit code 1).
CONTENT_ERRORS = (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError,
                  UnicodeError, csv.Error, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                  NotImplementedError, OverflowError, TrudiError)
_log = logging.getLogger(__name__)


__all__ = ["Finding", "IntegrityReport", "check_archive"]


def check_archive(path: Path, series: ProvenSeries | None = None,
                  checker_class: type[_Checker] | None = None) -> IntegrityReport:
    """Check everything that can be checked without the gateway; never raises for a bad
    archive (a problem is reported instead). ``series``, when given, receives the columns of
    each readings CSV proven byte-equal to its raw answers (for :class:`ArchiveSource`, which
    then need not parse that CSV again). ``checker_class``: a subclass of the checker (the
    archive job's memo, archive/checkmemo.py)."""
    report = IntegrityReport(Path(path))
    try:
        zf, unsafe = open_archive(Path(path))
    except ArchiveError as exc:
        report.add("error", "not-readable", exc.msg, str(path))
        return report
    checker = (checker_class or _Checker)(zf, report, {u.path for u in unsafe}, series)
    with zf:
        try:
            if _ppc_check(zf, report, unsafe):  # a PPC gateway's archive: its own check
                return report
            checker.run(unsafe)
        except CONTENT_ERRORS as exc:  # the one boundary for hostile content
            _log.debug("archive check stopped at %s", checker.current, exc_info=True)
            where, text = stop_finding(exc, checker.current)
            report.add("error", "member-unreadable", text, where)
    return report


def stop_finding(exc: BaseException, current: str | None) -> tuple[str | None, Message]:
    """Member and text of the ``member-unreadable`` finding that ends a check stopped by
    ``exc`` (one of :data:`CONTENT_ERRORS`) while reading ``current``."""
    where = exc.member if isinstance(exc, MemberProblem) else current
    text = exc.msg if isinstance(exc, TrudiError) else \
        msg("{where}: cannot be read ({kind}: {detail}).", where=where,
            kind=type(exc).__name__, detail=str(exc)[:200])
    return where, text


class CheckStopped(MemberProblem):
    """A check stopped elsewhere (a part run apart, :mod:`.verify_pool`), raised again at the
    point of the whole check where it happened: the same finding as if it had run here."""

    def __init__(self, where: str | None, text: Message) -> None:
        ArchiveError.__init__(self, text)
        self.member = where  # type: ignore[assignment]
        self.line = None


def _ppc_check(zf: zipfile.ZipFile, report: IntegrityReport, unsafe: list) -> bool:
    """Run :mod:`.ppc_integrity` when the manifest names the vendor PPC; False otherwise."""
    if MANIFEST not in zf.namelist() or MANIFEST in {u.path for u in unsafe}:
        return False
    manifest = load_json(b"".join(read_chunks(zf, MANIFEST, MAX_RAW_BYTES)), MANIFEST)
    if not is_ppc_manifest(manifest):
        return False
    for u in unsafe:
        report.add("error", "unsafe-member", msg("{path}: refused ({reason}).",
                                                 path=u.path, reason=u.reason), u.path)
    PpcChecker(zf, report, {u.path for u in unsafe}, manifest).run()
    return True


class _Checker:
    def __init__(self, zf: zipfile.ZipFile, report: IntegrityReport, unsafe: set[str],
                 series: ProvenSeries | None) -> None:
        self.zf, self.report, self.unsafe, self.series = zf, report, unsafe, series
        self.names = [i.filename for i in zf.infolist() if i.filename not in unsafe]
        self.hashes: dict[str, tuple[int, str]] = {}
        self.current: str | None = None  # the member being read, for error reports

    def err(self, code: str, message: Message, path: str | None = None) -> None:
        self.report.add("error", code, message, path)

    # -- members ------------------------------------------------------------------------------
    def read(self, name: str, limit: int = MAX_RAW_BYTES) -> bytes | None:
        """A member's bytes (hashed on the way), or None when it cannot be read."""
        return self.took(read_member(self.zf, name, limit))

    def took(self, member: MemberBytes) -> bytes | None:
        """Record a member read: its size and digest, or the error; its bytes or None."""
        name = self.current = member.name
        if member.data is None:
            self.err("member-unreadable", msg("{name}: cannot be read ({exc}).",
                                              name=name, exc=member.error), name)
            self.hashes[name] = (-1, "")
            return None
        self.hashes[name] = (len(member.data), member.digest)
        return member.data

    def hash_stream(self, name: str, on_chunk: Any = None) -> None:
        digest, size = new_digest(), 0
        self.current = name
        try:
            for chunk in read_chunks(self.zf, name):
                digest.update(chunk)
                size += len(chunk)
                if on_chunk is not None:
                    on_chunk(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ArchiveError,
                NotImplementedError, ValueError) as exc:
            self.err("member-unreadable", msg("{name}: cannot be read ({exc}).",
                                              name=name, exc=exc), name)
            self.hashes[name] = (-1, "")
            return
        self.hashes[name] = (size, digest.hexdigest())

    def headers(self) -> None:
        """Each local header must agree with the central directory (a changed byte there)."""
        for name, kind in local_header_problems(self.zf):
            if kind == "damaged":
                self.err("header-damaged", msg("{name}: local header missing or damaged.",
                                               name=name), name)
            else:
                self.err("header-mismatch", msg("{name}: local header does not match the ZIP "
                                                "directory.", name=name), name)

    # -- the whole check ---------------------------------------------------------------------
    def run(self, unsafe: list) -> None:
        rep = self.report
        for u in unsafe:
            self.err("unsafe-member", msg("{path}: refused ({reason}).",
                                          path=u.path, reason=u.reason), u.path)
        self.headers()
        if MANIFEST not in self.names:
            self.err("manifest-missing", msg("manifest.json is missing."), MANIFEST)
            return
        self.current = MANIFEST
        try:
            data = b"".join(read_chunks(self.zf, MANIFEST, MAX_RAW_BYTES))
            manifest = load_json(data, MANIFEST)
            files = {f["path"]: f for f in manifest["files"]}
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile, zlib.error,
                ArchiveError) as exc:
            self.err("manifest-invalid", msg("manifest.json cannot be read ({exc}).", exc=exc),
                     MANIFEST)
            return
        if not is_format_1(manifest):
            self.err("manifest-invalid", msg("manifest.json: not a trudi-py archive of format 1."),
                     MANIFEST)
        rep.complete = manifest.get("complete") is True and not manifest.get("missing")
        docs = self.documents()
        self.raw_and_derived(manifest, docs)
        for name in self.names:
            if name not in self.hashes and name != MANIFEST:
                self.hash_stream(name)
        rep.members_checked = len(self.names)
        for name in self.names:
            if name == MANIFEST:
                continue
            entry = files.get(name)
            size, digest = self.hashes.get(name, (-1, ""))
            if entry is None:
                self.err("unlisted-member", msg("{name} is not listed in the manifest.",
                                                name=name), name)
            elif size >= 0 and (entry.get(HASH_NAME) != digest or entry.get("bytes") != size):
                self.err("hash-mismatch", msg("{name}: SHA-256 or size differs from the "
                                              "manifest.", name=name), name)
        present = set(self.names) | self.unsafe
        for name in files:
            if name not in present:
                self.err("missing-member", msg("{name} is listed in the manifest but missing.",
                                               name=name), name)
        check_completeness(self.report, manifest, docs, self.windows)
        self.check_certificate(manifest)
        list_gaps_and_warnings(self.report, manifest)

    def documents(self) -> dict[str, Any]:
        docs: dict[str, Any] = {"points": [], "details": {}}
        for name in (SMGW_INFO, USER_INFO):
            if name not in self.names:
                self.err("missing-member", msg("{name} is missing.", name=name), name)
                continue
            data = self.read(name)
            try:
                docs[name] = load_json(data, name) if data is not None else None
            except MemberProblem as exc:
                self.err("json-invalid", exc.msg, name)
        try:
            if docs.get(USER_INFO):
                docs["points"] = parse_user_info({"user-info": docs[USER_INFO]})
        except TrudiError as exc:
            self.err("json-invalid", msg("user-info.json: {error}", error=exc.msg), USER_INFO)
        for point in docs["points"]:
            name = usage_point_member(point.usage_point_id)
            data = self.read(name) if name in self.names else None
            if data is None:
                self.err("missing-member", msg("{name} is missing.", name=name), name)
                continue
            try:
                docs["details"][point.usage_point_id] = UsagePointInfo.from_json(
                    {"usage-point-info": load_json(data, name)})
            except (ValueError, TrudiError) as exc:
                self.err("json-invalid", msg("{name}: {exc}", name=name, exc=exc), name)
        return docs

    def raw_and_derived(self, manifest: dict[str, Any], docs: dict[str, Any]) -> None:
        bodies = {int(m.group(1)): n for n in self.names if (m := RAW_NAME.match(n))}
        metas = {int(m.group(1)): n for n in self.names if (m := META_NAME.match(n))}
        for seq in sorted(set(bodies) ^ set(metas)):
            name = bodies.get(seq) or metas.get(seq)
            self.err("raw-incomplete", msg("{name}: body and .meta.json must come in pairs.",
                                           name=name), name)
        numbers = sorted(set(bodies) | set(metas))
        if numbers and numbers != list(range(1, numbers[-1] + 1)):
            holes = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))[:10]
            self.err("raw-numbering", msg("raw/: request numbers missing: {holes}.",
                                          holes=holes), "raw/")
        meta: dict[int, dict[str, Any]] = {}
        for seq, name in metas.items():
            data = self.read(name, MAX_META_BYTES)
            try:
                meta[seq] = meta_summary(load_json(data, name)) if data is not None else {}
            except MemberProblem as exc:
                self.err("json-invalid", exc.msg, name)
        counts = manifest.get("counts", {})
        if counts.get("requests") != len(bodies):
            self.err("count-mismatch", msg("manifest counts {listed} requests, raw/ holds "
                                           "{held}.", listed=counts.get("requests"),
                                           held=len(bodies)), MANIFEST)
        self.windows: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(dict)
        log_pages: list[int] = []
        for seq in sorted(meta):
            summary = meta[seq]
            if summary.get("status") != 200 or seq not in bodies:
                continue
            found = readings_window(summary)
            if found is not None:
                key, window = found
                self.windows[key][window] = seq  # the latest answer to a window counts
            elif summary.get("method") == "log":
                log_pages.append(seq)
        self.check_databases(list(self.windows.items()), bodies, docs, counts)
        self.check_logbook(log_pages, bodies, counts)

    def check_databases(self, tasks: list[tuple[tuple[str, str], dict[tuple[str, str], int]]],
                        bodies: dict[int, str], docs: dict[str, Any], counts: dict) -> None:
        """:meth:`check_database` of each ((usage point, database), windows) in order."""
        for (upid, db), windows in tasks:
            self.check_database(upid, db, windows, bodies, docs, counts)

    def check_database(self, upid: str, db: str, windows: dict[tuple[str, str], int],
                       bodies: dict[int, str], docs: dict[str, Any], counts: dict) -> None:
        detail = docs["details"].get(upid)
        meta = {c.obis: c for c in detail.database(db).channels} if detail and \
            detail.database(db) else {}
        name = readings_member(upid, db)
        guess = sorted(meta) if name in self.names else []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trudi-hash") as pool:
            # the CSV hashed meanwhile, cut at the channels usage-point-info names
            early = pool.submit(hash_blocks, self.zf, name, guess) if guess else None
            derived, columns = self.derive(windows, bodies, meta)
            hashed = early.result() if early is not None else None
        if name not in self.names:
            self.err("missing-member", msg("{name} is missing (raw/ holds its answers).",
                                           name=name), name)
            return
        channels = sorted(derived)
        if hashed is not None and channels == guess:
            self.current = name
            self.hashes[name] = (hashed.size, hashed.digest)
            if hashed.blocks is None:
                self.err("member-unreadable", msg("{name}: cannot be read ({exc}).",
                                                  name=name, exc=hashed.error), name)
                return
            blocks = hashed.blocks
        else:  # other channels than expected: cut the member again
            blocks = ChannelBlocks(channels)
            self.hash_stream(name, blocks.feed)
            if self.hashes[name][0] < 0:
                return
        header = header_line(READING_COLUMNS)
        ordered = [derived[obis] for obis in channels]
        if len(channels) <= MAX_CHANNELS and all(d.plain for d in ordered) and \
                blocks.equal(header, ordered):
            # byte for byte the header plus the derived rows: nothing to parse
            found_n = {obis: derived[obis].rows for obis in channels}
            signed = sum(d.signed for d in ordered)
            self.report.reading_signatures["present"] += signed
            self.report.reading_signatures["null"] += sum(found_n.values()) - signed
            proven = columns.finish() if columns is not None else None
            if self.series is not None and proven is not None:
                self.series[(upid, db)] = proven
        else:
            found_n = self.compare_rows(name, derived)
        listed = counts.get("readings", {}).get(upid, {}).get(db)
        if listed != sum(found_n.values()):
            self.err("count-mismatch", msg("{name}: manifest counts {listed} readings, the CSV "
                                           "holds {held}.", name=name, listed=listed,
                                           held=sum(found_n.values())), name)
        proven_series = self.series.get((upid, db)) if self.series else None
        self.report.problems.extend(check_day_summary(  # summary/<up>/<db>.json, if any
            self.read, self.names, upid, db, proven_series))
        self.report.problems.extend(check_columns(  # columns/<up>/<db>/<year>.bin, if any
            self.read, self.names, upid, db, proven_series))

    def derive(self, windows: dict[tuple[str, str], int], bodies: dict[int, str],
               meta: dict[str, Any]) -> tuple[dict[str, DerivedChannel], RowsToSeries | None]:
        """Each channel's rows re-derived from the raw answers (digests and counts), and
        their columns for the tariff check."""
        derived: dict[str, DerivedChannel] = {}
        columns = RowsToSeries(MAX_SERIES_READINGS) if self.series is not None else None
        order = sorted(windows.items())
        with closing(read_ahead(self.zf, [bodies[seq] for _, seq in order],
                                MAX_RAW_BYTES)) as members:
            for ((after, until), seq), member in zip(order, members, strict=True):
                data = self.took(member)
                if not data:
                    continue
                try:
                    check_json_bounds(data, bodies[seq])  # then the body as bytes: the fast decoder
                    lo = parse_time(after) if after != "last" else None
                    rows = window_columns(data, meta, lo, parse_time(until) if until else None)
                except (ValueError, TrudiError):
                    continue  # the writer could not parse it either: recorded as missing
                if rows.records is not None and rows.records != rows.total:
                    self.report.add("warning", "records-mismatch",
                                    msg("{member}: records={records} but {total} readings.",
                                        member=bodies[seq], records=rows.records, total=rows.total),
                                    bodies[seq])
                for obis, cells in rows.columns.items():
                    block = encode_columns(cells)
                    if block is None:  # a cell the csv writer quotes: its exact encoding
                        block = encode_rows(rows_of(cells))
                    signatures = cells[-1]
                    derived.setdefault(obis, DerivedChannel()).add_counts(
                        block, len(signatures), len(signatures) - signatures.count(""))
                    if columns is not None:
                        columns.add_columns(obis, cells)
        return derived, columns

    def compare_rows(self, name: str, derived: dict[str, DerivedChannel]) -> dict[str, int]:
        """Parse a readings CSV row by row and compare each channel with the derived rows;
        returns the rows found per channel."""
        self.current = name
        return compare_rows(iter_lines(self.zf, name), name, derived, self.report)

    def check_logbook(self, pages: list[int], bodies: dict[int, str], counts: dict) -> None:
        """``logbook.csv`` against the raw log answers (:mod:`.logcheck`)."""
        logcheck.check_logbook(self.read, self.err, self.names, pages, bodies, counts)

    def check_certificate(self, manifest: dict[str, Any]) -> None:
        """The archived HAN certificate must be the one the connection was pinned to."""
        if HAN_CERTIFICATE in self.names:
            data = self.read(HAN_CERTIFICATE)
            if data is not None:
                check_han_certificate(self.report, data, manifest)
