#!/usr/bin/env python3
"""build_pages.py with speed measures turned off, for bench/speed_measures.py.

    .venv/bin/python bench/build_without.py REPO [--off NAME[,NAME...]] -- --root CORPUS [build_pages.py's options]

Runs the generator of the checkout REPO exactly as its build_pages.py does (record_builder.cli.main,
then leaving with os._exit), after turning off, in this process only, each measure named by --off.
Nothing in the product carries a switch for this: each measure is undone here by monkeypatching,
so the code measured is the code that ships. With no --off it is build_pages.py.

On the way out it prints one line to stderr, `bench-cpu {"self": s, "children": s}`: the CPU
seconds (user + system) of this process alone and of the worker processes it forked and joined.
With the work shared among two processes, this process's own CPU time is close to the time
the build would take on an idle two-core machine (the workers run beside it), which a loaded
machine's wall time cannot show.

A measure that this checkout no longer has is an error, not a silent no-op.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys


def _off_stamp(modules):
    modules["use_stamp"] = False


def _off_gc_freeze(modules):
    gc.freeze = lambda: None  # cli.py's gc.freeze() before rendering; nothing else calls it


def _off_gc_rest(modules):
    class Collector:
        """The gc module, but disable() does nothing: the collector runs while loading and checking."""

        def __getattr__(self, name):
            return getattr(gc, name)

        def disable(self):
            pass

    modules["cli"].gc = Collector()


def _off_os_exit(modules):
    modules["plain_exit"] = True


def _off_jinja_markup(modules):
    from record_builder import render
    cls = getattr(render, "_MarkupPassingTemplate", None)
    if cls is None or "_from_namespace" not in vars(cls):
        raise SystemExit("jinja_markup: render._MarkupPassingTemplate._from_namespace is not in this checkout")
    delattr(cls, "_from_namespace")  # jinja2.Template's own: every printed value through markupsafe.escape


def _off_yaml_resolver(modules):
    from record_builder import load
    if "resolve" not in vars(load._PlainLoader):
        raise SystemExit("yaml_resolver: load._PlainLoader.resolve is not in this checkout")
    delattr(load._PlainLoader, "resolve")  # BaseResolver.resolve, with the same resolvers (no timestamps)


def _off_nesting_bound(modules):
    """load.nesting_problem without its cheap bound: every file is scanned with the parser's events."""
    import yaml
    from record_builder import load
    if not hasattr(load, "_BRACKETS"):
        raise SystemExit("nesting_bound: load.nesting_problem has no cheap bound in this checkout")

    def nesting_problem(text, path):
        depth = 0
        try:
            for event in yaml.parse(text, Loader=load._PlainLoader):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > load.MAX_NESTING:
                        return load.Problem(path, event.start_mark.line + 1, event.start_mark.column + 1, "",
                                            "too deep")
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
        except yaml.YAMLError:
            return None
        return None

    load.nesting_problem = nesting_problem


def _off_str_fast_path(modules):
    """load._Converter._mapping without its inline path for plain text: every value through convert()."""
    import yaml
    from record_builder import load
    if "type(value_node) is scalar" not in _source(load._Converter._mapping):
        raise SystemExit("str_fast_path: load._Converter._mapping has no inline path in this checkout")

    def _mapping(self, node):
        result = load.Mapping()
        mark = node.start_mark
        result.line, result.column = mark.line + 1, mark.column + 1
        result.key_marks = key_marks = {}
        result.value_marks = value_marks = {}
        if node.tag != load._MAP:
            self.problem(node, f"YAML tags are not allowed (got the tag {node.tag!r})")
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != load._STR:
                self.problem(key_node, "keys must be plain words")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, f"the key {key!r} appears twice")
                continue
            mark = key_node.start_mark
            key_marks[key] = (mark.line + 1, mark.column + 1)
            mark = value_node.start_mark
            value_marks[key] = (mark.line + 1, mark.column + 1)
            result[key] = self.convert(value_node)
        return result

    load._Converter._mapping = _mapping


def _source(function) -> str:
    import inspect
    return inspect.getsource(function)


OFF = {
    "stamp": _off_stamp,
    "gc_freeze": _off_gc_freeze,
    "gc_rest": _off_gc_rest,
    "os_exit": _off_os_exit,
    "jinja_markup": _off_jinja_markup,
    "yaml_resolver": _off_yaml_resolver,
    "nesting_bound": _off_nesting_bound,
    "str_fast_path": _off_str_fast_path,
}


def main() -> None:
    args = sys.argv[1:]
    repo, args = args[0], args[1:]
    off = []
    if args[:1] == ["--off"]:
        off, args = [name for name in args[1].split(",") if name], args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    unknown = [name for name in off if name not in OFF]
    if unknown:
        raise SystemExit(f"unknown measure(s) {unknown}; known: {', '.join(OFF)}")
    sys.path.insert(0, repo)
    from record_builder import cli

    modules = {"cli": cli, "use_stamp": None, "plain_exit": False}
    for name in off:
        OFF[name](modules)
    sys.argv = [os.path.join(repo, "build_pages.py"), *args]
    code = cli.main(None, use_stamp=modules["use_stamp"])
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("bench-cpu " + json.dumps({"self": own.ru_utime + own.ru_stime,
                                     "children": children.ru_utime + children.ru_stime}), file=sys.stderr)
    if modules["plain_exit"]:
        sys.exit(code)  # the interpreter's ordinary teardown
    try:  # as build_pages.py leaves
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
