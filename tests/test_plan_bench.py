"""The planner's benchmark runs, and measures what docs/benchmarks.md says it measures."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "plan_bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plan_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plan_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_a_small_run_reports_each_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["--count", "300", "--passes", "2", "--warm", "20", "--no-speed"]) == 0
    out = capsys.readouterr().out
    found = re.search(r"about ([\d.]+) steps each", out)
    assert found is not None
    steps = float(found.group(1))
    # The mix of docs/benchmarks.md: reflection, thank-yous, LinkedIn, the chase.
    assert 6 <= steps <= 14
    passes = re.findall(r"^pass (\d): [\d.]+ s CPU, ([\d,]+) interviews/s$", out, re.M)
    assert [number for number, _ in passes] == ["1", "2"]
    assert all(int(rate.replace(",", "")) > 0 for _, rate in passes)
    assert "sum(range(1000))" not in out  # --no-speed: nothing timed but the planner


def test_the_records_are_the_mix_the_docs_describe() -> None:
    import random

    bench = _bench()
    rng = random.Random(5)
    records = [bench.random_record(rng, i)[0] for i in range(2000)]
    panels = [len(r.interviews[0].interviewers) for r in records]
    assert set(panels) == {1, 2, 3, 4, 5, 6}
    assert 0.35 <= panels.count(1) / len(panels) <= 0.45  # one interviewer in 40%
    earlier = sum(len(r.interviews) == 2 for r in records) / len(records)
    assert 0.15 <= earlier <= 0.25  # a fifth with an earlier round
    own = [p.contact.timezone for r in records for p in r.interviews[0].interviewers]
    assert 0.10 <= sum(z is not None for z in own) / len(own) <= 0.20  # 15% own zone
    for record, now in (bench.random_record(rng, i) for i in range(200)):
        assert now >= record.interviews[0].end  # "now" from the end on
        assert all(done.at <= now for done in record.done)


def test_runs_start_from_empty_caches_and_report_the_best_first_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--count", "200", "--runs", "3", "--passes", "1", "--warm", "10", "--no-speed"]
    assert _bench().main(argv) == 0
    out = capsys.readouterr().out
    found = re.findall(r"^run \d pass 1: .*?([\d,]+) interviews/s", out, re.M)
    firsts = [int(rate.replace(",", "")) for rate in found]
    assert len(firsts) == 3
    best = re.search(r"best of 3 runs: ([\d,]+) interviews/s", out)
    assert best is not None and int(best.group(1).replace(",", "")) == max(firsts)


def test_clearing_the_caches_empties_them_and_changes_no_plan() -> None:
    import random

    from followup.domain import business
    from followup.domain.policy import clear_caches, plan, preset

    bench = _bench()
    rng = random.Random(9)
    jobs = [bench.random_record(rng, i) for i in range(300)]
    cfg = preset("default")
    before = [plan(record, now, cfg) for record, now in jobs]
    assert business._holidays.cache_info().currsize > 0
    clear_caches()
    assert business._holidays.cache_info().currsize == 0
    assert business.at.cache_info().currsize == 0
    assert [plan(record, now, cfg) for record, now in jobs] == before
