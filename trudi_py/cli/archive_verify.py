"""``trudi-py verify FILE.zip``: check an archive offline (verify.md §F).

Runs :func:`trudi_py.jobs.verify_archive.verify_archive_file` (the integrity check, then the
tariff/signature checks on the columns it proved — the GUI runs the same job), prints the
§F.3 JSON (``--json``) or a German/English text, and names each mismatch (usage point,
period, register) on stderr.
Exit 0 when everything checked is in order (checks that were not possible are shown with
their reason), 7 when something checked is wrong, 8 with ``--strict`` when something could
not be checked.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from trudi_py.errors import UsageError
from trudi_py.i18n import msg, system_language
from trudi_py.jobs.verify_archive import verify_archive_file
from trudi_py.verify.archive_report import ArchiveVerification
from trudi_py.verify.archive_text import render_archive_text


def verify_archive_command(args: argparse.Namespace) -> int:
    """Run the archive verification for the CLI; returns the exit code (0, 7, or 8 with
    ``--strict`` when something was not checkable)."""
    path = args.archive
    if not path.is_file():
        raise UsageError(msg("The archive {path} does not exist or is not a file.", path=path))
    lang = getattr(args, "lang", None) or system_language()
    as_json = bool(getattr(args, "json", False))
    strict = bool(getattr(args, "strict", False))
    result = verify_archive_file(path, strict=strict)
    if not zipfile.is_zipfile(path):  # not a ZIP at all, or cut off: one paragraph says it
        if as_json:
            sys.stdout.write(result.to_json() + "\n")
        print(not_a_zip_text(path, lang), file=sys.stderr)
        return result.exit_code
    print_result(result, as_json=as_json, lang=lang)
    html_path = getattr(args, "html", None)
    if html_path is not None:
        from trudi_py.verify.verdict import verdicts_page
        title = msg("Verification of {name}", name=path.name).text(lang)
        html_path.write_text(verdicts_page(result.verdicts, title, lang), encoding="utf-8")
    return result.exit_code


def not_a_zip_text(path: Path, lang: str) -> str:
    """The whole answer for a file that is no readable ZIP (wrong file, truncated copy)."""
    return msg("{path} is not a readable ZIP archive ({size} bytes): it is no ZIP file, or it "
               "is cut off or damaged, so nothing in it could be checked. A trudi_py archive is "
               "the ZIP file that 'trudi-py archive' writes; if this one was copied or "
               "downloaded, compare its size with the original's.", path=path,
               size=path.stat().st_size).text(lang)


def print_result(result: ArchiveVerification, *, as_json: bool, lang: str = "en") -> None:
    """stdout: the §F.3 JSON or the text; stderr: one line per failed check."""
    if as_json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        sys.stdout.write(render_archive_text(result, lang))
    for up, start, end, obis in result.mismatches():
        print(msg("mismatch: usage point {up}, billing period {start} – {end}, register "
                  "{obis}", up=up, start=start, end=end, obis=obis).text(lang), file=sys.stderr)
    for finding in result.failed_checks:
        if finding.code != "register-mismatch":
            print(f"{finding.code}: {finding.text(lang)}", file=sys.stderr)
    if result.archive is not None:
        for i, problem in enumerate(result.archive.problems):
            if problem.get("severity") != "info":
                where = f" ({problem['path']})" if problem.get("path") else ""
                print(f"{problem.get('code', 'problem')}: {result.archive.message(i, lang)}"
                      f"{where}", file=sys.stderr)
