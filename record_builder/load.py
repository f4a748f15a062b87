"""Stage 1, load: read YAML files into plain data that remembers where each value was.

Only plain YAML is accepted: mappings, lists, strings, numbers, booleans and null.
Tags that construct objects (`!!python/...`), anchors and aliases (the "billion
laughs" bomb), files that are not UTF-8 and oversized files are refused with a
problem naming the place. Dates stay text (no implicit timestamp conversion):
the validator parses them itself so that an impossible date gets a message
instead of a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024  # far above any real summary; stops accidental dumps and bombs

# The C parser is several times faster; it reports the same marks (line, column).
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_Parser):  # type: ignore[misc, valid-type]
    """A safe loader that leaves timestamps as text."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
MAX_NUMBER_TEXT = 100
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

# The scalar types we accept, each built by the very SafeConstructor method that
# yaml.safe_load would use (so 0x1F, 1_000, 1:30, .inf, yes/No/ON are read exactly as
# SafeLoader reads them), but called directly: construct_object's bookkeeping (a cache
# of every node, recursion guards) costs more than the conversion itself and kept every
# scalar node alive until the garbage collector found the loader's reference cycles.
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONSTRUCT_SCALAR = {
    "tag:yaml.org,2002:int": _SCALAR_CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _SCALAR_CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _SCALAR_CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": _SCALAR_CONSTRUCTOR.construct_yaml_null,
}


class Mapping(dict):
    """A dict that knows the position of itself, of each key and of each value."""

    line: int = 1
    column: int = 1
    key_marks: dict
    value_marks: dict


class Sequence(list):
    """A list that knows the position of itself and of each item."""

    line: int = 1
    column: int = 1
    item_marks: list


class LongNumber:
    """A number written with more than MAX_NUMBER_TEXT characters, left unread."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"a number of {len(self.text):,} characters"


@dataclass
class LoadedFile:
    path: str  # as shown in messages: relative to the project, with forward slashes
    data: Any  # Mapping, Sequence, scalar, or None for an empty file
    first_line: str | None = None  # where editors read a schema line (rules.py); None when not read from a file
    digest: str = ""  # of exactly the bytes parsed (the caches of a process that builds again and again key on it)


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def problem(self, node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.path, line, col, "", message))

    def convert(self, node):
        if id(node) in self.seen:
            # compose() hands back the same node for every alias of an anchor.
            self.problem(node, "YAML anchors and aliases (& and *) are not allowed: this value is reused with *; write it out in full")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node)
        tag = node.tag
        if tag == _STR:
            return node.value
        construct = _CONSTRUCT_SCALAR.get(tag)
        if construct is None:
            self.problem(node, f"YAML tags are not allowed (expected plain text, number, true/false or null, got the tag {tag!r})")
            return None
        if len(node.value) > MAX_NUMBER_TEXT and tag in _NUMBER_TAGS:
            # Python refuses to read an integer of over 4,300 digits (a guard against slow
            # conversions) and no figure needs a hundred characters: the validator reports
            # it, with the field's name, as a number out of range.
            return LongNumber(node.value)
        return construct(node)

    def _mapping(self, node) -> Mapping:
        result = Mapping()
        mark = node.start_mark
        result.line, result.column = mark.line + 1, mark.column + 1
        result.key_marks = key_marks = {}
        result.value_marks = value_marks = {}
        if node.tag != _MAP:
            self.problem(node, f"YAML tags are not allowed (got the tag {node.tag!r})")
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                if key_node.tag == _MERGE:
                    self.problem(key_node, "YAML merge keys (<<) are not allowed; write the keys out in full")
                else:
                    self.problem(key_node, "keys must be plain words such as 'title' (got a key that is not text)")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, f"the key {key!r} appears twice in this mapping (the first is on line {key_marks[key][0]})")
                continue
            mark = key_node.start_mark
            key_marks[key] = (mark.line + 1, mark.column + 1)
            mark = value_node.start_mark
            value_marks[key] = (mark.line + 1, mark.column + 1)
            result[key] = self.convert(value_node)
        return result

    def _sequence(self, node) -> Sequence:
        result = Sequence()
        mark = node.start_mark
        result.line, result.column = mark.line + 1, mark.column + 1
        result.item_marks = item_marks = []
        if node.tag != _SEQ:
            self.problem(node, f"YAML tags are not allowed (got the tag {node.tag!r})")
        convert = self.convert
        for item in node.value:
            mark = item.start_mark
            item_marks.append((mark.line + 1, mark.column + 1))
            result.append(convert(item))
        return result


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with any byte-order mark removed and line endings made \\n."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(path, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(path, line, column, "", f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} cannot be decoded); save it as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, line, 1, "", "the file contains a NUL character; it must be plain UTF-8 text")]
    return text, []


MAX_NESTING = 64  # levels of lists and mappings; a summary uses five or six


def nesting_problem(text: str, path: str) -> Problem | None:
    """A problem when the YAML nests lists and mappings deeper than MAX_NESTING, found
    before the composer sees the text: PyYAML's C composer recurses once per level, and
    50,000 levels of '[' overflowed the C stack (a segmentation fault, no message).
    The text is scanned with the parser's events: libyaml's parser keeps its own stack
    and does not recurse."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_PlainLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_NESTING:
                    line, column = event.start_mark.line + 1, event.start_mark.column + 1
                    return Problem(path, line, column, "", f"the YAML nests lists and mappings more than "
                                   f"{MAX_NESTING} levels deep (a summary needs about six); flatten it")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # not too deep before the error: compose() reports the error itself
    return None


