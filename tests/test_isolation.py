"""The test suite never writes into the real user's folders (data, logs, config, caches)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import REPO, SANDBOX, SANDBOX_ENV, settings_for

#: The per-user folders trudi_py (via platformdirs) and its libraries would use by default.
PLATFORMDIRS = ("import json, platformdirs as p; print(json.dumps("
                "[p.user_data_dir('trudi_py', False), p.user_log_dir('trudi_py', False), "
                "p.user_config_dir('trudi_py', False), p.user_cache_dir('trudi_py', False), "
                "p.user_state_dir('trudi_py', False), p.user_config_dir('matplotlib', False), "
                "p.user_cache_dir('matplotlib', False)]))")


def _fake_home_env(home: Path) -> dict[str, str]:
    """The test environment (as conftest made it), but with a fresh, empty HOME: the
    folders a user's defaults resolve to all lie inside ``home``."""
    env = dict(os.environ)
    for name in ("HOME", "USERPROFILE"):
        env[name] = str(home)
    env["APPDATA"] = str(home / "AppData" / "Roaming")
    env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
    env["PYTHONPATH"] = str(REPO)
    return env


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_session_environment_points_into_temp_folders() -> None:
    """conftest redirects every per-user folder; a test narrows TRUDI_* further, but always
    to a temp folder; subprocesses inherit the same environment."""
    from trudi_py.logsetup import log_dir
    from trudi_py.m2m.pinning import data_dir
    temp = Path(tempfile.gettempdir()).resolve()
    names = sorted(SANDBOX_ENV)
    code = f"import json, os; print(json.dumps([os.environ.get(n, '') for n in {names!r}]))"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60)
    inherited = json.loads(child.stdout)
    assert len(inherited) == len(SANDBOX_ENV) and all(inherited), inherited
    import matplotlib
    for path in (log_dir(), data_dir(), Path(matplotlib.get_configdir()), *map(Path, inherited)):
        assert path.resolve().is_relative_to(temp), path
    assert Path(matplotlib.get_configdir()).resolve() == (SANDBOX / "matplotlib").resolve()


def test_cli_in_a_subprocess_leaves_the_user_folders_untouched(sim, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _fake_home_env(home)
    # the user's default folders for this HOME (as an un-isolated run would use them)
    probe = subprocess.run([sys.executable, "-c", PLATFORMDIRS], capture_output=True,
                           text=True, env={k: v for k, v in env.items()
                                           if not k.startswith("XDG_")}, timeout=60)
    assert probe.returncode == 0, probe.stderr
    defaults = [Path(p) for p in json.loads(probe.stdout)]
    if sys.platform == "win32":
        # Windows asks the shell API, not HOME, for these folders: they are the real user's
        # (perhaps from an installed trudi_py), so only the empty HOME below is checked there.
        defaults = []
    assert all(home in p.parents for p in defaults), defaults

    settings = settings_for(sim)
    env["TRUDI_PASSWORD"] = settings.password
    log_dir = Path(env["TRUDI_LOG_DIR"])
    for args in (["info", "--url", sim.url, "--user", settings.user, "--pin", sim.fingerprint,
                  "--json"], ["pins", "list"]):
        result = subprocess.run([sys.executable, "-m", "trudi_py", *args], capture_output=True,
                                text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
                                cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    # the log file was opened, and only where the test environment says
    assert (log_dir / "trudi_py.log").is_file()
    for path in defaults:
        assert not path.exists(), f"written into a user folder: {path}"
    assert _files_under(home) == []
