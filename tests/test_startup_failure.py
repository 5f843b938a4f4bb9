"""A GUI start-up failure under pythonw (no stderr) reaches the log file and a native Windows
message box (ctypes MessageBoxW, replaced by a recorder here)."""

from __future__ import annotations

import ctypes
import logging
import sys
import types

import pytest

from trudi_py import cli, startup_failure


class FakeWindll:
    """Stands in for ctypes.windll on Linux: records MessageBoxW calls."""

    def __init__(self) -> None:
        self.boxes: list[tuple[object, str, str, int]] = []
        self.user32 = types.SimpleNamespace(MessageBoxW=self._box)

    def _box(self, hwnd, text, title, flags):
        self.boxes.append((hwnd, text, title, flags))
        return 1


def qt_does_not_load() -> types.ModuleType:
    """trudi_py.gui.app as it fails on a Windows whose Qt DLLs do not load."""
    module = types.ModuleType("trudi_py.gui.app")

    def __getattr__(name):
        raise ImportError("DLL load failed while importing QtCore: The specified procedure "
                          "could not be found.")

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


@pytest.fixture
def pythonw(monkeypatch, tmp_path):
    """Windows without a console: ON_WINDOWS, sys.stderr None, a fresh log setup."""
    root = logging.getLogger()
    saved = root.handlers[:], getattr(root, "_trudi_configured", False)
    root.handlers = []
    root._trudi_configured = False  # type: ignore[attr-defined]
    monkeypatch.setenv("TRUDI_LOG_DIR", str(tmp_path / "logs"))
    for var in ("TRUDI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(startup_failure, "ON_WINDOWS", True)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setitem(sys.modules, "trudi_py.gui.app", qt_does_not_load())
    yield tmp_path / "logs" / "trudi_py.log"
    for handler in root.handlers:
        handler.close()
    root.handlers, root._trudi_configured = saved  # type: ignore[attr-defined]


def test_gui_import_failure_is_logged_and_shown_in_german(pythonw, monkeypatch):
    monkeypatch.setenv("TRUDI_LANG", "de")
    windll = FakeWindll()
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    assert cli.main(["gui"]) == 1
    assert len(windll.boxes) == 1
    hwnd, text, title, flags = windll.boxes[0]
    assert title == "trudi_py konnte nicht starten"
    assert "ImportError: DLL load failed while importing QtCore" in text
    assert "1903" in text and str(pythonw) in text  # what to do, and where the details are
    assert flags & startup_failure.MB_ICONERROR
    log = pythonw.read_text("utf-8")
    assert "the GUI could not start: ImportError" in log
    assert "Traceback" in log  # the details are in the file


def test_english_box_in_an_english_run(pythonw, monkeypatch):
    monkeypatch.setenv("TRUDI_LANG", "en")
    windll = FakeWindll()
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    assert cli.main(["gui"]) == 1
    (_, text, title, _), = windll.boxes
    assert title == "trudi_py could not start"
    assert "What to do" in text


def test_an_error_while_starting_the_window_is_reported_too(pythonw, monkeypatch):
    windll = FakeWindll()
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)

    def run_gui():
        raise RuntimeError("qt.qpa.plugin: could not load the platform plugin")

    monkeypatch.setitem(sys.modules, "trudi_py.gui.app", types.SimpleNamespace(run_gui=run_gui))
    assert cli.main(["gui"]) == 1
    assert "could not load the platform plugin" in windll.boxes[0][1]
    assert "RuntimeError" in pythonw.read_text("utf-8")


def test_on_a_console_the_summary_goes_to_stderr_without_traceback(monkeypatch, tmp_path,
                                                                    capsys):
    root = logging.getLogger()
    saved = root.handlers[:], getattr(root, "_trudi_configured", False)
    root.handlers = []
    root._trudi_configured = False  # type: ignore[attr-defined]
    monkeypatch.setenv("TRUDI_LOG_DIR", str(tmp_path))
    monkeypatch.setitem(sys.modules, "trudi_py.gui.app", qt_does_not_load())
    try:
        assert cli.main(["gui"]) == 1
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers, root._trudi_configured = saved  # type: ignore[attr-defined]
    err = capsys.readouterr().err
    assert "the GUI could not start: ImportError" in err
    assert "Traceback" not in err
    assert "Traceback" in (tmp_path / "trudi_py.log").read_text("utf-8")


def test_gui_as_the_default_command_logs_to_the_file_too(pythonw, monkeypatch):
    # `trudi-py` without a command opens the GUI, with no file logging set up by the CLI
    windll = FakeWindll()
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    assert cli.main([]) == 1
    assert len(windll.boxes) == 1
    log = pythonw.read_text("utf-8")
    assert "the GUI could not start" in log and "DLL load failed" in log
    assert "Traceback" in log
