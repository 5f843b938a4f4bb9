"""Honest verdicts: every check ends as *right*, *wrong* or *not checkable — and why*.

A :class:`Verdict` is what the CLI, the GUI's Prüfung page and report.html show for one
check. The exit code of ``verify`` follows from them (:func:`exit_code`): 7 if anything
checked is wrong, else 8 with ``--strict`` if something was not checkable, else 0 (with the
not-checkable ones shown as a visible note).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trudi_py.i18n import Message, msg

RIGHT, WRONG, NOT_CHECKABLE = "right", "wrong", "not-checkable"
OUTCOMES = (RIGHT, WRONG, NOT_CHECKABLE)
EXIT_WRONG, EXIT_NOT_CHECKABLE_STRICT = 7, 8

_OUTCOME_TEXT = {RIGHT: msg("checked and right"), WRONG: msg("checked and WRONG"),
                 NOT_CHECKABLE: msg("not checkable")}


@dataclass(frozen=True)
class Verdict:
    """One check: what was checked, its outcome, why, and the evidence used (translatable).

    ``strict_counts`` False marks a check nobody can do (e.g. per-reading signatures, whose
    rule is not published): it is shown, but ``--strict`` does not turn it into exit 8.
    """

    subject: Message
    outcome: str  # right | wrong | not-checkable
    reason: Message | None = None
    evidence: tuple[Message, ...] = ()
    strict_counts: bool = True

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown verdict outcome {self.outcome!r}")

    def outcome_text(self, lang: str = "en") -> str:
        """``checked and right`` / ``checked and WRONG`` / ``not checkable`` in ``lang``."""
        return _OUTCOME_TEXT[self.outcome].text(lang)

    def text(self, lang: str = "en") -> str:
        """``<subject>: <outcome> — <reason> (evidence: …)``."""
        head = f"{self.subject.text(lang)}: {self.outcome_text(lang)}"
        reason = self.reason.text(lang) if self.reason is not None else ""
        if reason:
            head += f" — {reason}"
        evidence = self.evidence_text(lang)
        if evidence:
            head += msg(" (evidence: {evidence})", evidence=evidence).text(lang)
        return head

    def evidence_text(self, lang: str = "en") -> str:
        """The evidence used, ``; ``-separated, in ``lang``."""
        return "; ".join(e.text(lang) for e in self.evidence)

    def to_dict(self) -> dict[str, object]:
        """The JSON object (English texts)."""
        return {"subject": self.subject.text("en"), "outcome": self.outcome,
                "reason": self.reason.text("en") if self.reason is not None else "",
                "evidence": [e.text("en") for e in self.evidence]}


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
    return msg("{right} checked and right, {wrong} checked and wrong, {not_checkable} not "
               "checkable", right=n[RIGHT], wrong=n[WRONG],
               not_checkable=n[NOT_CHECKABLE]).text(lang)


def verdicts_html(verdicts: Iterable[Verdict], lang: str = "de") -> str:
    """An HTML section (for report pages) listing every verdict with its outcome and why."""
    from html import escape
    verdicts = list(verdicts)
    css = {RIGHT: "ok", WRONG: "bad", NOT_CHECKABLE: "note"}
    rows = "".join(
        f"<tr><td>{escape(v.subject.text(lang))}</td>"
        f"<td class='{css[v.outcome]}'>{escape(v.outcome_text(lang))}</td>"
        f"<td>{escape(v.reason.text(lang) if v.reason is not None else '')}</td>"
        f"<td>{escape(v.evidence_text(lang))}</td></tr>" for v in verdicts)
    head = "<tr>" + "".join(f"<th>{escape(m.text(lang))}</th>" for m in (
        msg("Check"), msg("Outcome"), msg("Why"), msg("Evidence"))) + "</tr>"
    title = msg("Verification").text(lang)
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
