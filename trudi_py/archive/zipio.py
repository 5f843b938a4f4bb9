"""ZIP plumbing of the archive: a resumable streaming appender and safe opening for reading.

The appender writes members one after another with :mod:`zipfile` (deflate). Each finished
member is described by a :class:`MemberRecord` (offset, CRC, sizes, SHA-256), which the
archive's journal keeps. After a crash the ``.part`` file has no central directory; a
resumed run truncates the file to the last committed offset and re-creates the
:class:`zipfile.ZipInfo` objects of the committed members from their records, so that the
central directory finally written lists every member — old and new.

Reading never extracts to disk: member names are checked (no absolute paths, no ``..``, no
backslashes or drive letters, no duplicates), and the member count and sizes are limited.
"""

from __future__ import annotations

import errno
import hashlib
import os
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from trudi_py.errors import ArchiveError, WriteError
from trudi_py.i18n import msg

MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 4 * 1024 ** 3  # one uncompressed member
MAX_TOTAL_BYTES = 64 * 1024 ** 3  # all members, uncompressed
MAX_RATIO = 1000  # uncompressed / compressed, a zip-bomb guard for large members
CHUNK = 1024 * 1024


def storage_error(exc: OSError, path: Path | str) -> WriteError:
    """A clear message for a failed write (disk full, read-only, no permission)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(msg("The disk is full: cannot write {path}.", path=path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return WriteError(msg("Cannot write {path}: the target is read-only or not writable.",
                              path=path))
    return WriteError(msg("Cannot write {path}: {value}.", path=path, value=exc.strerror or exc))


def durable_write(fp: BinaryIO, path: Path | str, data: bytes = b"") -> None:
    """Write ``data`` (if any), flush and fsync ``fp``; a failure becomes a clear error."""
    try:
        if data:
            fp.write(data)
        fp.flush()
        os.fsync(fp.fileno())
    except OSError as exc:
        raise storage_error(exc, path) from None


@dataclass(frozen=True)
class MemberRecord:
    """A finished member: enough to list it in the manifest and to rebuild its ZipInfo."""

    path: str
    bytes: int
    sha256: str
    offset: int
    crc: int
    csize: int
    flags: int
    method: int
    date_time: tuple[int, int, int, int, int, int]
    external_attr: int

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> MemberRecord:
        values = dict(data)
        values["date_time"] = tuple(values["date_time"])
        return cls(**values)

    def to_zipinfo(self) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(self.path, self.date_time)
        info.compress_type = self.method
        info.CRC = self.crc
        info.compress_size = self.csize
        info.file_size = self.bytes
        info.header_offset = self.offset
        info.flag_bits = self.flags
        info.external_attr = self.external_attr
        return info


class ZipAppender:
    """Appends members to ``path``; ``offset``/``members`` continue an interrupted file."""

    def __init__(self, path: Path, members: Iterable[MemberRecord] = (), offset: int = 0,
                 level: int = 3) -> None:
        self.path = path
        try:
            self._fp: BinaryIO = open(path, "r+b" if offset else "w+b")
            self._fp.truncate(offset)
            self._fp.seek(offset)
            self._zf = zipfile.ZipFile(self._fp, "w", compression=zipfile.ZIP_DEFLATED,
                                       compresslevel=level)
        except OSError as exc:
            raise storage_error(exc, path) from None
        self.names: set[str] = set()
        for record in members:
            info = record.to_zipinfo()
            self._zf.filelist.append(info)
            self._zf.NameToInfo[info.filename] = info
            self.names.add(record.path)

    @property
    def offset(self) -> int:
        """Where the next member will start (the end of the last finished one)."""
        return self._fp.tell()

    def write(self, path: str, data: bytes | Iterable[bytes]) -> MemberRecord:
        """One member from bytes or from chunks (streamed, never joined in memory)."""
        if path in self.names:
            raise ArchiveError(msg("Internal error: member {path} written twice.", path=path))
        now = datetime.now(UTC)
        info = zipfile.ZipInfo(path, (now.year, now.month, now.day, now.hour, now.minute,
                                      now.second))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        digest = hashlib.sha256()
        size = 0
        chunks = [data] if isinstance(data, (bytes, bytearray)) else data
        try:
            with self._zf.open(info, "w") as member:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    member.write(chunk)
        except OSError as exc:
            raise storage_error(exc, self.path) from None
        self.names.add(path)
        return MemberRecord(path, size, digest.hexdigest(), info.header_offset, info.CRC,
                            info.compress_size, info.flag_bits, info.compress_type,
                            info.date_time, info.external_attr)

    def sync(self) -> None:
        """Flush and fsync what was written (before the journal records it as committed)."""
        durable_write(self._fp, self.path)

    def close(self) -> None:
        """Write the central directory and close the file."""
        try:
            self._zf.close()
            self._fp.flush()
            os.fsync(self._fp.fileno())
            self._fp.close()
        except OSError as exc:
            raise storage_error(exc, self.path) from None

    def abandon(self) -> None:
        """Close after an interruption; the file stays resumable (best effort, no raise)."""
        try:
            self._zf.close()  # a central directory makes the .part readable meanwhile
        except (OSError, ValueError, zipfile.BadZipFile):
            pass
        try:
            self._fp.close()
        except OSError:
            pass


# ------------------------------------------------------------------------------ reading

@dataclass(frozen=True)
class UnsafeMember:
    path: str
    reason: str


def member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member name or size is unsafe, or None."""
    name = info.filename
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return "absolute or malformed path"
    if len(name) > 1 and name[1] == ":":
        return "drive letter in path"
    if any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        return "path traversal ('..' or empty segment)"
    if info.file_size > MAX_MEMBER_BYTES:
        return f"member too large ({info.file_size} bytes)"
    if info.file_size > 16 * CHUNK and info.compress_size and \
            info.file_size / info.compress_size > MAX_RATIO:
        return "suspicious compression ratio"
    return None


