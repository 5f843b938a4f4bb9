"""Start: the three jobs a household comes with, each led step by step (the sidebar stays).

A chosen job is kept in a :class:`Guide` (which steps are done, which is next). The start
page's cards and the :class:`GuideBar` above every page show it: done steps ticked, the next
step marked, and one button that goes to the page where the household has to act next.
The guide lives on the session, so it survives a language switch (a new window).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trudi_py.gui.session import Session
from trudi_py.gui.widgets import html_escape, page_layout

#: the jobs, each a tuple of (page where the household acts) per step
JOB_STEPS: dict[str, tuple[str, ...]] = {
    "view": ("connect", "readings", "readings"),
    "check": ("connect", "verify", "verify"),
    "backup": ("connect", "archive", "archive"),
}


@dataclass(frozen=True)
class Step:
    """One step of a job: a long text (card), a short title (strip) and what to do where."""

    text: str
    title: str
    hint: str  # what exactly to click, shown in the guide strip when this step is next
    page: str  # the page where the household does it


@dataclass(frozen=True)
class Job:
    """One of the three jobs of the start page."""

    key: str  # "view", "check", "backup"
    title: str
    purpose: str
    steps: tuple[Step, ...]
    needs_gateway: bool  # True: an archive cannot do it (backup needs the live gateway)


class Guide(QObject):
    """Which job the household follows and which of its steps are done (no texts here)."""

    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName("jobGuide")
        self.session = session
        self.active = ""
        #: per job the steps after the first that are done (the first is the data source)
        self.done: dict[str, set[int]] = {key: set() for key in JOB_STEPS}
        session.state_changed.connect(lambda _s: self.changed.emit())

    @staticmethod
    def of(session: Session) -> Guide:
        """The session's guide (created on first use)."""
        found = session.findChild(Guide, "jobGuide")
        return found if isinstance(found, Guide) else Guide(session)

    def has_source(self, job: str) -> bool:
        """Step 1: connected (any job) or an archive opened (not enough for the backup)."""
        state = self.session.state
        return state == "connected" or (state in ("archive", "history") and job != "backup")

    def is_done(self, job: str, step: int) -> bool:
        """Step ``step`` (0-based) of ``job`` is done."""
        if step == 0:
            return self.has_source(job)
        return self.has_source(job) and step in self.done[job]

    def next_step(self, job: str) -> int | None:
        """The first step not done, or None when the job is complete."""
        return next((n for n in range(len(JOB_STEPS[job])) if not self.is_done(job, n)), None)

    def next_page(self, job: str) -> str:
        """The page of the next step (the result page when everything is done)."""
        step = self.next_step(job)
        pages = JOB_STEPS[job]
        return pages[step] if step is not None else pages[-1]

    def choose(self, job: str) -> str:
        """Follow ``job`` from now on; returns the page to show."""
        self.active = job
        self.changed.emit()
        return self.next_page(job)

    def finish(self) -> None:
        """Stop following a job (the strip disappears)."""
        self.active = ""
        self.changed.emit()

    def mark(self, job: str, *steps: int) -> None:
        """Steps of ``job`` are done (e.g. the check has started, the archive is written)."""
        self.done[job].update(steps)
        self.changed.emit()

    def source_replaced(self) -> None:
        """A new gateway or archive: what was done with the old data counts no more."""
        for steps in self.done.values():
            steps.clear()
        self.changed.emit()


