"""A large result of the chart process comes through a temporary file (trudi_py.gui.spill):
equal to the child's, the file deleted once read — or at once when the task was dropped."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from trudi_py.errors import TrudiError
from trudi_py.gui import spill
from trudi_py.gui.worker import process_runner


def _leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(f"{spill.PREFIX}*"))


def test_a_large_result_comes_through_a_file_and_the_file_goes(qtbot) -> None:  # noqa: ANN001
    before = _leftovers()
    size = spill.SPILL_BYTES + 12345
    got: list[object] = []
    errors: list[BaseException] = []
    handle = process_runner().submit(functools.partial(bytes.fromhex, "ab" * size),
                                     on_done=got.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(got or errors), timeout=30000)
    assert not errors and got[0] == b"\xab" * size
    assert isinstance(handle.future.result(), spill.Spilled)  # the pipe carried its name
    small: list[object] = []
    process_runner().submit(functools.partial(bytes.fromhex, "cd" * 10), on_done=small.append)
    qtbot.waitUntil(lambda: bool(small), timeout=30000)
    assert small == [b"\xcd" * 10]  # a small one as before
    assert _leftovers() == before


def test_a_dropped_large_result_is_not_read_and_its_file_goes(qtbot) -> None:  # noqa: ANN001
    before = _leftovers()
    got: list[object] = []
    handle = process_runner().submit(functools.partial(bytes.fromhex, "ab" * spill.SPILL_BYTES),
                                     on_done=got.append)
    handle.cancel()  # already running or not: its result is not wanted
    qtbot.waitUntil(handle.future.done, timeout=30000)
    qtbot.wait(200)  # the executor's thread has handled the result
    assert got == [] and _leftovers() == before


def test_an_incomplete_file_is_an_error_not_a_result(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / f"{spill.PREFIX}x"
    path.write_bytes(b"\x80\x05")
    with pytest.raises(TrudiError, match="incomplete"):
        spill.receive(spill.Spilled(str(path), 100))
    assert not path.exists()


def test_files_left_by_an_ended_gui_are_swept(tmp_path) -> None:  # noqa: ANN001
    import os
    import time
    old, fresh, other = (tmp_path / f"{spill.PREFIX}old", tmp_path / f"{spill.PREFIX}new",
                         tmp_path / "someone-else")
    for path in (old, fresh, other):
        path.write_bytes(b"x")
    hour_ago = time.time() - spill.STALE_SECONDS - 60
    os.utime(old, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    assert spill.sweep(str(tmp_path)) == 1
    assert not old.exists() and fresh.exists() and other.exists()
