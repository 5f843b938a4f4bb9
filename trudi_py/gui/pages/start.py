"""Start: the three jobs a household comes with, each with its steps (the sidebar stays)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trudi_py.gui.session import Session
from trudi_py.gui.widgets import html_escape, page_layout


@dataclass(frozen=True)
class Job:
    key: str  # "view", "check", "backup"
    title: str
    purpose: str
    steps: tuple[str, ...]
    needs_gateway: bool  # True: an archive cannot do it (backup needs the live gateway)


class StartPage(QWidget):
    """Three cards; a card's button starts its guide (``job_chosen``)."""

    job_chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("What would you like to do?"))
        intro = QLabel(self.tr("Choose one of the three jobs; trudi_py leads you through its "
                               "steps. The list on the left opens every page directly."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.jobs = (
            Job("view", self.tr("View my values"),
                self.tr("See your consumption and feed-in in kWh: per 15 minutes, day and "
                        "month, as a table and as charts."),
                (self.tr("Connect to the gateway or open an archive"),
                 self.tr("Choose contract and period"),
                 self.tr("Look at the values and charts")), False),
            Job("check", self.tr("Check my bill"),
                self.tr("Recompute the tariff registers of every billing period from your "
                        "15-minute values and compare them with the gateway."),
                (self.tr("Connect to the gateway or open an archive"),
                 self.tr("Start the check (takes a few minutes)"),
                 self.tr("Read the result for each billing period")), False),
            Job("backup", self.tr("Save everything before removal"),
                self.tr("Before the gateway is replaced: keep all your values and the logbook "
                        "in one archive file that can be checked years later."),
                (self.tr("Connect to the gateway"),
                 self.tr("Choose where to save the archive file"),
                 self.tr("Wait until everything is saved (can be continued)")), True),
        )
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
        session.state_changed.connect(lambda _s: self.update_steps())
        self.update_steps()

    def activate(self) -> None:
        self.update_steps()

    def update_steps(self) -> None:
        """Tick the first step when it is done already (connected / archive opened)."""
        state = self.session.state
        for job in self.jobs:
            first_done = state == "connected" or (state in ("archive", "history")
                                                  and not job.needs_gateway)
            lines = []
            for n, step in enumerate(job.steps, start=1):
                mark = "✔" if n == 1 and first_done else f"{n}."
                lines.append(f"{mark} {html_escape(step)}")
            self.step_labels[job.key].setText("<br>".join(lines))
            self.buttons[job.key].setText(self.tr("Continue") if first_done
                                          else self.tr("Start"))