def parse(text: str, path: str) -> tuple[object, list[Problem]]:
    """Parse YAML text into Mapping/Sequence/scalars, or report the syntax error."""
    too_deep = nesting_problem(text, path)
    if too_deep is not None:
        return None, [too_deep]
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or "invalid YAML"
        lines = text.split("\n")
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what += "; tabs cannot indent YAML, use spaces"
        context = ""
        if err.context:
            start = err.context_mark
            where = f" that starts on line {start.line + 1}" if start and start.line + 1 != line else ""
            context = f" ({err.context}{where})"
        return None, [Problem(path, line, col, "", f"YAML syntax error: {what}{context}")]
    except yaml.YAMLError as err:  # e.g. a reader error on a control character
        return None, [Problem(path, 1, 1, "", f"YAML error: {err}")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "", "the YAML is nested too deeply")]
    if node is None:
        return None, []
    converter = _Converter(path)
    try:
        data = converter.convert(node)
    except RecursionError:
        return None, [Problem(path, 1, 1, "", "the YAML is nested too deeply")]
    return data, converter.problems


class FileTooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def _too_large(path: str, size: int) -> Problem:
    return Problem(path, 1, 1, "", f"the file is too large (expected at most {MAX_FILE_BYTES} bytes, got {size}); "
                   "split it or shorten it")


def read_regular_file(file: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `file` if it is a regular file and not a link; FileTooLarge, without
    reading it, past `limit` bytes.

    The checks are made on the opened file itself, so nothing swapped in between the
    listing of seeds/ and this read is followed: O_NOFOLLOW refuses a link, O_NONBLOCK
    keeps a named pipe from blocking the open, and fstat tells what was opened."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(file, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(descriptor)


def load_file(file: Path, shown_as: str) -> tuple[LoadedFile | None, list[Problem]]:
    try:
        raw = read_regular_file(file)
    except FileTooLarge as err:
        return None, [_too_large(shown_as, err.size)]
    except OSError as err:
        reason = "it is a symbolic link" if err.errno == errno.ELOOP else err.strerror or str(err)
        return None, [Problem(shown_as, 1, 1, "", f"cannot read the file: {reason}")]
    text, problems = decode(raw, shown_as)
    if text is None:
        return None, problems
    data, problems = parse(text, shown_as)
    if problems:
        return None, problems
    return LoadedFile(shown_as, data, text.partition("\n")[0], hashlib.blake2b(raw, digest_size=16).hexdigest()), []
