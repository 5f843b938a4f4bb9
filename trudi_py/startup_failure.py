"""A GUI start-up failure is never silent: log file, stderr (if any) and, on Windows, a native
message box.

The Windows shortcut starts ``pythonw.exe``, which has no console: ``sys.stderr`` is ``None``
and a failed ``import PySide6`` (e.g. Qt's DLLs need Windows 10 1903+) would end the process
without a trace. This module needs no Qt: the box is ``user32.MessageBoxW`` via ``ctypes``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from trudi_py.i18n import Message, msg, system_language
from trudi_py.logsetup import log_dir, redact, setup_logging

MB_OK = 0x0
MB_ICONERROR = 0x10
MB_SETFOREGROUND = 0x10000
ON_WINDOWS = sys.platform == "win32"

_TITLE = msg("trudi_py could not start")


def _box_text(error: str, log: Path) -> Message:
    return msg("The program window could not be opened:\n\n{error}\n\n"
               "What to do:\n"
               "- trudi_py needs 64-bit Windows 10 version 1903 or newer (or Windows 11); "
               "install the Windows updates.\n"
               "- Reinstall trudi_py (your archives and pins are kept).\n"
               "- The \"trudi_py command line\" in the Start menu still works for reading and "
               "archiving.\n\n"
               "Details are in the log file:\n{log}", error=error, log=log)


def message_box(title: str, text: str) -> bool:
    """A native Windows error box (blocks until closed); False where there is none."""
    if not ON_WINDOWS:
        return False
    import ctypes
    try:
        ctypes.windll.user32.MessageBoxW(  # type: ignore[attr-defined]
            None, text, title, MB_OK | MB_ICONERROR | MB_SETFOREGROUND)
    except (AttributeError, OSError):
        return False
    return True


def report_gui_failure(exc: BaseException) -> None:
    """Write ``exc`` (with traceback) to the log file, to stderr if there is one, and show it
    in a message box on Windows."""
    setup_logging(to_file=True)  # no-op when the CLI has set it up already
    log_file = log_dir() / "trudi_py.log"
    error = f"{type(exc).__name__}: {exc}"
    log = logging.getLogger("trudi_py.gui")
    # the summary reaches stderr (if any) and the file; the traceback only the file (INFO)
    log.error("the GUI could not start: %s (details: %s)", error, log_file)
    log.info("GUI start-up failure", exc_info=(type(exc), exc, exc.__traceback__))
    root = logging.getLogger()
    for handler in root.handlers:
        handler.flush()
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        _append_to_log_file(log_file, exc)  # e.g. `trudi-py` without a command logs no file
    lang = system_language()
    message_box(_TITLE.text(lang), _box_text(error, log_file).text(lang))


def _append_to_log_file(log_file: Path, exc: BaseException) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    text = redact(f"{stamp} ERROR trudi_py.gui: the GUI could not start\n"
                  + "".join(traceback.format_exception(exc)))
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        pass  # no writable log folder: the message box still shows the error
