"""Property tests: no input makes a parser raise anything but our own error types."""

from __future__ import annotations

import contextlib
import json

from helpers import FIELD_ANSWERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trudi_py.errors import TrudiError
from trudi_py.m2m.client import parse_json, userid_from_location
from trudi_py.model import GatewayInfo, LogAnswer, ReadingsAnswer, UsagePointInfo, parse_user_info
from trudi_py.model.fields import parse_int
from trudi_py.model.times import parse_optional_time, parse_time

FIELD = FIELD_ANSWERS
EXAMPLES = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in FIELD.glob("*.json")}
PARSERS = [GatewayInfo.from_json, parse_user_info, UsagePointInfo.from_json,
           ReadingsAnswer.from_json, LogAnswer.from_json]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["", "-1", "30", "true", "0x1f",
                                                           "2026-01-01T00:00:00Z", "+1:00"]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)


def only_our_errors(func, value) -> None:
    with contextlib.suppress(TrudiError):
        func(value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_gives_only_our_errors(value) -> None:
    for parser in PARSERS:
        only_our_errors(parser, value)
        for key in ("smgw-info", "user-info", "usage-point-info", "readings", "log"):
            only_our_errors(parser, {key: value})


def _mutations(doc):
    """Every path in a document, to be replaced by a random value."""
    if isinstance(doc, dict):
        for key, child in doc.items():
            yield (key,)
            for rest in _mutations(child):
                yield (key, *rest)
    elif isinstance(doc, list):
        for i, child in enumerate(doc):
            yield (i,)
            for rest in _mutations(child):
                yield (i, *rest)


def _replace(doc, path, value):
    doc = json.loads(json.dumps(doc))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_field_of_real_answers_with_wrong_types(data) -> None:
    name = data.draw(st.sampled_from(sorted(EXAMPLES)))
    doc = EXAMPLES[name]
    paths = list(_mutations(doc))
    path = data.draw(st.sampled_from(paths))
    mutated = _replace(doc, path, data.draw(json_values))
    for parser in PARSERS:
        only_our_errors(parser, mutated)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_time_and_number_parsers(text: str) -> None:
    only_our_errors(parse_time, text)
    only_our_errors(parse_optional_time, text)
    only_our_errors(lambda t: parse_int(t, "x"), text)
    only_our_errors(userid_from_location, text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_answer_bodies(data: bytes) -> None:
    only_our_errors(lambda d: parse_json(d, "smgw-info"), data)
