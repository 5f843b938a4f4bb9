"""Fast checks of the Windows packaging inputs (no network, no build; the full build and its
content check are opt-in: TRUDI_PACKAGING_CHECK=1 packaging/check)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location(
        "trudi_windows_build", ROOT / "packaging" / "windows" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lock_covers_pyproject_dependencies(build):
    # fails when a dependency was added to pyproject.toml without
    # `packaging/build-windows.sh --update-lock`
    entries = build.read_lock()
    build.check_lock_covers_pyproject(entries)
    kinds = {e.kind for e in entries}
    assert kinds == {"wheel", "embed", "build"}
    assert all(len(e.digest) == 64 for e in entries)


def test_qt_excludes_keep_what_the_app_needs(build):
    keep = ["pyside6/plugins/platforms/qwindows.dll", "pyside6/qt6widgets.dll",
            "pyside6/qtwidgets.pyd", "pyside6/__init__.py", "pyside6/support/__init__.py",
            "pyside6/translations/qtbase_de.qm", "matplotlib/mpl-data/matplotlibrc",
            "numpy/testing/__init__.py", "trudi_py/gui/i18n/trudi_py_de.qm",
            "trudi_py/locale/de/lc_messages/trudi_py.mo"]
    drop = ["pyside6/designer.exe", "pyside6/qt6quick.dll", "pyside6/qml/qtquick/x.dll",
            "pyside6/opengl32sw.dll", "pyside6/translations/qtbase_fr.qm",
            "pandas/tests/test_x.py", "pyside6/support/__pycache__/x.cpython-314.pyc"]
    assert [p for p in keep if build.excluded(p)] == []
    assert [p for p in drop if not build.excluded(p)] == []
