"""Entry script of the frozen app (PyInstaller): the same as ``trudi-py`` or
``python -m trudi_py``."""

import multiprocessing

from trudi_py.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
