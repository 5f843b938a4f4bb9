"""A JSON object from an answer body (the stdlib path: exact integers, bounded depth)."""

from __future__ import annotations

import json
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg


def parse_json(data: bytes, method: str) -> dict[str, Any]:
    """A JSON object from an answer body, or a clear error (HTML pages named as such)."""
    head = data.lstrip()[:200].lower()
    if head.startswith(b"<"):
        raise MalformedAnswer(msg("The gateway answered '{method}' with an HTML page instead of "
                                  "JSON.", method=method))
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise MalformedAnswer(msg("The gateway's answer to '{method}' is not valid JSON.",
                                  method=method)) from None
    if not isinstance(value, dict):
        raise MalformedAnswer(msg("The gateway's answer to '{method}' is not a JSON object.",
                                  method=method))
    return value
