"""trudi_py.gui."""
