"""Polite intervals per vendor: a PPC gateway's history is synced at most once an hour (the
field reports PPC HAN ports dying under 10–15 minute polling), a CONEXA's every 15 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trudi_py.errors import SyncDeferred
from trudi_py.history.polite import check_polite, min_interval, store_vendor
from trudi_py.history.store import HistoryStore, store_path

T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def store_after_sync(tmp_path: Path, smgw_id: str, name: str | None = None) -> HistoryStore:
    path = tmp_path / name if name else store_path(smgw_id, tmp_path)
    store = HistoryStore(path)
    with store.transaction():
        store.set_meta("last-sync-started", T0.isoformat())
    return store


def test_ppc_store_waits_an_hour(tmp_path: Path) -> None:
    with store_after_sync(tmp_path, "EPPC0000012345") as store:
        assert store_vendor(store) == "ppc"
        with pytest.raises(SyncDeferred, match="less than 60 minutes") as caught:
            check_polite(store, T0 + timedelta(minutes=40))
        assert caught.value.retry_at == T0 + timedelta(hours=1)
        check_polite(store, T0 + timedelta(minutes=61))  # due again


def test_conexa_store_keeps_fifteen_minutes(tmp_path: Path) -> None:
    with store_after_sync(tmp_path, "ETHE0300004261") as store:
        assert store_vendor(store) == "theben"
        check_polite(store, T0 + timedelta(minutes=16))
        with pytest.raises(SyncDeferred, match="less than 15 minutes"):
            check_polite(store, T0 + timedelta(minutes=10))


def test_vendor_meta_wins_over_the_file_name(tmp_path: Path) -> None:
    with store_after_sync(tmp_path, "", name="my-gateway.sqlite") as store:
        assert store_vendor(store) is None and min_interval(None) == timedelta(minutes=15)
        with store.transaction():
            store.set_meta("vendor", "ppc")
        with pytest.raises(SyncDeferred):
            check_polite(store, T0 + timedelta(minutes=30))
