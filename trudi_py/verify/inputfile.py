"""Reading the AR 2418-6 input files of ``verify --device/--supplier`` within stated limits.

A device file (a TRuDI export: a month of two 15-minute value lists with signatures is
~1.2 MB) is accepted up to :data:`MAX_DEVICE_BYTES` (about ten channel-years); a supplier
file (the tariff: day profiles and a year of special days, a few hundred KB) up to
:data:`MAX_SUPPLIER_BYTES`. Only regular files are read (a FIFO or a device would hang or
never end), and never more than the limit plus one byte. Anything else is a usage error
(exit 2) naming the file, never a traceback (SECURITY.md).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from trudi_py.errors import UsageError
from trudi_py.i18n import msg

MAX_DEVICE_BYTES = 128 * 1024 * 1024
MAX_SUPPLIER_BYTES = 8 * 1024 * 1024
LIMITS = {"device": MAX_DEVICE_BYTES, "supplier": MAX_SUPPLIER_BYTES}


def read_input_file(path: Path, what: str, max_bytes: int | None = None) -> bytes:
    """The bytes of the ``what`` ("device" or "supplier") file, or a :class:`UsageError`."""
    limit = max_bytes if max_bytes is not None else LIMITS.get(what, MAX_SUPPLIER_BYTES)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(msg("Cannot read the {what} file {path}: {strerror}.",
                             what=what, path=path, strerror=exc.strerror)) from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise UsageError(msg("The {what} file {path} is not a regular file.",
                                 what=what, path=path))
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise UsageError(msg("Cannot read the {what} file {path}: {strerror}.",
                                 what=what, path=path, strerror=exc.strerror)) from None
    if len(data) > limit:
        raise UsageError(msg("The {what} file {path} is larger than {mib} MiB: no AR 2418-6 file "
                             "of a gateway is that large; not read.",
                             what=what, path=path, mib=limit // (1024 * 1024)))
    return data
