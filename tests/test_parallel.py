"""record_builder/parallel.py: loading and rendering shared among forked processes give the same results."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from record_builder import cli, parallel
from record_builder.layout import Budgets
from record_builder.record import build_record
from record_builder.render import Pages
from record_builder.validate import load_and_check

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked, which needs Linux")


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory):
    """300 events: month pages of the timeline and continuation pages, as at scale."""
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

    with pytest.raises(RuntimeError, match=r"(?s)build worker 1 failed:.*ValueError: broken template"):
        parallel.run_jobs([job] * 40, workers=2)


def test_workers_are_chosen_from_the_amount_of_work_unless_asked():
    assert parallel.workers_for(10, None) == 1  # a small record: forking would cost more than it saves
    assert parallel.workers_for(100_000, None) == parallel.available_cores()
    assert parallel.workers_for(10, 3) == 3


def test_pages_rendered_by_two_processes_equal_pages_rendered_by_one(synthetic_corpus):
    budgets = Budgets(list_limit=20, list_page_size=30)  # continuation pages, as at 10,000 events
    checked, problems = load_and_check(synthetic_corpus / "seeds", synthetic_corpus)
    assert problems == []
    record = build_record(checked)
    serial = Pages(record, budgets=budgets).all(workers=1)
    shared = Pages(record, budgets=budgets).all(workers=2)
    assert any("--" in path for path in serial) and "docs/timeline.md" in serial  # continuation and month pages
    assert any(path.startswith("docs/timeline-") for path in serial)
    assert list(shared) == list(serial)
    assert shared == serial


def _as_data(checked):
    """Everything loading and checking produced, with every mark of every value."""
    def walk(value):
        if isinstance(value, dict):
            return ("map", value.line, value.column, value.key_marks, value.value_marks,
                    {key: walk(item) for key, item in value.items()})
        if isinstance(value, list):
            return ("seq", value.line, value.column, value.item_marks, [walk(item) for item in value])
        return value
    return ({kind: [(f.path, walk(f.data)) for f in files] for kind, files in checked.files.items()},
            checked.broken_ids)


def test_files_loaded_by_two_processes_equal_files_loaded_by_one(synthetic_corpus, tmp_path):
    serial, serial_problems = load_and_check(synthetic_corpus / "seeds", synthetic_corpus, workers=1)
    shared, shared_problems = load_and_check(synthetic_corpus / "seeds", synthetic_corpus, workers=2)
    assert serial_problems == shared_problems == []
    assert _as_data(shared) == _as_data(serial)
    # and with broken files: the same problems, in the same order
    broken = tmp_path / "broken"
    shutil.copytree(synthetic_corpus / "seeds", broken / "seeds")
    for number, path in enumerate(sorted((broken / "seeds/sources").glob("*.yaml"))[::7]):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title:", "titel:", 1) if number % 2 else text + "\n  : [", encoding="utf-8")
    serial, serial_problems = load_and_check(broken / "seeds", broken, workers=1)
    shared, shared_problems = load_and_check(broken / "seeds", broken, workers=2)
    assert len({p.path for p in serial_problems}) >= 4
    assert shared_problems == serial_problems
    assert _as_data(shared) == _as_data(serial)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(["--jobs", value])
    assert exit_info.value.code == 2
    assert f"expected a whole number of processes, 1 or more; got '{value}'" in capsys.readouterr().err
