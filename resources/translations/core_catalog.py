"""The gettext catalogue of the core messages: extract, update and compile.

Every core message is a string literal passed to ``msg(...)`` or ``run_text(...)``
(:mod:`trudi_py.i18n`). This script finds them with an AST scan of ``trudi_py/`` (the GUI
keeps Qt's ``.ts``), merges them into ``trudi_py/locale/de/LC_MESSAGES/trudi_py.po`` (existing
translations kept, unused entries dropped, new ones empty) and compiles the ``.mo`` beside it
with Babel (a test extra; the program itself reads the ``.mo`` with stdlib ``gettext``)::

    python resources/translations/core_catalog.py          # update .po and .mo
    python resources/translations/core_catalog.py --check  # exit 1 if anything is missing

``tests/test_core_i18n.py`` uses the same functions to prove the catalogue complete.
"""

from __future__ import annotations

import ast
import io
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "trudi_py"
PO = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "trudi_py.po"
MO = PO.with_suffix(".mo")
#: Functions whose first argument is a message id.
KEYWORDS = ("msg", "run_text")
#: Folders not scanned (none: the GUI keeps Qt translations for its widgets, but the core
#: errors it raises use msg() like everyone else).
SKIPPED: tuple[str, ...] = ()


@dataclass
class Extracted:
    """Message ids with their places, and calls that break the rules."""

    places: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def placeholders(text: str) -> set[str]:
    """The named fields of a ``str.format`` template (``{url}``, ``{n:.0f}`` → ``url``, ``n``)."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _source_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] not in SKIPPED:
            yield path


def extract() -> Extracted:
    """All message ids used in ``trudi_py/`` (outside the GUI and the simulator)."""
    found = Extracted()
    for path in _source_files():
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), rel)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            if name not in KEYWORDS:
                continue
            where = f"{rel}:{node.lineno}"
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.problems.append(f"{where}: {name}() needs a string literal as message id")
                continue
            given = {k.arg for k in node.keywords if k.arg is not None}
            wanted = placeholders(first.value)
            if any(k.arg is None for k in node.keywords):
                given = wanted  # **params: checked at run time only
            if wanted != given:
                found.problems.append(f"{where}: placeholders {sorted(wanted)} but parameters "
                                      f"{sorted(given)}")
            found.places.setdefault(first.value, []).append(where)
    return found


def read_po(path: Path = PO):  # type: ignore[no-untyped-def]
    """The catalogue as Babel reads it."""
    from babel.messages.pofile import read_po as babel_read_po
    with path.open("rb") as f:
        return babel_read_po(f, locale="de", domain="trudi_py")


def compiled(catalog) -> bytes:  # type: ignore[no-untyped-def]
    """The ``.mo`` bytes of a catalogue (deterministic: Babel sorts the ids)."""
    from babel.messages.mofile import write_mo
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update(seed: dict[str, str] | None = None) -> list[str]:
    """Merge the extracted ids into the ``.po`` and compile the ``.mo``; returns problems."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    found = extract()
    old = read_po() if PO.exists() else Catalog(locale="de", domain="trudi_py")
    new = Catalog(locale="de", domain="trudi_py", project="trudi_py", version="",
                  copyright_holder="trudi_py contributors", fuzzy=False)
    new.language_team = "German"
    for msgid in sorted(found.places):
        before = old.get(msgid)
        text = before.string if before is not None and before.string else \
            (seed or {}).get(msgid, "")
        new.add(msgid, text, locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1]))
                                        for p in found.places[msgid]])
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, new, width=96, omit_header=False, sort_output=True,
                 include_lineno=False)
    MO.write_bytes(compiled(read_po()))
    return found.problems + [f"no German text: {m!r}" for m in sorted(found.places)
                             if not new.get(m).string]


def main(argv: list[str]) -> int:
    """Update (default) or only check the catalogue."""
    if "--check" in argv:
        found = extract()
        catalog = read_po()
        problems = found.problems + [f"no German text: {m!r}" for m in found.places
                                     if catalog.get(m) is None or not catalog.get(m).string]
    else:
        seed = None
        if "--seed" in argv:
            import json
            seed = json.loads(Path(argv[argv.index("--seed") + 1]).read_text(encoding="utf-8"))
        problems = update(seed)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
