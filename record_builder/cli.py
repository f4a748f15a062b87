"""The command line of build_pages.py: run the stages, report problems, set the exit status."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import stamp
from .problems import Problem, limit_per_kind
from .write import apply, plan

EXIT_OK, EXIT_PROBLEMS, EXIT_INTERNAL = 0, 1, 2


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="build_pages.py",
        description="Validate the YAML in seeds/ and write the site's generated pages (docs/) and editor schemas (schema/).")
    parser.add_argument("--check", action="store_true",
                        help="validate and report pages that are stale or missing; write nothing")
    parser.add_argument("--github", action="store_true",
                        help="also print each problem as a GitHub Actions annotation (::error file=…,line=…::…)")
    parser.add_argument("--jobs", type=_positive, metavar="N",
                        help="load and render with N processes (default: one per core when the record is large; 1 for small)")
    parser.add_argument("--stay", action="store_true",
                        help="keep running, for `mkdocs serve`: build each time a line is read from standard input, "
                             "and print 'build-done CODE' after each build; files not changed since are not loaded again")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the project folder holding seeds/ (default: this repository)")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more; got {text!r}")
    return value


def report(problems: list[Problem], github: bool, out=None) -> None:
    """Every problem, one line each, up to SHOWN_PER_KIND of each kind (100,000 references to
    one missing id would otherwise print 200,000 lines); then how many more of each kind."""
    out = out or sys.stderr  # looked up now, not at import: a caller may have redirected it
    shown, more = limit_per_kind(problems)
    for problem in shown:
        print(problem.format(), file=out)
        if github:
            print(problem.github_annotation(), file=sys.stdout)
    for count, first in more:
        like = Problem(first.path, first.line, first.column, first.field, first.message).format()
        print(f"... and {count:,} more problem{'s' if count != 1 else ''} of the kind first shown as: {like}", file=out)
    files = len({p.path for p in problems})
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {files} file{'s' if files != 1 else ''}; "
          "nothing was written.", file=out)


@dataclass(frozen=True)
class Stages:
    """The stages a full build runs, in order. A caller (a test) may pass its own."""
    load_and_check: Callable  # (seeds_dir, root, workers) -> (checked, problems)
    build_record: Callable  # checked -> record
    pages: Callable  # (record, translations) -> an object whose .all(workers=...) gives every generated file's text
    translations: Callable | None = None  # (root, checked) -> ({lang: Translations}, problems); None: read translations/
    # (record, translations, root, workers) -> (texts to write, paths kept, state to save): only
    # the pages whose inputs changed (incremental.py); None: every page, every time.
    incremental: Callable | None = None
    memory: dict | None = None  # a process that builds again and again keeps the incremental state here


def default_stages() -> Stages:
    # Imported here, not at the top of the module: a rebuild with nothing to do (the build
    # stamp) stops before it needs YAML or Jinja, and importing them would cost it more
    # than the rest of its work (tests/test_build_stamp.py).
    from . import incremental
    from .record import build_record
    from .render import Pages
    from .validate import load_and_check
    return Stages(load_and_check, build_record, Pages, read_translations, incremental.render)


def read_translations(root: Path, checked) -> tuple[dict, list[Problem]]:
    """Every other language's translations of the record, and the problems that fail the build
    (an unreadable catalog, markup in a translation, a quote that is not the English's, a term
    against the language's style sheet)."""
    from .i18n import DEFAULT, LANGUAGES
    from .translations import checked_translations

    found, problems = {}, []
    for lang in LANGUAGES:
        if lang != DEFAULT:
            found[lang], more = checked_translations(root, checked, lang)
            problems += more
    return found, problems


def warn(translations: dict, github: bool, out=None, seeds: list | tuple = ()) -> None:
    """What the build reports without failing: in seeds/, a file without the editor's schema line
    (validate's warnings); stale translations (file, line, field), texts not yet translated, and
    each language's coverage."""
    out = out or sys.stderr  # looked up now, not at import: a caller may have redirected it
    _print_warnings(list(seeds), github, out)
    for lang, found in translations.items():
        _print_warnings(found.warnings(), github, out)
        current, stale, missing = found.counts()
        if stale or missing:
            print(f"Translations ({lang}): {found.coverage():.1f} % current; {stale} stale and {missing} missing "
                  "texts are shown in English, marked as awaiting translation (python3 tasks.py translations).",
                  file=out)


def _print_warnings(warnings: list[Problem], github: bool, out=sys.stderr) -> None:
    shown, more = limit_per_kind(warnings)
    for problem in shown:
        print(f"warning: {problem.format()}", file=out)
        if github:
            print(problem.github_annotation().replace("::error", "::warning", 1), file=sys.stdout)
    for count, first in more:
        print(f"warning: ... and {count:,} more like: {first.format()}", file=out)


def run(argv=None, use_stamp: bool | None = None, stages: Stages | None = None) -> int:
    """One build. The build stamp (stamp.py) is used from the command line (no `argv`) or
    when `use_stamp` says so: a program that calls this with its own arguments may build
    otherwise than the files on disk say (tests pass stages with smaller page budgets),
    which the stamp, made from those files, cannot see; so it gets a full build and
    records no stamp."""
    args = parse_args(argv)
    root = args.root.resolve()
    digest = None
    if use_stamp is None:
        use_stamp = argv is None
    if use_stamp and not args.check:  # --check always validates everything: it is what CI runs
        digest = stamp.inputs(root)  # before reading anything, so an edit during the build is seen next time
        left = stamp.unchanged(root, digest)
        if left is not None:
            print(f"Wrote 0 file(s), removed 0, left {left} unchanged.")
            return EXIT_OK
    return _build(args, root, digest, stages or default_stages())


def _build(args, root: Path, digest: str | None, stages: Stages) -> int:
    if stages.memory is not None and stages.incremental is not None:
        from . import incremental
        stages.memory["before"] = incremental.file_snapshot(root)  # before anything is read
    checked, problems = stages.load_and_check(root / "seeds", root, args.jobs)
    if not problems:
        translations, problems = (stages.translations or read_translations)(root, checked)
    if problems:
        report(problems, args.github)
        return EXIT_PROBLEMS
    record = stages.build_record(checked)
    state, kept = None, frozenset()
    if digest is not None and stages.incremental is not None and not args.check:
        pages, kept, state = stages.incremental(record, translations, root, args.jobs, memory=stages.memory)
    else:
        pages = stages.pages(record, translations).all(workers=args.jobs)
    todo, problems = plan(root, pages, kept)
    if problems:
        report(problems, args.github)
        return EXIT_PROBLEMS
    if args.check:
        stale = [Problem(p, 1, 1, "", "out of date or missing: run `python build_pages.py` and commit the result")
                 for p in todo.write]
        stale += [Problem(p, 1, 1, "", "generated from YAML that no longer exists: run `python build_pages.py`")
                  for p in todo.remove]
        if stale:
            report(stale, args.github)
            return EXIT_PROBLEMS
        warn(translations, args.github, seeds=checked.warnings)
        print(f"OK: {len(pages)} generated files are up to date.")
        return EXIT_OK
    try:
        apply(root, todo)
    except OSError as err:
        print(f"Cannot write the pages: {err.strerror or err} ({err.filename or 'docs/'}). "
              "The pages already on disk were left as they were.", file=sys.stderr)
        return EXIT_INTERNAL
    if digest is not None:
        from . import incremental
        generated = set(pages) | kept
        if stamp.write(root, digest, generated) and state is not None:
            incremental.save(root, state, stages.memory, digest)
        else:
            incremental.forget(root)
    warn(translations, args.github, seeds=checked.warnings)
    print(f"Wrote {len(todo.write)} file(s), removed {len(todo.remove)}, left {todo.unchanged} unchanged.")
    return EXIT_OK


def stay(argv: list[str]) -> int:
    """Build each time a line arrives on standard input, until it ends; keep each seed file's
    loaded and checked result while its bytes stay the same, so a build after one edit loads
    one file. Stops (`build-done restart`) when the generator's own code has changed, so that
    the caller starts a process that runs the new code."""
    import functools

    from .validate import load_and_check

    argv = [arg for arg in argv if arg != "--stay"]
    args = parse_args(argv)
    code = stamp.code()
    cache: dict = {}
    stages = dataclasses.replace(default_stages(), load_and_check=functools.partial(load_and_check, cache=cache),
                                 memory={})
    # The garbage collector runs between builds, not during them: with every file's data kept,
    # each of its full passes during a build would walk millions of objects (about 1.5 s of a
    # build after one edit at 10,000 events). After each build, once the caller has its answer,
    # it frees what the build left and sets what stays (the cache) aside from later passes.
    gc.disable()
    try:
        return _stay(argv, args, code, cache, stages, load_and_check)
    finally:  # however it ends (end of input, Ctrl-C): the state for the next build, if still true
        from . import incremental
        incremental.save_memory(stages.memory or {})


def _stay(argv, args, code, cache, stages, load_and_check) -> int:
    from .i18n import catalog
    for _ in sys.stdin:
        if stamp.code() != code:
            print("build-done restart", flush=True)
            return EXIT_OK
        catalog.cache_clear()  # the interface's catalogs, as they are now (a translator may be editing them)
        status = main(argv, use_stamp=True, stages=stages)
        sys.stderr.flush()
        print(f"build-done {status}", flush=True)
        if not cache:  # nothing had changed (the stamp): load the files now, not at the first edit
            root = args.root.resolve()
            load_and_check(root / "seeds", root, args.jobs, cache=cache)
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return EXIT_OK


def main(argv=None, use_stamp: bool | None = None, stages: Stages | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    try:
        if "--stay" in arguments:
            parse_args(arguments)  # --help, and a mistake in the arguments, as for any build
            return stay(arguments)
        return run(argv, use_stamp, stages)
    except KeyboardInterrupt:
        print("Interrupted; pages already on disk were left as they were.", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        # Whoever read our output went away (`build_pages.py | head`): nothing more to tell
        # them, and no traceback. As Python's documentation advises, stdout then points at
        # devnull, so that flushing it on the way out stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except Exception:  # noqa: BLE001 - the last line of defence: never a bare traceback for a contributor
        print("Internal error in build_pages.py: this is a bug in the generator, not in your YAML.\n"
              "Please open an issue with the command you ran and the details below:\n", file=sys.stderr)
        traceback.print_exc(limit=-3, file=sys.stderr)
        return EXIT_INTERNAL
