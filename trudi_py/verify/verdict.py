"""Honest verdicts: every check ends as *right*, *wrong* or *not checkable — and why*.

A :class:`Verdict` is what the CLI, the GUI's Prüfung page and report.html show for one
check. The exit code of ``verify`` follows from them (:func:`exit_code`): 7 if anything
checked is wrong, else 8 with ``--strict`` if something was not checkable, else 0 (with the
not-checkable ones shown as a visible note).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RIGHT, WRONG, NOT_CHECKABLE = "right", "wrong", "not-checkable"
OUTCOMES = (RIGHT, WRONG, NOT_CHECKABLE)
EXIT_WRONG, EXIT_NOT_CHECKABLE_STRICT = 7, 8

_OUTCOME_TEXT = {
    "en": {RIGHT: "checked and right", WRONG: "checked and WRONG",
           NOT_CHECKABLE: "not checkable"},
    "de": {RIGHT: "geprüft und richtig", WRONG: "geprüft und FALSCH",
           NOT_CHECKABLE: "nicht prüfbar"},
}


@dataclass(frozen=True)
class Verdict:
    """One check: what was checked, its outcome, why (en/de), and the evidence used.

    ``strict_counts`` False marks a check nobody can do (e.g. per-reading signatures, whose
    rule is not published): it is shown, but ``--strict`` does not turn it into exit 8.
    """

    subject: str
    subject_de: str
    outcome: str  # right | wrong | not-checkable
    reason: str = ""
    reason_de: str = ""
    evidence: tuple[str, ...] = ()
    strict_counts: bool = True
    evidence_de: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown verdict outcome {self.outcome!r}")

    def outcome_text(self, lang: str = "en") -> str:
        """right / wrong / not checkable in the language lang."""
        return _OUTCOME_TEXT["de" if lang.startswith("de") else "en"][self.outcome]

    def text(self, lang: str = "en") -> str:
        """``<subject>: <outcome> — <reason> (evidence: …)``."""
        de = lang.startswith("de")
        head = f"{self.subject_de if de else self.subject}: {self.outcome_text(lang)}"
        reason = (self.reason_de or self.reason) if de else self.reason
        if reason:
            head += f" — {reason}"
        evidence = self.evidence_text(lang)
        if evidence:
            head += (" (Grundlage: " if de else " (evidence: ") + evidence + ")"
        return head

    def evidence_text(self, lang: str = "en") -> str:
        """The evidence used, ``; ``-separated, in ``lang``."""
        de = lang.startswith("de")
        return "; ".join(self.evidence_de if de and self.evidence_de else self.evidence)

    def to_dict(self) -> dict[str, object]:
        """The JSON object of the verdict."""
        return {"subject": self.subject, "outcome": self.outcome, "reason": self.reason,
                "evidence": list(self.evidence)}


def exit_code(verdicts: Iterable[Verdict], strict: bool = False) -> int:
    """7 if any verdict is wrong; 8 with ``strict`` if any (counting) one is not checkable;
    else 0."""
    verdicts = list(verdicts)
    if any(v.outcome == WRONG for v in verdicts):
        return EXIT_WRONG
    if strict and any(v.outcome == NOT_CHECKABLE and v.strict_counts for v in verdicts):
        return EXIT_NOT_CHECKABLE_STRICT
    return 0


def summary(verdicts: Iterable[Verdict], lang: str = "en") -> str:
    """One line: how many checks were right, wrong, not checkable."""
    verdicts = list(verdicts)
    n = {o: sum(1 for v in verdicts if v.outcome == o) for o in OUTCOMES}
    if lang.startswith("de"):
        return (f"{n[RIGHT]} geprüft und richtig, {n[WRONG]} geprüft und falsch, "
                f"{n[NOT_CHECKABLE]} nicht prüfbar")
    return (f"{n[RIGHT]} checked and right, {n[WRONG]} checked and wrong, "
            f"{n[NOT_CHECKABLE]} not checkable")


def verdicts_html(verdicts: Iterable[Verdict], lang: str = "de") -> str:
    """An HTML section (for report pages) listing every verdict with its outcome and why."""
    from html import escape
    verdicts = list(verdicts)
    de = lang.startswith("de")
    css = {RIGHT: "ok", WRONG: "bad", NOT_CHECKABLE: "note"}
    rows = "".join(
        f"<tr><td>{escape(v.subject_de if de else v.subject)}</td>"
        f"<td class='{css[v.outcome]}'>{escape(v.outcome_text(lang))}</td>"
        f"<td>{escape((v.reason_de or v.reason) if de else v.reason)}</td>"
        f"<td>{escape(v.evidence_text(lang))}</td></tr>" for v in verdicts)
    head = ("<tr><th>Prüfung</th><th>Ergebnis</th><th>Grund</th><th>Grundlage</th></tr>" if de
            else "<tr><th>Check</th><th>Outcome</th><th>Why</th><th>Evidence</th></tr>")
    title = "Prüfung" if de else "Verification"
    return (f"<h2>{title}</h2><p>{escape(summary(verdicts, lang))}</p>"
            f"<table>{head}{rows}</table>")


def verdicts_page(verdicts: Iterable[Verdict], title: str, lang: str = "de") -> str:
    """A standalone HTML page with :func:`verdicts_html` (``verify X.zip --html FILE``)."""
    from html import escape
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{escape(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
            "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px}"
            ".bad{color:#a00;font-weight:bold}.ok{color:#070;font-weight:bold}"
            ".note{color:#855;font-style:italic}</style></head><body>"
            f"<h1>{escape(title)}</h1>{verdicts_html(verdicts, lang)}</body></html>")
