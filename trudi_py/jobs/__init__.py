"""trudi_py.jobs."""
