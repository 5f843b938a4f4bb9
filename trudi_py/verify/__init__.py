"""trudi_py.verify."""
