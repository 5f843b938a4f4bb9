"""Keeping a superseded raw answer small but exact: the answer as a delta against the answer
that superseded it (a re-read of the same window that holds all its values).

The delta is a list of "copy ``n`` bytes from offset ``o`` of the base" and "insert these
bytes" operations, zlib-compressed. Decoding gives the original bytes exactly; the store
checks them against the SHA-256 kept for every answer. Pure standard library: index the
base in 32-byte blocks, slide over the answer, extend every match both ways.
"""

from __future__ import annotations

import zlib

from trudi_py.errors import HistoryError
from trudi_py.i18n import msg

BLOCK = 32
_COPY, _INSERT = 0x43, 0x49  # "C", "I"


def _varint(n: int, out: bytearray) -> None:
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise HistoryError(msg("A stored delta is damaged."))
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return n, pos


def _match_length(old: bytes, i: int, base: bytes, j: int) -> int:
    """How many bytes from ``old[i:]`` equal ``base[j:]`` (compared in shrinking chunks)."""
    k = 0
    limit = min(len(old) - i, len(base) - j)
    for step in (65536, 4096, 256, 16, 1):
        while k + step <= limit and old[i + k:i + k + step] == base[j + k:j + k + step]:
            k += step
    return k


def encode(old: bytes, base: bytes) -> bytes:
    """The compressed delta that turns ``base`` into ``old``."""
    index: dict[bytes, int] = {}
    for j in range(0, len(base) - BLOCK + 1, BLOCK):
        index.setdefault(base[j:j + BLOCK], j)
    ops = bytearray()
    pending = i = 0

    def insert(upto: int) -> None:
        if upto > pending:
            ops.append(_INSERT)
            _varint(upto - pending, ops)
            ops.extend(old[pending:upto])

    while i + BLOCK <= len(old):
        found = index.get(old[i:i + BLOCK])
        if found is None:
            i += 1
            continue
        j = found
        while i > pending and j > 0 and old[i - 1] == base[j - 1]:
            i, j = i - 1, j - 1
        length = _match_length(old, i, base, j)
        insert(i)
        ops.append(_COPY)
        _varint(j, ops)
        _varint(length, ops)
        i += length
        pending = i
    insert(len(old))
    return zlib.compress(bytes(ops), 6)


def decode(delta: bytes, base: bytes) -> bytes:
    """The bytes :func:`encode` was given, from the delta and the same base."""
    try:
        ops = zlib.decompress(delta)
    except zlib.error:
        raise HistoryError(msg("A stored delta is damaged.")) from None
    out = bytearray()
    pos = 0
    while pos < len(ops):
        kind = ops[pos]
        if kind == _COPY:
            offset, pos = _read_varint(ops, pos + 1)
            length, pos = _read_varint(ops, pos)
            if offset + length > len(base):
                raise HistoryError(msg("A stored delta does not fit its base answer."))
            out += base[offset:offset + length]
        elif kind == _INSERT:
            length, pos = _read_varint(ops, pos + 1)
            out += ops[pos:pos + length]
            pos += length
        else:
            raise HistoryError(msg("A stored delta is damaged."))
    return bytes(out)
