"""``model.energy.wall_seconds`` looks Berlin's offset up per UTC day (per hour only on a
switch day): the same wall times as one lookup per hour, sorted or not, any shape."""

from __future__ import annotations

import numpy as np

from trudi_py.model.energy import wall_seconds
from trudi_py.model.times import berlin_offset_of_hour


def _per_hour(epoch: np.ndarray) -> np.ndarray:
    flat = epoch.reshape(-1)
    return (flat + np.array([berlin_offset_of_hour(int(h)) for h in (flat // 3600).tolist()],
                            dtype=np.int64)).reshape(epoch.shape)


def test_wall_seconds_equal_hourly_lookups_over_switches() -> None:
    start = 1_585_440_000 - 40 * 86_400  # early 2020: both switches of 2020-2022 inside
    epoch = np.arange(start, start + 900 * 86_400, 900, dtype=np.int64)
    assert np.array_equal(wall_seconds(epoch), _per_hour(epoch))
    shuffled = np.random.default_rng(7).permutation(epoch)
    assert np.array_equal(wall_seconds(shuffled), _per_hour(shuffled))
    square = epoch[:40_000].reshape(200, 200)
    assert np.array_equal(wall_seconds(square), _per_hour(square))
    assert wall_seconds(np.array([], dtype=np.int64)).size == 0
