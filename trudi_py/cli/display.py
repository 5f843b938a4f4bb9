"""Can the GUI open a window here? Checked before Qt is imported.

Without a display Qt does not raise: it aborts the whole process (exit 134) with a hint about
``libxcb-cursor0`` that is often wrong. So ``trudi-py`` / ``gui`` / ``demo`` ask first:

* Linux/BSD: a platform that needs no display (``QT_QPA_PLATFORM=offscreen``, ``minimal``,
  ``vnc`` …) is fine; ``xcb`` needs ``DISPLAY``, ``wayland`` needs ``WAYLAND_DISPLAY``; with no
  platform set one of the two must be there.
* When Qt would use ``xcb``, the plugin's shared libraries are looked up with ``ldd``: a missing
  one is named plainly (the real cause behind Qt's misleading message).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from trudi_py.errors import NoDisplay
from trudi_py.i18n import msg

#: Qt platform plugins that draw without a window system.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs",
                                "linuxfb", "vkkhrdisplay"})
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_LDD_TIMEOUT_S = 10.0



def _platform_name(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will pick: the first of QT_QPA_PLATFORM's ';' list, or ''."""
    return env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()


def display_problem(env: Mapping[str, str] | None = None,
                    platform: str = sys.platform) -> NoDisplay | None:
    """Why no window can be opened here (``None`` when nothing speaks against it)."""
    env = os.environ if env is None else env
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    name = _platform_name(env)
    if name in HEADLESS_PLATFORMS:
        return None
    has_x11, has_wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    if name == "xcb" and has_x11 or name.startswith("wayland") and has_wayland:
        return None
    if not name and (has_x11 or has_wayland):
        return None
    if name and name not in ("xcb",) and not name.startswith("wayland"):
        return None  # a platform we do not know: let Qt try it
    needed = "DISPLAY" if name == "xcb" else "WAYLAND_DISPLAY" if name else \
        "DISPLAY or WAYLAND_DISPLAY"
    return NoDisplay(msg("No screen to open a window on: {needed} is not set. Run the GUI in a "
                         "desktop session, or without a screen use 'trudi-py demo --no-gui' (the "
                         "demo gateway in the terminal) or 'xvfb-run -a trudi-py ...' (a virtual "
                         "screen; Debian/Ubuntu package xvfb).", needed=needed))


def xcb_plugin() -> Path | None:
    """The path of PySide6's xcb platform plugin (without importing Qt), or None."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(plugin: Path, ldd: str | None = None) -> list[str]:
    """The shared libraries ``plugin`` needs but the system lacks (by ``ldd``; [] when ldd is
    not there or fails: then nothing is claimed)."""
    ldd = ldd or shutil.which("ldd")
    if not ldd:
        return []
    try:
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                              timeout=_LDD_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(done.stdout[:200_000])))


def debian_package(soname: str) -> str:
    """The usual Debian/Ubuntu package of a library: libxcb-icccm.so.4 -> libxcb-icccm4."""
    base, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    if not version:
        return base.lower()
    return f"{base}{'-' if base[-1:].isdigit() else ''}{version}".lower()


def plugin_problem(env: Mapping[str, str] | None = None, plugin: Path | None = None,
                   ldd: str | None = None) -> NoDisplay | None:
    """Qt's xcb plugin would fail to load for missing system libraries: name them."""
    env = os.environ if env is None else env
    name = _platform_name(env)
    uses_xcb = name == "xcb" or (not name and env.get("DISPLAY")
                                 and not env.get("WAYLAND_DISPLAY"))
    if not uses_xcb or not sys.platform.startswith("linux"):
        return None
    plugin = plugin or xcb_plugin()
    missing = missing_libraries(plugin, ldd) if plugin else []
    if not missing:
        return None
    libs = ", ".join(missing)
    packages = " ".join(sorted({debian_package(m) for m in missing}))
    return NoDisplay(
        msg("Qt cannot load its X11 display plugin (xcb): these system libraries are missing: "
            "{libs}. Install them (Debian/Ubuntu: apt install {packages}), or use 'trudi-py "
            "demo --no-gui' or QT_QPA_PLATFORM=offscreen.", libs=libs, packages=packages))


def require_display() -> None:
    """Raise :class:`NoDisplay` when the GUI could not open a window here."""
    problem = display_problem() or plugin_problem()
    if problem is not None:
        raise problem
