"""What keeps the event loop short when an archive or gateway opens (issue 16): the overview's
operating states as plain labels, dates formatted by hand, every page painted once at start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from trudi_py.gui import i18n
from trudi_py.gui.app import warm_pages
from trudi_py.gui.pages.overview import operating_states
from trudi_py.gui.widgets import local_date_text, local_time_text
from trudi_py.model.times import to_berlin


def test_operating_states_are_plain_labels(offline) -> None:  # noqa: ANN001
    """One plain-text label per cell (a rich-text <table> in one word-wrapped label cost
    ~9 ms per height-for-width and ~100 ms per relayout of the page)."""
    page = offline.overview_page
    cells = page.states.findChildren(QLabel)
    texts = [c.text() for c in cells]
    for name, what, todo in operating_states():
        assert what in texts and todo in texts
        assert any(name in t for t in texts)
    assert all(c.textFormat() == Qt.TextFormat.PlainText and c.wordWrap() for c in cells)
    assert not any("<table" in t for t in texts)
    names = [c for c in cells if c.font().bold()]
    assert len(names) == len(operating_states())


def test_dates_formatted_as_strftime_did(qapp) -> None:  # noqa: ANN001
    """Hand-made formatting gives the same text as strftime, across both DST changes."""
    moment = datetime(2025, 3, 29, 22, 0, 7, tzinfo=UTC)
    language = i18n.current_language()
    try:
        for lang, date_fmt in (("de", "%d.%m.%Y"), ("en", "%Y-%m-%d")):
            i18n.install(qapp, lang)
            for step in range(0, 60 * 24 * 400, 97):  # minutes over 400 days
                m = moment + timedelta(minutes=step)
                local = to_berlin(m)
                assert local_date_text(m) == local.strftime(date_fmt)
                assert local_time_text(m) == local.strftime(date_fmt + " %H:%M:%S")
                assert local_time_text(m, False) == local.strftime(date_fmt + " %H:%M")
    finally:
        i18n.install(qapp, language)


def test_pages_painted_once_at_start_without_being_shown(qtbot, offline) -> None:  # noqa: ANN001
    window = offline
    shown = window.current_page_key()
    hidden = [p for p in window.pages.values() if p is not window.stack.currentWidget()]
    hidden += [window.busy]  # the status bar's busy indicator: hidden until a job runs
    painted: list[object] = []
    originals = {}
    for page in hidden:  # count each page's grab by wrapping it on the instance
        originals[page] = page.grab
        page.grab = lambda p=page: (painted.append(p), originals[p]())[1]  # type: ignore
    warm_pages(window)
    qtbot.waitUntil(lambda: len(painted) == len(hidden), timeout=20000)
    assert set(painted) == set(hidden)
    assert window.current_page_key() == shown
    assert all(not p.isVisible() for p in hidden)
    assert all(p.size() == window.stack.size() for p in hidden if p is not window.busy)


def test_step_outline_drawn_as_matplotlib_stairs_draws_it() -> None:
    """The charts' step outlines (added without Axes.add_patch's per-segment limit walk)
    give the same pixels as ``ax.stairs(fill=True)`` — with feed-in below zero."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from trudi_py.gui.chart_draw import _stairs

    rng = np.random.default_rng(7)
    values = rng.uniform(0, 500, 400)
    edges = np.arange(401, dtype=float) + 20000.0
    images = []
    for fast in (False, True):
        fig = Figure(figsize=(6, 3), dpi=80)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        for sign, color in ((1.0, "#1f77b4"), (-1.0, "#2ca02c")):
            if fast:
                _stairs(ax, sign * values, edges, alpha=0.55, color=color, label=color)
            else:
                ax.stairs(sign * values, edges, fill=True, alpha=0.55, color=color,
                          label=color)
        ax.legend()
        fig.canvas.draw()
        images.append(np.asarray(fig.canvas.buffer_rgba()).copy())  # type: ignore[attr-defined]
        assert ax.get_ylim()[0] < -400 and ax.get_ylim()[1] > 400
        assert len(ax.get_legend().get_patches()) == 2
    assert np.array_equal(images[0], images[1])


def test_hidden_page_follows_a_turn_later_or_when_shown(qtbot) -> None:  # noqa: ANN001
    """A hidden page takes a new source after a delay (only the latest), a shown one at
    once, and a page shown while a source is pending takes it before it is painted."""
    from PySide6.QtWidgets import QWidget

    from trudi_py.gui.follow import SourceFollower
    holder = QWidget()
    qtbot.addWidget(holder)
    page = QWidget(holder)
    page.hide()
    holder.show()
    applied: list[object] = []
    follower = SourceFollower(page, applied.append, 50)
    follower.changed("first")
    follower.changed("second")
    assert applied == [] and follower.pending
    qtbot.waitUntil(lambda: applied == ["second"], timeout=5000)
    assert not follower.pending
    follower.changed(None)  # disconnected: None is a source change too
    page.show()  # the Show event applies it before the first paint
    assert applied == ["second", None]
    follower.changed("third")
    assert applied == ["second", None, "third"]  # visible: at once
    qtbot.wait(120)
    assert applied == ["second", None, "third"]  # nothing applied twice


def test_operating_states_folded_until_asked_or_a_problem(qtbot, connected) -> None:  # noqa: ANN001
    """The states' help is folded (its 18 wrapped labels cost every paint of the page); the
    toggle unfolds it, and a state word with a serious flag unfolds it by itself."""
    import dataclasses

    from trudi_py.model.status import reverse32
    page = connected.overview_page
    assert page.states.isVisible() and not page.states_details.isVisible()
    page.states_toggle.click()
    assert page.states_details.isVisible()
    page.states_toggle.click()
    assert not page.states_details.isVisible()
    snapshot = connected.session.snapshot
    fatal = f"{reverse32(0x100 | 0x5):08x}"  # identification pattern + fatal error
    info = dataclasses.replace(snapshot.info, state=fatal)
    assert "fatal-error" in info.state_flags
    page.show_snapshot(dataclasses.replace(snapshot, info=info))
    assert page.states_details.isVisible() and page.states_toggle.isChecked()


def test_a_long_status_text_does_not_widen_the_window(qtbot, offline) -> None:  # noqa: ANN001
    """The readings page's status line elides instead of raising the window's minimum width
    (it did by ~60 px for "Diagramme aus der Energie je Tag…": the window grew and every
    chart drawn before was drawn again)."""
    offline.show_page("readings")
    page = offline.readings_page
    page.summary.setText("")
    qtbot.wait(100)
    before = offline.minimumSizeHint().width()
    long_text = "Diagramme aus der Energie je Tag im Archiv; " * 8
    page.summary.setText(long_text)
    qtbot.wait(100)  # the layout request is handled
    assert offline.minimumSizeHint().width() == before
    page.summary.resize(200, page.summary.height())
    page.summary.repaint()
    assert page.summary.toolTip() == long_text  # cut on screen, whole on hover
    page.summary.setText("12 Werte")
    page.summary.repaint()
    assert page.summary.toolTip() == ""
