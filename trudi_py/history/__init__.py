"""The local history: everything ever fetched from one gateway, in one SQLite file.

Knows the store, not the network (the ``sync`` job in :mod:`trudi_py.jobs.sync` fetches).
"""

from trudi_py.history.lock import StoreLock
from trudi_py.history.store import HistoryStore, MergeCount, store_path

__all__ = ["HistoryStore", "MergeCount", "StoreLock", "store_path"]
