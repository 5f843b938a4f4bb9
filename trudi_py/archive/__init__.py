"""trudi_py.archive."""
