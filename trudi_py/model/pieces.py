"""Large arrays pickled in pieces, so that unpickling them lets other threads run.

A child process's result travels through a pipe and is unpickled on a thread of the
receiving process (``concurrent.futures``). Pickle copies an array's bytes inside its C code
without a break, so a decade's readings table (~29 MB of columns) kept the GUI thread from
the interpreter lock for ~13 ms on an idle machine and for 44–77 ms with a second CPU-busy
process. Here each piece of ~1 MiB is rebuilt by a call of a Python function, where the
interpreter hands the lock to a waiting thread; the array is then put together piece by
piece. The pieces are in the machine's byte order: for passing between processes of one
machine, never for files.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Bytes per piece (~0.1–0.3 ms of copying each).
PIECE_BYTES = 1 << 20


def _piece(data: bytes) -> bytes:
    """Unpickling one piece: a call of Python code (a switch point for the lock)."""
    return data


class _Piece:
    """One piece of an array's bytes; pickles as a call of :func:`_piece`."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return _piece, (self.data,)


def _cut(buffer: memoryview) -> list[_Piece]:
    raw = buffer.cast("B")
    return [_Piece(bytes(raw[i:i + PIECE_BYTES])) for i in range(0, len(raw), PIECE_BYTES)]


def array_pieces(values: array) -> tuple[str, list[_Piece]]:
    """An ``array``'s type code and its bytes in pieces (for :func:`array_from_pieces`)."""
    return values.typecode, _cut(memoryview(values))


def array_from_pieces(typecode: str, pieces: list[bytes]) -> array:
    """The ``array`` of :func:`array_pieces`, appended piece by piece."""
    out = array(typecode)
    for data in pieces:
        out.frombytes(data)
    return out


def ndarray_pieces(values: np.ndarray) -> tuple[str, list[_Piece]]:
    """A one-dimensional numpy array's dtype and its bytes in pieces."""
    import numpy as np  # here: the model loads without numpy (the CLI's verify)
    flat = np.ascontiguousarray(values)
    return flat.dtype.str, _cut(flat.data)


def ndarray_from_pieces(dtype: str, pieces: list[bytes]) -> np.ndarray:
    """The numpy array of :func:`ndarray_pieces`, filled piece by piece."""
    import numpy as np  # here: the model loads without numpy (the CLI's verify)
    out = np.empty(sum(len(p) for p in pieces) // np.dtype(dtype).itemsize, dtype=dtype)
    view, at = out.view(np.uint8), 0
    for data in pieces:
        view[at:at + len(data)] = np.frombuffer(data, dtype=np.uint8)
        at += len(data)
    return out