def build_jobs() -> tuple[Job, ...]:
    """The three jobs with their texts in the current language (context ``Jobs``)."""
    connect = Step(
        QCA.translate("Jobs", "Connect to the gateway or open an archive"),
        QCA.translate("Jobs", "Connect"),
        QCA.translate("Jobs", "Enter the address and your access data and click »Connect« "
                              "— or click »Open archive…«."),
        "connect")
    view = (
        connect,
        Step(QCA.translate("Jobs", "Choose contract and period"),
             QCA.translate("Jobs", "Choose period"),
             QCA.translate("Jobs", "Choose contract, kind of values and period, then click "
                                   "»Load«."),
             "readings"),
        Step(QCA.translate("Jobs", "Look at the values and charts"),
             QCA.translate("Jobs", "Look at the values"),
             QCA.translate("Jobs", "Scroll through the table or choose a chart above it."),
             "readings"))
    check = (
        connect,
        Step(QCA.translate("Jobs", "Start the check (takes a few minutes)"),
             QCA.translate("Jobs", "Start the check"),
             QCA.translate("Jobs", "Click »Check now«."),
             "verify"),
        Step(QCA.translate("Jobs", "Read the result for each billing period"),
             QCA.translate("Jobs", "Read the result"),
             QCA.translate("Jobs", "Each row says in one sentence what was found for a "
                                   "billing period."),
             "verify"))
    backup = (
        Step(QCA.translate("Jobs", "Connect to the gateway"),
             QCA.translate("Jobs", "Connect"),
             QCA.translate("Jobs", "Enter the address and your access data and click "
                                   "»Connect« (an opened archive cannot be saved again)."),
             "connect"),
        Step(QCA.translate("Jobs", "Choose where to save the archive file"),
             QCA.translate("Jobs", "Choose the file"),
             QCA.translate("Jobs", "Click »Archive everything…« and choose where to save "
                                   "the file."),
             "archive"),
        Step(QCA.translate("Jobs", "Wait until everything is saved (can be continued)"),
             QCA.translate("Jobs", "Wait until saved"),
             QCA.translate("Jobs", "Wait until the archive is complete; an interrupted "
                                   "archive can be continued."),
             "archive"))
    return (
        Job("view", QCA.translate("Jobs", "View my values"),
            QCA.translate("Jobs", "See your consumption and feed-in in kWh: per 15 minutes, "
                                  "day and month, as a table and as charts."),
            view, False),
        Job("check", QCA.translate("Jobs", "Check my bill"),
            QCA.translate("Jobs", "Recompute the tariff registers of every billing period "
                                  "from your 15-minute values and compare them with the "
                                  "gateway."),
            check, False),
        Job("backup", QCA.translate("Jobs", "Save everything before removal"),
            QCA.translate("Jobs", "Before the gateway is replaced: keep all your values and "
                                  "the logbook in one archive file that can be checked years "
                                  "later."),
            backup, True),
    )


def _step_lines(guide: Guide, job: Job, short: bool) -> list[str]:
    """Rich-text steps: ✔ done, ➜ and bold for the next one, a number otherwise."""
    upcoming = guide.next_step(job.key)
    lines = []
    for n, step in enumerate(job.steps):
        text = html_escape(step.title if short else step.text)
        if guide.is_done(job.key, n):
            lines.append(f"<span style='color:#1d6b1a'>✔</span> {text}")
        elif n == upcoming:
            lines.append(f"<b>➜ {n + 1}. {text}</b>")
        else:
            lines.append(f"{n + 1}. {text}")
    return lines


