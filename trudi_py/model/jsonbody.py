"""A JSON object from an answer body (the stdlib path: exact integers, bounded depth)."""

from __future__ import annotations

import json
from typing import Any

from trudi_py.errors import MalformedAnswer


def parse_json(data: bytes, method: str) -> dict[str, Any]:
    """A JSON object from an answer body, or a clear error (HTML pages named as such)."""
    head = data.lstrip()[:200].lower()
    if head.startswith(b"<"):
        raise MalformedAnswer(f"The gateway answered '{method}' with an HTML page instead of "
                              f"JSON.", f"Das Gateway hat '{method}' mit einer HTML-Seite statt "
                              f"JSON beantwortet.")
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise MalformedAnswer(f"The gateway's answer to '{method}' is not valid JSON.",
                              f"Die Antwort des Gateways auf '{method}' ist kein gültiges "
                              f"JSON.") from None
    if not isinstance(value, dict):
        raise MalformedAnswer(f"The gateway's answer to '{method}' is not a JSON object.",
                              f"Die Antwort des Gateways auf '{method}' ist kein JSON-Objekt.")
    return value
