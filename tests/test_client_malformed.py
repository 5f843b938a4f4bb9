"""Broken and hostile answers give clear errors of our own, never a traceback."""

from __future__ import annotations

import json

import pytest
from helpers import settings_for

from trudi_py.errors import GatewayError, MalformedAnswer, TrudiError
from trudi_py.m2m import GatewayClient


def smgw_info_with(sim, status: int, body: bytes, times: int = 1) -> TrudiError:
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        sim.inject(status, body, times)
        with pytest.raises(TrudiError) as err:
            client.smgw_info()
    return err.value


def test_empty_body_retried_then_reported(sim) -> None:
    err = smgw_info_with(sim, 200, b"", times=3)
    assert isinstance(err, GatewayError) and "empty" in str(err)
    assert len([r for r in sim.requests if r.method == "smgw-info"]) == 3  # 1 + 2 retries


def test_html_error_page(sim) -> None:
    err = smgw_info_with(sim, 200, b"<html><body>Internal Server Error</body></html>")
    assert isinstance(err, MalformedAnswer) and "HTML" in str(err)


def test_garbage_json(sim) -> None:
    err = smgw_info_with(sim, 200, b"{\"smgw-info\": [1, 2")
    assert isinstance(err, MalformedAnswer) and "not valid JSON" in str(err)


def test_wrong_types_name_the_field(sim) -> None:
    body = json.dumps({"method": "smgw-info", "smgw-info": {
        "smgw-id": ["x"], "firmware-info": {"version": "v1"}, "smgw-time": "2026-01-01T00:00:00",
        "smgw-state": "a0000000"}}).encode()
    err = smgw_info_with(sim, 200, body)
    assert isinstance(err, MalformedAnswer) and err.field == "smgw-info.smgw-id"
    assert "smgw-info.smgw-id" in err.text("de")


def test_json_array_instead_of_object(sim) -> None:
    err = smgw_info_with(sim, 200, b"[]")
    assert isinstance(err, MalformedAnswer)


def test_deeply_nested_json(sim) -> None:
    err = smgw_info_with(sim, 200, b"[" * 100_000 + b"]" * 100_000)
    assert isinstance(err, MalformedAnswer)


@pytest.mark.parametrize("status, words", [(400, "not understood"), (404, "unknown address"),
                                           (405, "wrong HTTP method")])
def test_refusals_in_plain_words(sim, status: int, words: str) -> None:
    err = smgw_info_with(sim, status, b"")
    assert isinstance(err, GatewayError) and err.status == status and words in str(err)
    assert err.exit_code == 6


def test_answer_over_the_size_limit_refused(sim) -> None:
    with GatewayClient(settings_for(sim, max_answer_bytes=10_000)) as client:
        client.connect()
        sim.inject(200, b"{\"x\": \"" + b"a" * 50_000 + b"\"}")
        with pytest.raises(MalformedAnswer) as err:
            client.smgw_info()
    assert "too large" in str(err.value)


def test_data_fetched_before_an_error_is_kept(sim) -> None:
    with GatewayClient(settings_for(sim)) as client:
        info = client.smgw_info()
        sim.inject(200, b"<html>")
        with pytest.raises(MalformedAnswer):
            client.user_info()
        assert client.user_info()  # the connection stays usable
    assert info.smgw_id == sim.data.smgw_id
