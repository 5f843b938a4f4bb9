"""Archive members read (decompressed, size-bounded and hashed) one step ahead.

The integrity check handles the raw answers one at a time in a fixed order. zlib and hashlib
release the GIL while they work on large buffers, so a single helper thread decompressing and
hashing the next members while the caller decodes the current one lets a second core do that
part. At most ``ahead`` members wait in memory (each within its size limit); results come back
in the order asked for, with any read error as a value, so the caller reports them exactly as a
plain sequential read would. A readings CSV is hashed the same way (:func:`hash_blocks`) while
the caller re-derives its rows from the raw answers.
"""

from __future__ import annotations

import zipfile
import zlib
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from trudi_py.archive.manifest import new_digest
from trudi_py.archive.segments import ChannelBlocks
from trudi_py.archive.zipio import read_chunks
from trudi_py.errors import ArchiveError

#: What reading a damaged or hostile member may raise (reported as ``member-unreadable``).
READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ArchiveError,
               NotImplementedError, ValueError)


@dataclass(frozen=True)
class MemberBytes:
    """One member's bytes and SHA-256 (hex), or the error that stopped reading it."""

    name: str
    data: bytes | None
    digest: str = ""
    error: Exception | None = None


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> MemberBytes:
    """The member's bytes (at most ``limit``) and their digest; a read error as a value."""
    try:
        data = b"".join(read_chunks(zf, name, limit))
    except READ_ERRORS as exc:
        return MemberBytes(name, None, "", exc)
    digest = new_digest()
    digest.update(data)
    return MemberBytes(name, data, digest.hexdigest())


def read_ahead(zf: zipfile.ZipFile, names: Sequence[str], limit: int, ahead: int = 2
               ) -> Generator[MemberBytes, None, None]:
    """:func:`read_member` of each name in order, the next ``ahead`` ones read meanwhile by
    one helper thread (the only user of ``zf`` until the iterator is exhausted or closed)."""
    if not names:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trudi-read") as pool:
        pending: deque[Future[MemberBytes]] = deque(
            pool.submit(read_member, zf, name, limit) for name in names[:ahead])
        following = iter(names[ahead:])
        try:
            while pending:
                result = pending.popleft().result()
                name = next(following, None)
                if name is not None:
                    pending.append(pool.submit(read_member, zf, name, limit))
                yield result
        finally:
            for future in pending:
                future.cancel()


@dataclass(frozen=True)
class HashedMember:
    """A member streamed through its SHA-256 and a :class:`ChannelBlocks`, or the error."""

    size: int
    digest: str
    blocks: ChannelBlocks | None
    error: Exception | None = None


def hash_blocks(zf: zipfile.ZipFile, name: str, channels: list[str]) -> HashedMember:
    """The member's size and SHA-256, its bytes cut into per-channel digests (for a helper
    thread while the caller derives the expected rows; bounded memory: streamed)."""
    blocks, digest, size = ChannelBlocks(channels), new_digest(), 0
    try:
        for chunk in read_chunks(zf, name):
            digest.update(chunk)
            size += len(chunk)
            blocks.feed(chunk)
    except READ_ERRORS as exc:
        return HashedMember(-1, "", None, exc)
    return HashedMember(size, digest.hexdigest(), blocks)
