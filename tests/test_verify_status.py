"""FNN status words against the TRuDI vectors of verify.md §B.3."""

from __future__ import annotations

import pytest

from trudi_py.model.status import StatusWord, ptb_status
from trudi_py.verify.inputs import IntervalReading


@pytest.mark.parametrize("word, gateway, meter, ptb", [
    ("A084000020000000", 0x2105, 0x4, 4),
    ("A004000020000000", 0x2005, 0x4, 2),
    ("A000000020000000", 0x0005, 0x4, 0),
    ("A008000020000000", 0x1005, 0x4, 1),
    ("A002000020000000", 0x4005, 0x4, 3),
])
def test_trudi_vectors(word: str, gateway: int, meter: int, ptb: int) -> None:
    status = StatusWord.parse(word)
    assert (status.gateway, status.meter) == (gateway, meter)
    assert status.ptb == ptb
    assert status.well_formed
    assert StatusWord(gateway, meter).render() == word


def test_real_conexa_word() -> None:
    status = StatusWord.parse("a0000000208c3800")
    assert status.gateway == 0x5
    assert status.meter == 0x001C3104
    assert status.well_formed
    assert ptb_status("a0000000208c3800") == 0


def test_old_trudi_model_word_is_status_0_but_malformed() -> None:
    status = StatusWord.parse("0000010500100504")
    assert status.ptb == 0 and not status.well_formed


def test_short_word_is_left_padded() -> None:
    assert StatusWord.parse("20000000") == StatusWord(0, 0x4)


@pytest.mark.parametrize("ptb, fnn, usable", [
    (None, None, True), (0, None, True), (1, None, True), (2, None, True), (3, None, False),
    (4, None, False), (None, "A002000020000000", False), (None, "A084000020000000", False),
    (0, "A002000020000000", False), (3, "A000000020000000", False),
    (None, "A004000020000000", True),
])
def test_usable(ptb: int | None, fnn: str | None, usable: bool) -> None:
    assert IntervalReading(1, None, status_ptb=ptb, status_fnn=fnn).usable is usable
