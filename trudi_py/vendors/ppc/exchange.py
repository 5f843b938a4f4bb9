"""One request to the PPC portal and its answer, as an archive keeps it (no credentials).

The portal speaks HTML forms, so an exchange names the form ``action`` ("login" for the
Digest GET of the welcome page) and the form fields sent. The session's ``tkn`` (a CSRF
token) is left out of the recorded fields; Digest headers and the ``session`` cookie are
never recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: Form fields never recorded (the session's CSRF token).
UNRECORDED_FIELDS = frozenset({"tkn"})


@dataclass(frozen=True)
class PpcExchange:
    """One HTTP request of a portal session; ``status`` None: no (complete) answer."""

    seq: int
    action: str  # "login", "logout" or the form action
    fields: dict[str, str]  # the form fields sent, tkn left out
    status: int | None
    body: bytes  # exactly the bytes received ("" when none)
    content_type: str
    filename: str  # the Content-Disposition file name of an export ("" otherwise)
    received: datetime
    elapsed_ms: float | None
    challenges: int = 0  # Digest 401 challenges answered inside this request
    error: str = ""  # why there is no answer


def recorded_fields(form: dict[str, str] | None) -> dict[str, str]:
    """The form fields an exchange keeps (``tkn`` removed)."""
    return {k: v for k, v in (form or {}).items() if k not in UNRECORDED_FIELDS}
