"""``trudi-py`` — the command line (docs/cli.md). ``python -m trudi_py`` is the same."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from trudi_py import __version__
from trudi_py.cli import (
    archive_commands,
    gateway_commands,
    history_commands,
    local_commands,
    verify_commands,
)
from trudi_py.cli.connect import add_connection_options
from trudi_py.cli.display import require_display
from trudi_py.errors import EXIT_CODES, PinMismatch, TrudiError
from trudi_py.i18n import Message, msg, system_language
from trudi_py.logsetup import setup_logging


def exit_code_table() -> str:
    """The exit codes as the ``--help`` epilog shows them."""
    return "exit codes:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES)


def pin_mismatch_text(exc: PinMismatch, *, from_option: bool, lang: str) -> str:
    """The CLI's words for a pin mismatch: a mistyped ``--pin``, or a stale stored pin."""
    if from_option:
        text = msg("This is not the pinned certificate: {url} shows SHA-256 {fingerprint}, "
                   "--pin expects {expected}. Check --pin for a typo and compare it with your "
                   "meter operator's value. No data was sent.", url=exc.url,
                   fingerprint=exc.fingerprint, expected=exc.expected)
    else:
        text = msg("This is not the pinned certificate: {url} shows SHA-256 {fingerprint}, the "
                   "stored pin is {expected}. No data was sent. Only if your meter operator "
                   "really replaced the certificate: 'trudi-py pins forget {url}', then connect "
                   "again.", url=exc.url, fingerprint=exc.fingerprint, expected=exc.expected)
    return text.text(lang)


def build_parser() -> argparse.ArgumentParser:
    """The ``trudi-py`` argument parser with every sub-command and its options."""
    parser = argparse.ArgumentParser(
        prog="trudi-py", description="Read, check and archive your own Smart Meter Gateway "
                                     "data (CONEXA 3.0, HAN port).",
        epilog=exit_code_table(), formatter_class=argparse.RawDescriptionHelpFormatter)
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
    history_commands.add_parsers(sub, [common])
    return parser


def _cmd_gui(args: argparse.Namespace) -> int:
    require_display()
    try:
        from trudi_py.gui.app import run_gui  # Qt only after the display check
        return run_gui()
    except TrudiError:
        raise
    except Exception as exc:  # under pythonw nobody sees stderr: log file + message box
        from trudi_py.startup_failure import report_gui_failure
        report_gui_failure(exc)
        return 1


def _say(message: Message) -> None:
    print(message.text(system_language()), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (errors become a message, never a traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbose=args.verbose, to_file=getattr(args, "func", None) is not None)
    func = getattr(args, "func", _cmd_gui)
    try:
        return int(func(args) or 0)
    except PinMismatch as exc:
        lang = system_language()
        text = pin_mismatch_text(exc, from_option=bool(getattr(args, "pin", None)), lang=lang)
        _say(msg("error: {text}", text=text))
        return exc.exit_code
    except TrudiError as exc:
        _say(msg("error: {text}", text=exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _say(msg("cancelled"))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so, briefly, without a raw traceback
        logging.getLogger("trudi_py").debug("internal error", exc_info=True)
        detail = f"{type(exc).__name__}: {exc}"
        _say(msg("internal error (a bug in trudi_py, please report): {detail}", detail=detail))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
