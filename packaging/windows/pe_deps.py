"""Check that every DLL a Windows binary of the payload imports is shipped or part of Windows.

Used by build.py after staging (so an over-eager exclude fails the build, not the user's
start) and by packaging/check on the unpacked installer. A small PE reader, standard library
only: the import table and the delay-load import table of PE32/PE32+ files.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

BINARY_SUFFIXES = (".dll", ".pyd", ".exe")

# DLLs every supported Windows (10 1903+/11, x64) has in System32 (icuuc: the system ICU
# Qt6Core uses); api-ms-win-*/ext-ms-* are API sets.
SYSTEM_DLLS = {f"{name}.dll" for name in (
    "advapi32", "authz", "bcrypt", "bcryptprimitives", "cabinet", "cfgmgr32", "comctl32",
    "comdlg32", "credui", "crypt32", "cryptbase", "cryptnet", "cryptsp", "d2d1", "d3d11",
    "d3d12", "d3d9", "d3dcompiler_47", "dbghelp", "dcomp", "dinput8", "dnsapi", "dsound",
    "dwmapi", "dwrite", "dxgi", "dxva2", "evr", "gdi32", "gdiplus", "glu32", "hid", "icu",
    "icuin", "icuuc", "imagehlp", "imm32", "iphlpapi", "kernel32", "kernelbase", "mf",
    "mfplat", "mfreadwrite", "mpr", "mscms", "msi", "msimg32", "msvcrt", "mswsock",
    "ncrypt", "netapi32", "netutils", "normaliz", "ntdll", "ole32", "oleacc", "oleaut32",
    "opengl32", "powrprof", "propsys", "psapi", "rpcrt4", "secur32", "setupapi", "shcore",
    "shell32", "shlwapi", "srvcli", "ucrtbase", "uiautomationcore", "urlmon", "user32",
    "userenv", "usp10", "uxtheme", "version", "winhttp", "wininet", "winmm", "winspool",
    "wintrust", "winusb", "wkscli", "wldap32", "ws2_32", "wtsapi32", "xinput1_4",
)} | {"winspool.drv"}
_API_SET = re.compile(r"^(api|ext)-ms-", re.IGNORECASE)
# The MSVC runtime (not Windows' own msvcrt.dll) is not guaranteed: it must be shipped.
MSVC_RUNTIME = re.compile(r"^(vcruntime140(_1)?|msvcp140(_\d|_codecvt_ids)?|concrt140|"
                          r"vcomp140|vccorlib140|vcamp140)\.dll$", re.IGNORECASE)


def _imports(data: bytes) -> tuple[list[str], list[str]]:
    """(normal imports, delay-load imports) of one PE image, DLL names as written."""
    if data[:2] != b"MZ":
        return [], []
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        return [], []
    nsections, opt_size = struct.unpack_from("<H12xH", data, pe + 6)
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    dirs = opt + (112 if magic == 0x20B else 96)
    ndirs = struct.unpack_from("<I", data, dirs - 4)[0]
    sections = []
    for i in range(nsections):
        va_size, va, raw_size, raw = struct.unpack_from("<IIII", data, opt + opt_size + 40 * i + 8)
        sections.append((va, max(va_size, raw_size), raw))

    def off(rva: int) -> int | None:
        for va, size, raw in sections:
            if va <= rva < va + size:
                return rva - va + raw
        return None

    def cstr(rva: int) -> str:
        o = off(rva)
        if o is None:
            return ""
        return data[o:data.index(b"\0", o)].decode("ascii", "replace")

    def table(index: int, entry_size: int, name_at: int) -> list[str]:
        if index >= ndirs:
            return []
        rva = struct.unpack_from("<I", data, dirs + 8 * index)[0]
        o = off(rva) if rva else None
        names = []
        while o is not None and o + entry_size <= len(data):
            entry = data[o:o + entry_size]
            if not any(entry):
                break
            name_rva = struct.unpack_from("<I", entry, name_at)[0]
            if name_rva:
                names.append(cstr(name_rva))
            o += entry_size
        return names

    return table(1, 20, 12), table(13, 32, 4)


def check_tree(root: Path) -> tuple[list[str], list[str], int]:
    """(missing hard imports, missing delay-load imports, binaries checked) under root."""
    binaries = sorted(p for p in root.rglob("*") if p.suffix.lower() in BINARY_SUFFIXES
                      and p.is_file())
    shipped = {p.name.lower() for p in binaries}
    missing: list[str] = []
    missing_delay: list[str] = []
    for path in binaries:
        hard, delay = _imports(path.read_bytes())
        for names, out in ((hard, missing), (delay, missing_delay)):
            for name in names:
                low = name.lower()
                if (low in shipped or _API_SET.match(low)
                        or (low in SYSTEM_DLLS
                            and not MSVC_RUNTIME.match(low))):
                    continue
                out.append(f"{path.relative_to(root).as_posix()} -> {name}")
    return missing, missing_delay, len(binaries)


if __name__ == "__main__":
    miss, miss_delay, count = check_tree(Path(sys.argv[1]))
    print(f"{count} binaries checked")
    for line in miss:
        print("MISSING", line)
    for line in miss_delay:
        print("missing (delay-load)", line)
    raise SystemExit(1 if miss else 0)
