"""trudi_py.simulator."""
