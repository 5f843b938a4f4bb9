"""The session closes every source it lets go of (a live gateway's connection, an archive's
ZIP file) on its worker, through the DataSource protocol."""

from __future__ import annotations

from pathlib import Path

from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui.session import Session
from trudi_py.m2m import PinStore


def test_an_archive_let_go_is_closed(qtbot, tmp_path: Path,  # noqa: ANN001
                                     two_consumer_archive: Path) -> None:
    session = Session(pin_store=PinStore(tmp_path / "pins.json"))
    errors: list[BaseException] = []
    try:
        with qtbot.waitSignal(session.source_changed, timeout=15000):
            session.open_archive(two_consumer_archive, errors.append)
        source = session.source
        assert isinstance(source, ArchiveSource) and session.state == "archive"
        assert source.usage_points()  # readable while open
        session.disconnect_gateway()
        qtbot.waitUntil(lambda: source._zf.fp is None, timeout=5000)
        assert session.source is None and errors == []
    finally:
        session.shutdown()
