"""A damaged or hostile archive opened years later: ``verify`` terminates, never exits 1,
never balloons (issue 13). Each case failed before its fix: a loop forever, 3 GB of memory,
or "internal error" (exit 1)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_util import RSS_LIMIT_MB, brace_bomb, first, rewrite, run_verify

from trudi_py.archive.bounded import (
    MAX_JSON_DEPTH,
    MemberProblem,
    iter_member_lines,
    load_json,
    split_records,
)


@pytest.fixture(scope="module")
def clean(two_consumer_archive: Path) -> Path:
    """A clean, complete archive (two-consumers, consumer 2: TAF-1) that verifies with 0."""
    return two_consumer_archive


class _Lines:
    """Lines, then a bounded number of exhausted ``next`` calls: a splitter that keeps
    asking after the end (the old infinite loop) fails instead of hanging."""

    def __init__(self, lines: list[str]) -> None:
        self._it, self.after_end = iter(lines), 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            return next(self._it)
        except StopIteration:
            self.after_end += 1
            if self.after_end > 50:
                raise AssertionError("the splitter keeps reading after the end") from None
            raise


def test_unbalanced_quote_at_the_end_terminates() -> None:
    lines = _Lines(["a,b\n", 'c,"d\n', "e,f\n"])
    records = list(split_records(lines))
    assert records[0] == ("a,b\n", ["a", "b"])
    assert records[1][0] == 'c,"d\ne,f\n' and lines.after_end <= 2


def test_quoted_line_breaks_still_join() -> None:
    assert list(split_records(iter(['1,"x\n', 'y",2\n', "3,4\n"]))) == [
        ('1,"x\ny",2\n', ["1", "x\ny", "2"]), ("3,4\n", ["3", "4"])]


def test_json_depth_and_value_count_are_limited() -> None:
    with pytest.raises(MemberProblem, match="deeper"):
        load_json(b"[" * 200_000 + b"]" * 200_000, "raw/000009-readings.json")
    with pytest.raises(MemberProblem, match="values"):
        load_json(b"[" + b"{}," * 2_000_000 + b"{}]", "raw/000009-readings.json")
    assert load_json(b'{"a": "' + b"[" * 40 + b'"}', "x") == \
        {"a": "[" * 40}  # brackets inside strings do not count
    assert load_json(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH, "x") is not None


def test_a_line_without_end_is_refused_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.csv", b"h\n1\n2\n" + b"9" * (2 * 1024 * 1024))
    with zipfile.ZipFile(path) as zf:
        lines = iter_member_lines(zf, "x.csv")
        assert [next(lines), next(lines), next(lines)] == ["h\n", "1\n", "2\n"]
        with pytest.raises(MemberProblem) as info:
            next(lines)
    assert info.value.line == 4 and info.value.member == "x.csv"


def test_clean_archive_verifies(clean: Path) -> None:
    run = run_verify(clean)
    assert run.code == 0, run.stderr
    assert run.rss_mb < RSS_LIMIT_MB


def _problems(run) -> list[dict]:  # type: ignore[no-untyped-def]
    doc = json.loads(run.stdout)
    return [p for p in doc["archive"]["problems"] if p["severity"] == "error"] + \
        [f for f in doc["findings"] if f["severity"] == "error"]


def test_unbalanced_quote_in_a_readings_csv_is_a_finding(clean: Path, tmp_path: Path) -> None:
    bad = tmp_path / "quote.zip"
    rewrite(clean, bad, lambda n, d: [(n, d + b'0100010800ff,"unclosed\n'
                                       if n.startswith("readings/") else d)])
    run = run_verify(bad, timeout=60)
    assert run.code == 7, run.stderr
    assert any(p.get("path", "").startswith("readings/") for p in _problems(run))


def test_garbage_csv_row_names_member_and_line(clean: Path, tmp_path: Path) -> None:
    bad = tmp_path / "garbage.zip"
    name = ""

    def change(n: str, d: bytes):  # type: ignore[no-untyped-def]
        nonlocal name
        if n.startswith("readings/") and not name:
            name = n
            lines = d.split(b"\n")
            lines[3] = b"0100010800ff,x,notatime"
            d = b"\n".join(lines)
        return [(n, d)]

    rewrite(clean, bad, change)
    run = run_verify(bad)
    assert run.code == 7, run.stderr
    texts = json.dumps(_problems(run))
    assert name in texts and "line 4" in texts
    assert "internal error" not in run.stderr


def test_deeply_nested_json_is_a_finding(clean: Path, tmp_path: Path) -> None:
    bad = tmp_path / "deep.zip"
    rewrite(clean, bad, lambda n, d: [(n, b"[" * 200_000 + b"]" * 200_000
                                       if n == "smgw-info.json" else d)])
    run = run_verify(bad)
    assert run.code == 7, run.stderr
    assert "internal error" not in run.stderr
    assert any(p.get("path") == "smgw-info.json" for p in _problems(run))


def test_inflating_raw_answer_stays_small(clean: Path, tmp_path: Path) -> None:
    """A raw answer inflating to 120 MiB of ``{},{},…`` from a few hundred KB."""
    with zipfile.ZipFile(clean) as zf:
        target = first(zf.namelist(), "raw/", "-readings.json")

    bad = tmp_path / "bomb.zip"
    rewrite(clean, bad, lambda n, d: [(n, brace_bomb(120) if n == target else d)])
    with zipfile.ZipFile(bad) as zf:
        info = zf.getinfo(target)
    assert info.file_size > 100 * 1024 * 1024 and info.file_size / info.compress_size < 1000
    assert bad.stat().st_size < clean.stat().st_size + 1024 * 1024
    run = run_verify(bad)
    assert run.code == 7, run.stderr
    assert run.rss_mb < RSS_LIMIT_MB, run.rss_mb
    assert any(p.get("path") == target for p in _problems(run))


def test_one_giant_csv_line_stays_small(clean: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(clean) as zf:
        target = first(zf.namelist(), "readings/", ".csv")

    def giant(head: bytes) -> Iterator[bytes]:
        yield head
        for _ in range(200):
            yield b"9" * (1024 * 1024)

    bad = tmp_path / "line.zip"
    rewrite(clean, bad, lambda n, d: [(n, giant(d) if n == target else d)])
    run = run_verify(bad)
    assert run.code == 7, run.stderr
    assert run.rss_mb < RSS_LIMIT_MB, run.rss_mb
