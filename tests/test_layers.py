"""The layers of docs/architecture.md hold: imports flow one way, Qt only in gui/, the data
source protocol is what the GUI uses, no probing for our own modules.

Read from the source with ``ast`` (nothing is imported), so a violation names file and line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "trudi_py"

#: package -> our packages it must never import
#: (model <- m2m/verify/archive <- jobs <- gateway <- gui/cli)
FORBIDDEN = {
    "model": {"m2m", "verify", "archive", "history", "jobs", "gui", "cli", "simulator",
              "vendors", "gateway"},
    "m2m": {"verify", "archive", "history", "jobs", "gui", "cli", "simulator", "gateway"},
    "verify": {"m2m", "archive", "history", "jobs", "gui", "cli", "simulator", "gateway"},
    "archive": {"m2m", "jobs", "gui", "cli", "simulator", "gateway"},
    "history": {"jobs", "gui", "cli", "simulator", "gateway"},
    "simulator": {"m2m", "verify", "archive", "history", "jobs", "gui", "cli", "gateway"},
    "jobs": {"gui", "cli", "simulator"},
    "gateway": {"gui", "cli", "simulator"},
    "gui": {"cli"},
}
#: our modules imported lazily because they load numpy, which may fail to load (Wine's
#: ucrtbase lacks what it needs): the caller says which check it could not run
LAZY_NUMPY = {("verify/archive_report.py", "trudi_py.verify.loadprofile")}


def _modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        yield rel, path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_imports_flow_one_way() -> None:
    wrong = []
    for rel, _path, tree in _modules():
        layer = rel.split("/")[0].removesuffix(".py")
        for line, module in _imports(tree):
            parts = module.split(".")
            if parts[0] == "trudi_py" and len(parts) > 1 and \
                    parts[1] in FORBIDDEN.get(layer, set()):
                wrong.append(f"{rel}:{line} imports {module}")
    assert wrong == []


def test_qt_only_in_gui() -> None:
    wrong = [f"{rel}:{line} imports {module}" for rel, _p, tree in _modules()
             for line, module in _imports(tree)
             if module.split(".")[0] == "PySide6" and not rel.startswith("gui/")]
    assert wrong == []


def test_gui_uses_the_data_source_not_the_client_behind_it() -> None:
    """No ``source.client`` and no ``getattr(x, "client")`` in the GUI."""
    wrong = []
    for rel, _path, tree in _modules():
        if not rel.startswith("gui/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "client":
                wrong.append(f"{rel}:{node.lineno} .client")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("getattr", "hasattr") and len(node.args) > 1 and \
                    isinstance(node.args[1], ast.Constant) and node.args[1].value == "client":
                wrong.append(f"{rel}:{node.lineno} getattr(..., 'client')")
    assert wrong == []


def test_no_probing_for_our_own_modules() -> None:
    """No ``try: import trudi_py.x`` with ``except ImportError`` (leftovers of unfinished
    integration), but for the designed lazy loads of numpy/matplotlib listed above."""
    wrong = []
    for rel, _path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            caught = {n.id for h in node.handlers if h.type is not None
                      for n in (h.type.elts if isinstance(h.type, ast.Tuple) else [h.type])
                      if isinstance(n, ast.Name)}
            if not caught & {"ImportError", "ModuleNotFoundError"}:
                continue
            ours = [m for stmt in node.body for _l, m in _imports(ast.Module([stmt], []))
                    if m.split(".")[0] == "trudi_py"]
            wrong += [f"{rel}:{node.lineno} probes {m}" for m in ours
                      if (rel, m) not in LAZY_NUMPY]
    assert wrong == []


def test_every_source_is_a_data_source(tmp_path: Path) -> None:
    """Gateway, archive and history sources satisfy the protocol, ``close`` included."""
    from trudi_py.archive.reader import ArchiveSource
    from trudi_py.history.source import HistorySource
    from trudi_py.m2m.source import GatewaySource
    from trudi_py.model.source import DataSource
    for cls in (GatewaySource, ArchiveSource, HistorySource):
        missing = [name for name in ("gateway_info", "usage_points", "usage_point_info",
                                     "readings", "logbook", "close", "kind")
                   if not hasattr(cls, name)]
        assert missing == [], f"{cls.__name__} lacks {missing}"
    assert "close" in DataSource.__dict__
