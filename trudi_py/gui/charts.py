"""The chart tabs of the readings page: they only show finished images.

The data is prepared on a worker (:mod:`trudi_py.gui.chart_data`) and drawn with matplotlib
in the chart process (:func:`trudi_py.gui.worker.process_runner`): a draw holds its
interpreter's lock for 60–120 ms on a slow machine, far beyond the 50 ms the GUI thread may
stall, so it must not happen in the GUI's process. The widget asks for a new image when it
is resized or shown; only the visible chart is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from trudi_py.gui.chart_data import (
    DAILY_ABOVE_DAYS,
    HOURLY_ABOVE_DAYS,
    ChartData,
    Series,
    prepare_chart_data,
    same_chart,
    zone_totals,
)
from trudi_py.gui.chart_draw import chart_texts, render_rgba, save_png
from trudi_py.gui.worker import process_runner

__all__ = ["DAILY_ABOVE_DAYS", "HOURLY_ABOVE_DAYS", "ChartData", "ChartView", "ChartWidget",
           "Series", "prepare_chart_data", "zone_totals"]


# -- widgets (GUI thread: only shows finished images) -----------------------------------------
class ChartView(QWidget):
    """Paints the last finished image; asks for a new one after a resize (debounced)."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.placeholder = ""  # shown while there is no image (empty state or drawing)
        self.setMinimumHeight(240)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.resized)

    def set_image(self, image: QImage | None) -> None:
        """Show a newly rendered chart image (None: blank)."""
        self.image = image
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Re-render after the size settles (debounced)."""
        super().resizeEvent(event)
        self._debounce.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Draw the rendered image scaled into the widget on a white background."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self.image)
        else:
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.end()


class ChartWidget(QTabWidget):
    """Four tabs (load profile, days, months, tariff zones): the shown one is drawn first,
    the others after it, one at a time."""

    drawn = Signal(str)  # the key of the chart just drawn
    saved = Signal(object)  # the path of an exported PNG (or an exception)

    KEYS = ("power", "daily", "monthly", "zones")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charts")
        self.data: ChartData | None = None
        self.runner = process_runner()
        self.runner.start()  # the child warms up while the user still reads
        self._tasks: set[int] = set()  # dropped when the widget goes (results find no one)
        runner, tasks = self.runner, self._tasks
        self.destroyed.connect(lambda _o=None: runner.forget_all(tasks))
        self._generation = 0
        self._dirty: set[str] = set()
        self._pending: set[str] = set()
        self._idle: list[Callable[[], None]] = []  # called once nothing is left to draw
        self.views: dict[str, ChartView] = {}
        titles = (self.tr("Load profile"), self.tr("Daily energy"), self.tr("Monthly energy"),
                  self.tr("Tariff zones"))
        for key, title in zip(self.KEYS, titles, strict=True):
            view = ChartView()
            view.placeholder = self._empty_text()
            view.resized.connect(lambda k=key: self._resized(k))
            self.addTab(view, title)
            self.views[key] = view
        self.currentChanged.connect(lambda _i: self._render_current())

    @property
    def current_key(self) -> str:
        """The key of the chart tab shown now."""
        return self.KEYS[max(0, self.currentIndex())]

    def set_data(self, data: ChartData | None) -> None:
        """New data: every chart is re-rendered when next shown — but a chart already drawn
        that would show the same stays (the daily and monthly charts drawn from an archive's
        day summary, when the readings arrive), and the charts ``data.pending`` names wait
        ("Drawing…") for the next data."""
        old, self.data = self.data, data
        self._generation += 1
        keep = {k for k in self.KEYS if old is not None and data is not None and
                k not in self._dirty and k not in self._pending and
                self.views[k].image is not None and same_chart(k, old, data)}
        # no data: the views' placeholder text, as before the first load (no drawing in
        # the chart process — on opening an archive it has better things to do)
        self._dirty = set() if data is None else set(self.KEYS) - keep - data.pending
        for key, view in self.views.items():
            if key in keep:
                continue
            view.placeholder = self._empty_text() if data is None else self.tr("Drawing…")
            view.set_image(None)
        self._render_current()

    def when_drawn(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once every chart that can be drawn now is drawn (at once when
        the widget is hidden): the chart process serves one task at a time, so a long load
        submitted after this does not hold these drawings back."""
        self._idle.append(callback)
        self._render_current()

    def _empty_text(self) -> str:
        """What an empty chart says before any values are loaded."""
        return self.tr("No values loaded yet: choose a contract and a period, then »Load«.")

    def show_chart(self, key: str) -> None:
        """Switch to chart ``key`` and render it if needed (``drawn`` tells when it is
        there; at once if it was drawn ahead)."""
        self.setCurrentIndex(self.KEYS.index(key))
        self._render_current()
        if key not in self._dirty and key not in self._pending and \
                self.views[key].image is not None:
            self.drawn.emit(key)

    def showEvent(self, event: object) -> None:  # noqa: N802
        """Render the current chart when the widget becomes visible."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._render_current()

    def _resized(self, key: str) -> None:
        image = self.views[key].image
        if image is not None and image.size() / image.devicePixelRatio() != \
                self.views[key].size():
            self._dirty.add(key)
            self._render_current()

    def _render_current(self) -> None:
        """Draw the shown chart if it is out of date, else the next hidden one ahead of time
        (a tab the user switches to is then there at once); one drawing at a time, so a new
        load never waits behind more than one drawing of old data."""
        if self._pending:
            return
        if not self.isVisible() or not self._dirty:
            callbacks, self._idle = self._idle, []
            for callback in callbacks:
                callback()
            return
        key = self.current_key
        if key not in self._dirty:
            key = next(k for k in self.KEYS if k in self._dirty)
        view = self.views[key]
        self._dirty.discard(key)
        self._pending.add(key)
        data, generation = self.data, self._generation
        width, height, ratio = view.width(), view.height(), view.devicePixelRatioF()
        handle = self.runner.submit(
            render_rgba, key, data, width, height, ratio, chart_texts(),
            on_done=lambda r: self._rendered(key, generation, ratio, r),
            on_error=lambda _e: self._render_failed(key))
        self._tasks.add(handle.task_id)

    def _render_failed(self, key: str) -> None:
        self._pending.discard(key)
        self._render_current()  # the next chart; or the waiting callbacks

    def _rendered(self, key: str, generation: int, ratio: float,
                  result: tuple[int, int, bytes]) -> None:
        self._pending.discard(key)
        if generation != self._generation:
            self._render_current()  # data changed meanwhile: draw the new data
            return
        width, height, pixels = result
        image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(ratio)
        self.views[key].set_image(image)
        self.drawn.emit(key)
        self._render_current()  # a resize may have made it dirty again

    def save_png(self, path: Path, key: str | None = None) -> None:
        """Export a chart in the chart process; ``saved`` tells when it is written."""
        handle = self.runner.submit(save_png, path, key or self.current_key, self.data,
                                    chart_texts(), on_done=self.saved.emit,
                                    on_error=self.saved.emit)
        self._tasks.add(handle.task_id)
