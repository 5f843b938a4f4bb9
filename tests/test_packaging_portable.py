"""The scripts the Windows CI recipe runs on Windows must not use POSIX-only calls.

An AST guard: Windows CPython lacks these functions, keyword arguments or modules (e.g.
``os.utime(..., follow_symlinks=False)`` raises NotImplementedError there). packaging/check
additionally runs build.py's file handling on the embedded Windows Python under Wine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# what .github/workflows/windows.yml runs with Windows' Python
WINDOWS_SCRIPTS = [
    "packaging/windows/build.py",
    "packaging/windows/lock.py",
    "packaging/windows/make_icon.py",
    "packaging/windows/pe_deps.py",
    "packaging/smoke_frozen.py",
]

# os functions Windows CPython does not have
POSIX_ONLY_CALLS = {
    "os.geteuid", "os.getuid", "os.getegid", "os.getgid", "os.getgroups", "os.setuid",
    "os.setgid", "os.chown", "os.lchown", "os.fchown", "os.fork", "os.forkpty", "os.killpg",
    "os.setsid", "os.getpgid", "os.setpgid", "os.sync", "os.statvfs", "os.fstatvfs",
    "os.mkfifo", "os.mknod", "os.uname", "os.getloadavg", "os.lchmod", "os.fchmod",
    "os.fchdir", "os.chroot", "os.nice", "os.pipe2", "os.sched_getaffinity",
    "os.posix_fadvise", "os.wait3", "os.wait4", "os.getpriority", "os.setpriority",
    "signal.SIGKILL", "signal.SIGHUP", "signal.SIGALRM", "signal.SIGUSR1", "signal.SIGUSR2",
    "signal.SIGCHLD", "signal.SIGQUIT", "signal.alarm", "signal.pause", "signal.setitimer",
}
# keyword arguments Windows CPython rejects (os.supports_follow_symlinks / supports_dir_fd
# hold only os.stat there)
POSIX_ONLY_KWARGS = {"follow_symlinks", "dir_fd"}
POSIX_ONLY_MODULES = {"pwd", "grp", "fcntl", "termios", "tty", "pty", "resource", "posix",
                      "crypt", "spwd", "syslog", "readline"}
# functions whose follow_symlinks/dir_fd Windows supports
KWARG_OK = {"os.stat", "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copymode",
            "shutil.copystat", "Path.stat", "stat", "is_dir", "is_file", "exists"}


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return "?"


def posix_only_uses(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute) and dotted(node) in POSIX_ONLY_CALLS:
            found.append(f"{where} {dotted(node)}")
        elif isinstance(node, ast.Call):
            name = dotted(node.func)
            short = name.rsplit(".", 1)[-1]
            for kw in node.keywords:
                if kw.arg in POSIX_ONLY_KWARGS and name not in KWARG_OK \
                        and short not in KWARG_OK:
                    found.append(f"{where} {name}(..., {kw.arg}=...)")
        elif isinstance(node, ast.Import):
            found += [f"{where} import {a.name}" for a in node.names
                      if a.name.split(".")[0] in POSIX_ONLY_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module \
                and node.module.split(".")[0] in POSIX_ONLY_MODULES:
            found.append(f"{where} from {node.module} import ...")
    return found


@pytest.mark.parametrize("script", WINDOWS_SCRIPTS)
def test_windows_scripts_use_no_posix_only_calls(script):
    path = ROOT / script
    assert path.is_file(), f"{script} is missing"
    assert posix_only_uses(path.read_text("utf-8"), script) == []


def test_the_guard_catches_what_broke_the_windows_build():
    # the call that crashed build.py on Windows, and its relatives
    bad = ("import os, fcntl\n"
           "os.utime(p, (1, 1), follow_symlinks=False)\n"
           "os.chmod(p, 0o600, dir_fd=3)\n"
           "if os.geteuid() == 0: pass\n"
           "os.kill(pid, signal.SIGKILL)\n")
    found = posix_only_uses(bad, "bad.py")
    assert sorted(f.split(" ", 1)[1] for f in found) == sorted([
        "import fcntl", "os.utime(..., follow_symlinks=...)", "os.chmod(..., dir_fd=...)",
        "os.geteuid", "signal.SIGKILL"])
    fine = "import os, shutil\nos.utime(p, (1, 1))\nshutil.copy2(a, b, follow_symlinks=False)\n"
    assert posix_only_uses(fine, "fine.py") == []


def test_workflow_runs_only_guarded_scripts():
    # every python script the Windows workflow starts is in WINDOWS_SCRIPTS (or the app)
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    started = set(re.findall(r"python\s+(packaging/\S+\.py)", workflow))
    started |= {"packaging/windows/build.py"} if "build-windows.sh" in workflow else set()
    assert started, "the workflow starts no packaging script?"
    assert started <= set(WINDOWS_SCRIPTS), started - set(WINDOWS_SCRIPTS)