def open_archive(path: Path) -> tuple[zipfile.ZipFile, list[UnsafeMember]]:
    """Open an archive for reading; returns the ZipFile and the members refused as unsafe."""
    try:
        zf = zipfile.ZipFile(path, "r")
    except FileNotFoundError:
        raise ArchiveError(msg("{path} does not exist.", path=path)) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
            OverflowError, struct.error) as exc:
        raise ArchiveError(msg("{path} is not a readable ZIP archive ({exc}).", path=path,
                               exc=exc)) from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        zf.close()
        raise ArchiveError(msg("{path} has too many members ({n_infos}).",
                               path=path, n_infos=len(infos)))
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        zf.close()
        raise ArchiveError(msg("{path} is too large when unpacked.", path=path))
    unsafe: list[UnsafeMember] = []
    seen: set[str] = set()
    for info in infos:
        reason = member_problem(info)
        if reason is None and info.filename in seen:
            reason = "duplicate member name"
        seen.add(info.filename)
        if reason:
            unsafe.append(UnsafeMember(info.filename, reason))
    return zf, unsafe


def read_chunks(zf: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER_BYTES
                ) -> Iterator[bytes]:
    """A member's bytes in chunks, never more than ``limit`` (the header may lie)."""
    total = 0
    with zf.open(name) as member:
        while True:
            chunk = member.read(CHUNK)
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise ArchiveError(msg("Member {name} is larger than allowed.", name=name))
            yield chunk


def read_member(zf: zipfile.ZipFile, name: str, limit: int = 256 * CHUNK) -> bytes:
    """A small member's bytes (JSON, meta files): at most ``limit`` bytes."""
    return b"".join(read_chunks(zf, name, limit))


def iter_lines(zf: zipfile.ZipFile, name: str, encoding: str = "utf-8") -> Iterator[str]:
    """A text member line by line (undecodable bytes replaced), streamed; each line bounded
    (:func:`trudi_py.archive.bounded.iter_member_lines`)."""
    from trudi_py.archive.bounded import iter_member_lines
    return iter_member_lines(zf, name, encoding)

def local_header_problems(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(member, "damaged" or "mismatch") for each local header that is missing, damaged or
    disagrees with the central directory (a changed byte there)."""
    fp = zf.fp
    bad = []
    for info in zf.infolist():
        fp.seek(info.header_offset)
        head = fp.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            bad.append((info.filename, "damaged"))
            continue
        flags = int.from_bytes(head[6:8], "little")
        method = int.from_bytes(head[8:10], "little")
        crc, csize, usize = (int.from_bytes(head[i:i + 4], "little") for i in (14, 18, 22))
        name = fp.read(int.from_bytes(head[26:28], "little"))
        mismatch = (method != info.compress_type or head[10:14] != _dos_stamp(info.date_time)
                    or name != info.orig_filename.encode("utf-8" if flags & 0x800
                                                         else "cp437", "replace"))
        if not flags & 0x08 and usize != 0xFFFFFFFF:
            mismatch |= (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size)
        if mismatch:
            bad.append((info.filename, "mismatch"))
    return bad


def _dos_stamp(dt: tuple) -> bytes:
    year, month, day, hour, minute, second = dt
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    return dostime.to_bytes(2, "little") + dosdate.to_bytes(2, "little")
