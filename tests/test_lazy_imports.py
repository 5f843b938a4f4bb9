"""numpy/pandas/matplotlib are imported only where charts or statistics need them.

The CLI's start-up never imports them; ``archive`` and ``verify`` work where they cannot be
loaded at all (as under Wine, whose ucrtbase lacks what numpy needs): the archive keeps every
reading and leaves out only the chart, verify says which check it could not run. Each run is
a separate Python process; the simulator runs in the test's process, never in the checked one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

HEAVY = ("numpy", "pandas", "matplotlib", "PySide6", "trudi_py.simulator")

STARTUP = f"""
import sys
import trudi_py.cli
parser = trudi_py.cli.build_parser()
for command in ("archive", "verify", "info", "readings", "log", "pins"):
    try:
        parser.parse_args([command, "--help"])
    except SystemExit:
        pass
print("LOADED", [m for m in {HEAVY!r} if m in sys.modules])
"""

# numpy made unimportable the way a broken DLL does it (ImportError on import)
WITHOUT_NUMPY = f"""
import sys
sys.modules["numpy"] = None
from trudi_py.cli import main
rc_archive = main(["archive", "--url", sys.argv[1], "--user", sys.argv[2], "--pin",
                   sys.argv[3], "--out", sys.argv[4]])
print("ARCHIVE", rc_archive, flush=True)
import glob
rc_verify = main(["verify", *glob.glob(sys.argv[4] + "/*.zip")])
print("VERIFY", rc_verify, flush=True)
print("LOADED", [m for m in {HEAVY!r} if m in sys.modules and sys.modules[m] is not None])
"""


def python(code: str, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "TRUDI_LANG": "en", **(env or {})})


def test_cli_start_up_imports_no_numpy_pandas_matplotlib_qt():
    result = python(STARTUP)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout


def test_archive_and_verify_work_without_numpy(sim, tmp_path):
    consumer = sim.data.consumers[0]
    out = tmp_path / "out"
    out.mkdir()
    result = python(WITHOUT_NUMPY, sim.url, consumer.user, sim.fingerprint, str(out),
                    env={"TRUDI_PASSWORD": consumer.password})
    assert "Traceback" not in result.stderr, result.stderr
    assert "ARCHIVE 0" in result.stdout, result.stdout + result.stderr
    assert "VERIFY 0" in result.stdout, result.stdout + result.stderr
    assert "LOADED []" in result.stdout, result.stdout
    # the chart is left out, and said so; the report itself is there
    assert "chart of" in result.stderr and "left out" in result.stderr
    assert "daily-check-unavailable" in result.stdout or "not checkable here" in result.stdout

    (archive,) = out.glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert "report.html" in z.namelist()
    # every reading of the simulator is in the archive
    expected = {up.usage_point_id: {db.name: sum(len(c.readings) for c in db.channels)
                                    for db in up.databases if db.channels}
                for up in consumer.usage_points}
    got = {up: {db: rows for db, rows in dbs.items() if rows}
           for up, dbs in manifest["counts"]["readings"].items()}
    assert got == expected
    assert sum(map(sum, (d.values() for d in got.values()))) > 1000
    assert Path(archive).stat().st_size > 0
