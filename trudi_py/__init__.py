"""trudi_py — read, check and archive your own Smart Meter Gateway data over the HAN port."""

__version__ = "0.1.0"
