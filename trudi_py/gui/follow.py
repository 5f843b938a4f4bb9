"""Pages follow a new data source: the shown page at once, hidden pages a little later.

When an archive opens (or a gateway connects) every page fills itself from the new source.
Run in one go, the hidden pages' work (the contracts table, the readings page's ranges, the
logbook's dates: ~20 ms) came on top of the shown page's filling and its first paint as one
event-loop stall. A hidden page now takes the source on a turn of its own, ``delay_ms`` later
(after the shown page's paint), or at once when it is shown first — it never shows stale data.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: The first hidden page takes a new source this long after it came; the next ones
#: :data:`STEP_MS` apart (each on a turn of its own).
FIRST_MS = 40
STEP_MS = 15


class SourceFollower(QObject):
    """Calls ``apply(source)`` for each new source of ``page``: at once while the page is
    visible, else after ``delay_ms`` or when the page is shown, whichever comes first (only
    the latest source is applied)."""

    def __init__(self, page: QWidget, apply: Callable[[object], None], delay_ms: int) -> None:
        super().__init__(page)
        self._page, self._apply = page, apply
        self._pending: tuple[object] | None = None  # a tuple: the source may be None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        page.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """True while a source waits to be applied."""
        return self._pending is not None

    def changed(self, source: object) -> None:
        """A new source (the session's ``source_changed``)."""
        self._pending = (source,)
        if self._page.isVisible():
            self.flush()
        else:
            self._timer.start()

    def flush(self) -> None:
        """Apply the source still pending, if any."""
        self._timer.stop()
        if self._pending is not None:
            (source,), self._pending = self._pending, None
            self._apply(source)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Apply a pending source before the page is shown."""
        if watched is self._page and event.type() == QEvent.Type.Show:
            self.flush()
        return False


def follow_source(page: QWidget, signal: object, apply: Callable[[object], None],
                  order: int) -> SourceFollower:
    """Connect ``signal`` (the session's ``source_changed``) to ``apply`` through a
    :class:`SourceFollower`; ``order`` staggers the hidden pages (0, 1, 2 …)."""
    follower = SourceFollower(page, apply, FIRST_MS + STEP_MS * order)
    signal.connect(follower.changed)  # type: ignore[attr-defined]
    return follower


__all__ = ["FIRST_MS", "STEP_MS", "SourceFollower", "follow_source"]
