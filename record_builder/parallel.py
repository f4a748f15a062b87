"""Several cores: independent jobs shared among forked worker processes.

Two stages of a large build divide cleanly into independent jobs: loading and checking
each seed file (validate.load_and_check), and rendering each page (render.Pages.all),
which is most of the build. The workers are forked, not spawned: a forked child already
holds the resolved record (hundreds of MB at 10,000 events) without copying it
(copy-on-write, and `gc.freeze()` in cli.py keeps the garbage collector from touching
those pages), where a spawned one would need it pickled. Only the results travel back,
through a pipe: the loaded files, or the finished texts.

Each process (the parent too) takes the next job not yet taken from a shared counter
until none is left, so a process that drew long jobs simply takes fewer: jobs differ
a hundredfold in cost (the exports are one job of a second at 10,000 events, a source
page a few milliseconds). The results are put back in job order, so the output is the
same for any number of workers; tests/test_parallel.py checks that.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback

# Below this many jobs a worker costs more (fork, pickling the texts) than it saves.
MIN_JOBS_PER_WORKER = 150


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    # macOS offers fork but its system libraries are not safe after it; Windows has none.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def workers_for(job_count: int, requested: int | None) -> int:
    """How many processes to render with: `requested` (--jobs) if given, else as many as
    there are cores and enough jobs to keep them busy. Always 1 where fork is unsafe."""
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, requested)
    return max(1, min(available_cores(), job_count // MIN_JOBS_PER_WORKER))


def run_jobs(jobs: list, workers: int) -> list:
    """[job() for job in jobs], computed by `workers` processes. Put the longest jobs
    first: the last job taken decides when everything is done."""
    if workers <= 1 or len(jobs) < 2:
        return [job() for job in jobs]
    workers = min(workers, len(jobs))
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", 0)  # the next job to take, shared by all processes
    children = []
    for worker in range(1, workers):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(jobs, counter, writer), daemon=True)
        process.start()
        writer.close()  # the parent keeps only its reading end, so a dead child reads as EOF
        children.append((worker, reader, process))
    results: list = [None] * len(jobs)
    try:
        for index, result in _take(jobs, counter):
            results[index] = result
        for worker, reader, process in children:
            try:
                status, payload = reader.recv()
            except EOFError:
                process.join()
                raise RuntimeError(f"build worker {worker} stopped without a result "
                                   f"(exit code {process.exitcode})") from None
            if status != "ok":
                raise RuntimeError(f"build worker {worker} failed:\n{payload}")
            for index, result in payload:
                results[index] = result
    finally:
        for _, reader, process in children:
            reader.close()
            if process.is_alive():
                process.terminate()
            process.join()
    return results


def _take(jobs: list, counter):
    """(index, result) of each job this process takes, until every job is taken."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(jobs):
            return
        yield index, jobs[index]()


def _work(jobs: list, counter, writer) -> None:
    try:
        payload = ("ok", list(_take(jobs, counter)))
    except BaseException:  # noqa: BLE001 - reported by the parent, which owns the exit status
        payload = ("error", traceback.format_exc())
    try:
        writer.send(payload)
    finally:
        writer.close()
