"""A sync killed (SIGKILL) at random moments leaves a consistent store; the next continues."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from history_helpers import RETENTION, T0, settings, stepping_sim, truth

from trudi_py.history import HistoryStore

#: end-to-end and long: still run by default (CI runs everything); -m 'not slow' skips
pytestmark = pytest.mark.slow

SCRIPT = """
import os, sys
from pathlib import Path
from trudi_py.jobs.sync import sync
from trudi_py.m2m import ConnectionSettings
s = ConnectionSettings(url=os.environ["T_URL"], user=os.environ["T_USER"],
                       password=os.environ["T_PASSWORD"], pin=os.environ["T_PIN"],
                       retry_backoff_s=0.01, timeout_s=10.0)
print(sync(s, store=Path(sys.argv[1]), force=True,
           progress=lambda p: print("step", p.done, flush=True)).status, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sync_survives_kills_at_random_moments(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    rng = random.Random(18)
    with stepping_sim(tmp_path / "sim") as sim:
        s = settings(sim)
        env = {**os.environ, "T_URL": s.url, "T_USER": s.user, "T_PASSWORD": s.password,
               "T_PIN": s.pin}
        killed = 0
        for round_ in range(8):
            proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            # kill after a random number of answers (independent of how loaded the machine
            # is), a random fraction of a second into the next one
            steps = rng.randint(1, 40)
            assert proc.stdout is not None
            for _ in range(steps):
                if not proc.stdout.readline():
                    break
            time.sleep(rng.uniform(0.0, 0.3))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait(timeout=60)
            if db.exists():  # after every kill the store is consistent and readable
                conn = sqlite3.connect(db)
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert conn.execute("SELECT COUNT(*) FROM readings r LEFT JOIN raw ON "
                                    "raw.id = r.raw_id WHERE raw.id IS NULL").fetchone()[0] == 0
                conn.close()
            if round_ % 2:
                sim.advance_clock(timedelta(hours=7))
        assert killed >= 3
        out = subprocess.run([sys.executable, "-c", SCRIPT, str(db)], env=env,
                             capture_output=True, timeout=120, text=True)
        assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr
        last = sim.gateway_now()
    with HistoryStore(db) as store:
        stored = {k for k in store.reading_keys() if not k[0].endswith("taf10-1.sm")}
        # nothing wrong or extra; nothing lost that the gateway still holds (values it dropped
        # while the killed runs had not reached them yet are gone for any client)
        assert stored <= truth(sim, T0 - RETENTION, last)
        recent = truth(sim, last - RETENTION, last)
        since = min(x[3] for x in recent)
        assert {k for k in stored if k[3] >= since} == recent
        assert "interrupted" in [x["status"] for x in store.syncs()]
        n = store.conn.execute("SELECT COUNT(*) FROM readings").fetchone()[0]
        assert n == len(store.reading_keys())
