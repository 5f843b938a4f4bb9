"""``trudi-py`` — the command line (see shared spec cli.md). ``python -m trudi_py`` is the same."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from trudi_py import __version__
from trudi_py.errors import TrudiError
from trudi_py.logsetup import setup_logging


def _lang() -> str:
    for var in ("TRUDI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def build_parser() -> argparse.ArgumentParser:
    from trudi_py.cli import archive_commands, gateway_commands, local_commands, verify_commands
    from trudi_py.cli.connect import add_connection_options

    parser = argparse.ArgumentParser(
        prog="trudi-py", description="Read, check and archive your own Smart Meter Gateway "
                                     "data (CONEXA 3.0, HAN port).")
    parser.add_argument("--version", action="version", version=f"trudi_py {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    common = argparse.ArgumentParser(add_help=False)
    add_connection_options(common)
    common.add_argument("--json", action="store_true",
                        help="one JSON document on stdout (messages go to stderr)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the GUI (the default)")
    gui.set_defaults(func=_cmd_gui)
    gateway_commands.add_parsers(sub, [common])
    local_commands.add_parsers(sub)
    verify_commands.add_parsers(sub, [common])
    archive_commands.add_parsers(sub, [common])
    return parser


def _cmd_gui(args: argparse.Namespace) -> int:
    try:
        from trudi_py.gui.app import run_gui
        return run_gui()
    except Exception as exc:  # under pythonw nobody sees stderr: log file + message box
        from trudi_py.startup_failure import report_gui_failure
        report_gui_failure(exc)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbose=args.verbose, to_file=getattr(args, "func", None) is not None)
    func = getattr(args, "func", _cmd_gui)
    try:
        return int(func(args) or 0)
    except TrudiError as exc:
        print(f"error: {exc.text(_lang())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so, briefly, without a raw traceback
        logging.getLogger("trudi_py").debug("internal error", exc_info=True)
        print(f"internal error (a bug in trudi_py, please report): {type(exc).__name__}: "
              f"{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
