"""trudi_py.m2m."""
