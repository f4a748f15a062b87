"""record_builder/parallel.py: rendering shared among forked processes gives the same pages."""

from __future__ import annotations

import os
import sys
import time

import pytest
from support import ROOT

from record_builder import cli, layout, parallel
from record_builder.record import build_record
from record_builder.render import Pages
from record_builder.validate import load_and_check

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked, which needs Linux")


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory):
    """300 events: month pages of the timeline and continuation pages, as at scale."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_corpus import write_corpus

    root = tmp_path_factory.mktemp("parallel") / "project"
    write_corpus(root, events=300, seed=5)
    return root


def _slow(value):
    def job():
        time.sleep(0.005)  # long enough that every process gets some of the jobs
        return (value, os.getpid())
    return job


def test_results_come_back_in_job_order_from_every_process():
    results = parallel.run_jobs([_slow(i) for i in range(60)], workers=2)
    assert [value for value, _ in results] == list(range(60))
    assert len({pid for _, pid in results}) == 2, "the child process took none of the jobs"


def test_a_failing_job_in_a_worker_is_reported_with_its_traceback():
    parent = os.getpid()

    def job():
        time.sleep(0.005)
        if os.getpid() != parent:
            raise ValueError("broken template")
        return 1

    with pytest.raises(RuntimeError, match=r"(?s)render worker 1 failed:.*ValueError: broken template"):
        parallel.run_jobs([job] * 40, workers=2)


def test_workers_are_chosen_from_the_amount_of_work_unless_asked():
    assert parallel.workers_for(10, None) == 1  # a small record: forking would cost more than it saves
    assert parallel.workers_for(100_000, None) == parallel.available_cores()
    assert parallel.workers_for(10, 3) == 3


def test_pages_rendered_by_two_processes_equal_pages_rendered_by_one(synthetic_corpus, monkeypatch):
    monkeypatch.setattr(layout, "LIST_LIMIT", 20)  # continuation pages, as at 10,000 events
    monkeypatch.setattr(layout, "LIST_PAGE_SIZE", 30)
    checked, problems = load_and_check(synthetic_corpus / "seeds", synthetic_corpus)
    assert problems == []
    record = build_record(checked)
    serial = Pages(record).all(workers=1)
    shared = Pages(record).all(workers=2)
    assert any("--" in path for path in serial) and "docs/timeline.md" in serial  # continuation and month pages
    assert any(path.startswith("docs/timeline-") for path in serial)
    assert list(shared) == list(serial)
    assert shared == serial


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(["--jobs", value])
    assert exit_info.value.code == 2
    assert f"expected a whole number of processes, 1 or more; got '{value}'" in capsys.readouterr().err
