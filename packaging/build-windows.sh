#!/usr/bin/env bash
# Build the Windows installer dist/trudi_py-<version>-setup.exe (cross-build on Linux).
# Needs: python3 >= 3.11 with pip, makensis (Debian: apt-get install -y nsis), access to PyPI.
#   packaging/build-windows.sh                # build (inputs checked against windows-lock.txt)
#   packaging/build-windows.sh --update-lock  # re-resolve and rewrite packaging/windows-lock.txt
# See packaging/README-sections.md ("Building the installer").
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" packaging/windows/build.py "$@"
