"""The desktop application — the only package of trudi_py that imports Qt (PySide6)."""
