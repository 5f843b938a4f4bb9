"""``python -m trudi_py`` is the same as ``trudi-py``."""

from trudi_py.cli import main

raise SystemExit(main())