class StartPage(QWidget):
    """Three cards; a card's button starts its guide (``job_chosen``) or goes on with it."""

    job_chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.session = session
        self.guide = Guide.of(session)
        layout, _ = page_layout(self, self.tr("What would you like to do?"))
        intro = QLabel(self.tr("Choose one of the three jobs; trudi_py leads you through its "
                               "steps. The list on the left opens every page directly."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.jobs = build_jobs()
        self.buttons: dict[str, QPushButton] = {}
        self.step_labels: dict[str, QLabel] = {}
        for col, job in enumerate(self.jobs):
            card = QFrame()
            card.setObjectName(f"job-{job.key}")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setStyleSheet(f"QFrame#job-{job.key} {{ border: 1px solid #9aa7b4; "
                               "border-radius: 6px; background: palette(base); }")
            cl = QVBoxLayout(card)
            title = QLabel(f"<b style='font-size:13pt'>{html_escape(job.title)}</b>")
            purpose = QLabel(job.purpose)
            purpose.setWordWrap(True)
            steps = QLabel()
            steps.setObjectName(f"steps-{job.key}")
            steps.setWordWrap(True)
            steps.setTextFormat(Qt.TextFormat.RichText)
            button = QPushButton(self.tr("Start"))
            button.setObjectName(f"start-{job.key}")
            button.clicked.connect(lambda _c=False, k=job.key: self.job_chosen.emit(k))
            for w in (title, purpose, steps):
                cl.addWidget(w)
            cl.addStretch(1)
            cl.addWidget(button)
            grid.addWidget(card, 0, col)
            grid.setColumnStretch(col, 1)
            self.buttons[job.key] = button
            self.step_labels[job.key] = steps
        layout.addLayout(grid)
        layout.addStretch(1)
        self.guide.changed.connect(self.update_steps)
        self.update_steps()

    def activate(self) -> None:
        """Refresh the ticks when the page is shown."""
        self.update_steps()

    def update_steps(self) -> None:
        """Tick the done steps, mark the next one; the button says where it leads."""
        for job in self.jobs:
            self.step_labels[job.key].setText("<br>".join(_step_lines(self.guide, job,
                                                                      short=False)))
            upcoming = self.guide.next_step(job.key)
            if upcoming is None:
                text = self.tr("Show the result")
            elif upcoming == 0:
                text = self.tr("Start")
            else:
                text = self.tr("Continue: {0}").format(job.steps[upcoming].title)
            self.buttons[job.key].setText(text)


class GuideBar(QFrame):
    """The strip above every page while a job is followed: its steps and a button to the
    page of the next step. ``go`` asks the window to show a page."""

    go = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideBar")
        self.setStyleSheet("QFrame#guideBar { background: #e6f0fb; "
                           "border-bottom: 1px solid #9aa7b4; }")
        self.guide = Guide.of(session)
        self.jobs = {job.key: job for job in build_jobs()}
        self.page = ""  # the page shown now (no "go to" button for the page one is on)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.steps = QLabel()
        self.steps.setObjectName("guideSteps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.hint = QLabel()
        self.hint.setObjectName("guideHint")
        self.hint.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.steps)
        text.addWidget(self.hint)
        layout.addLayout(text, 1)
        self.next_button = QPushButton()
        self.next_button.setObjectName("guideNext")
        self.next_button.clicked.connect(self._go_next)
        layout.addWidget(self.next_button)
        self.close_button = QToolButton()
        self.close_button.setObjectName("guideClose")
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("End the guide (the pages stay as they are)"))
        self.close_button.clicked.connect(self.guide.finish)
        layout.addWidget(self.close_button)
        self.guide.changed.connect(self.refresh)
        self.refresh()

    def _go_next(self) -> None:
        job = self.guide.active
        if not job:
            return
        if self.guide.next_step(job) is None:
            self.guide.finish()
        self.go.emit(self.guide.next_page(job))

    def set_page(self, page: str) -> None:
        """The window shows ``page`` now."""
        self.page = page
        self.refresh()

    def refresh(self) -> None:
        """Show the followed job's steps and what to do next (hidden without a job)."""
        job = self.jobs.get(self.guide.active)
        self.setVisible(job is not None)
        if job is None:
            return
        self.steps.setText(f"<b>{html_escape(job.title)}:</b> &nbsp; " +
                           " &nbsp;›&nbsp; ".join(_step_lines(self.guide, job, short=True)))
        upcoming = self.guide.next_step(job.key)
        if upcoming is None:
            self.hint.setText(self.tr("Done — all steps of this job are complete."))
            self.next_button.setText(self.tr("Finish"))
            self.next_button.show()
        else:
            step = job.steps[upcoming]
            self.hint.setText(self.tr("Next step: {0}").format(step.hint))
            self.next_button.setText(self.tr("Go to: {0}").format(step.title))
            self.next_button.setVisible(step.page != self.page)


def attach_guide(window: QWidget, layout: QVBoxLayout) -> GuideBar:
    """Put the guide strip on top of ``layout`` and let the pages tell the guide when a step
    is done. ``window`` is the main window (``session``, ``show_page`` and the pages)."""
    session: Session = window.session  # type: ignore[attr-defined]
    guide = Guide.of(session)
    bar = GuideBar(session)
    layout.insertWidget(0, bar)
    bar.go.connect(window.show_page)  # type: ignore[attr-defined]
    window.nav.currentRowChanged.connect(  # type: ignore[attr-defined]
        lambda _row: bar.set_page(window.current_page_key()))  # type: ignore[attr-defined]
    window.readings_page.loaded.connect(  # type: ignore[attr-defined]
        lambda: guide.mark("view", 1, 2))
    window.verify_page.started.connect(  # type: ignore[attr-defined]
        lambda: guide.mark("check", 1))
    window.verify_page.verified.connect(  # type: ignore[attr-defined]
        lambda result: guide.mark("check", 1, 2) if isinstance(result, dict) else None)
    window.archive_page.archive_started.connect(  # type: ignore[attr-defined]
        lambda: guide.mark("backup", 1))
    window.archive_page.archive_finished.connect(  # type: ignore[attr-defined]
        lambda result: None if isinstance(result, BaseException)
        else guide.mark("backup", 1, 2))
    return bar
