"""Settings of the PyInstaller spec (packaging/linux/trudi_py.spec): what to collect and
which unused Qt parts to leave out."""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

ENTRY = str(Path(__file__).with_name("entry.py"))

# cli imports its subcommand modules, the simulator and the GUI lazily (inside functions or by
# name through __import__), so static analysis misses them: collect the whole package.
HIDDEN_IMPORTS = sorted(set(collect_submodules("trudi_py")))
# translations (.qm), icons (.svg) and py.typed of our package
DATAS = collect_data_files("trudi_py")

# Qt modules no part of trudi_py or matplotlib's Qt backend uses (each drags in DLLs/.so and
# plugins), and Python packages that only come along through optional imports.
EXCLUDES = [
    *(f"PySide6.{m}" for m in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization",
        "QtDBus", "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer", "QtLocation",
        "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL",
        "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick",
        "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects",
        "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
        "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
        "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets",
        "QtWebView", "QtXml")),
    "tkinter", "_tkinter", "matplotlib.backends._backend_tk", "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_tkcairo", "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk4agg", "matplotlib.backends.backend_wxagg",
    "IPython", "jupyter_client", "ipykernel", "pytest", "hypothesis", "setuptools", "pip",
    "numpy.f2py", "numpy.tests", "pandas",
]

# Modules the frozen app must contain (checked right after the analysis).
REQUIRED_MODULES = [
    "trudi_py.cli", "trudi_py.cli.gateway_commands", "trudi_py.cli.local_commands",
    "trudi_py.simulator", "trudi_py.simulator.server", "trudi_py.gui",
    "PySide6.QtWidgets", "matplotlib.backends.backend_qtagg", "httpx", "cryptography",
    "numpy",
]


def check_analysis(analysis) -> None:
    """Fail the build if the PyInstaller analysis lacks a module the frozen app needs."""
    names = {entry[0] for entry in analysis.pure}
    for dest, _src, typecode in analysis.binaries:  # extension modules: PySide6/QtCore.abi3.so
        if typecode == "EXTENSION":
            names.add(dest.replace("\\", "/").split(".")[0].replace("/", "."))
    missing = [m for m in REQUIRED_MODULES + HIDDEN_IMPORTS
               if m not in names and not any(n.startswith(m + ".") for n in names)]
    if missing:
        raise SystemExit(f"frozen app would lack: {', '.join(missing)}")
