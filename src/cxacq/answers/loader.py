"""Read an answers file strictly: bytes → UTF-8 text → safe YAML with positions.

On top of PyYAML's safe loading this module:

* refuses any tag that would construct a Python object (only the YAML core tags
  exist here);
* rejects duplicate keys, naming both lines;
* resolves no YAML 1.1 implicit types except null: ``NO``, ``on``, ``2024-10-01``
  and ``1.10`` reach the model exactly as typed, and the model decides what they
  mean;
* records the line and column of every mapping key and sequence item;
* decodes UTF-8 explicitly (a BOM and CRLF are fine) and reports the byte offset
  of a bad byte;
* refuses files over :data:`MAX_BYTES`, nesting deeper than :data:`MAX_DEPTH` and
  alias expansions over :data:`MAX_NODES` values or :data:`MAX_CHARS` characters
  (so an alias bomb fails quickly, measured without being expanded);
* turns whatever the parser raises (an escape beyond Unicode, ``MemoryError``)
  into an :class:`InputError`.
"""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cxacq.answers.source_lines import (
    LineProblem,
    comment_after_value,
    curly_quote_problem,
    curly_quotes,
    indentation_problem,
)
from cxacq.errors import InputError
from cxacq.resources import STARTER_EXAMPLE, examples_dir

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_CHARS",
    "MAX_NODES",
    "OUTSIDE_UNICODE",
    "Loaded",
    "Position",
    "excerpt",
    "load_answers_file",
    "load_answers_text",
    "starter_data",
]

MAX_BYTES = 1_048_576  # 1 MiB: a complete answers file is about 30 KB.
MAX_DEPTH = 64
MAX_NODES = 200_000  # nodes after alias expansion
MAX_CHARS = 4_194_304  # characters of text after alias expansion (4 Mi; files hold 1 MiB)

Position = tuple[int, int]  # 1-based line, column
PathKey = tuple[str | int, ...]

try:  # libyaml parses about ten times faster; the result is the same (see _parse_text).
    from yaml._yaml import CParser as _CParser  # where yaml.cyaml takes it from

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - exercised by test_loader with the flag off
    _CParser = None  # type: ignore[assignment, misc]  # mypy cannot type an optional class
    HAVE_LIBYAML = False


class _Resolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars to null or text only (see the module docstring)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe constructor that refuses duplicate keys and non-string keys."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover - guarded by PyYAML
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        self.flatten_mapping(node)
        seen: dict[Any, yaml.Node] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise _LoadProblem(
                    "a key must be a plain name, not a list or a section",
                    key_node,
                )
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _LoadProblem(
                    f"duplicate key '{excerpt(key)}': it is already set on line {first}; "
                    "keep one of them",
                    key_node,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


# Only the core schema's tags: anything else (!!python/object, custom tags) is refused.
_Constructor.yaml_constructors = {
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:str": yaml.constructor.SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:seq": yaml.constructor.SafeConstructor.construct_yaml_seq,
    "tag:yaml.org,2002:map": yaml.constructor.SafeConstructor.construct_yaml_map,
    None: yaml.constructor.SafeConstructor.construct_undefined,
}


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """Pure-Python strict loader."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


if _CParser is not None:

    class _CLoader(_CParser, _Constructor, _Resolver):
        """Strict loader on libyaml's parser."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


EXCERPT = 60


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Return ``text`` for quoting in a message: at most ``limit`` characters, then "…".

    Characters a terminal would act on (controls, line breaks) are shown as escapes,
    so a quoted value can neither flood a CI log nor forge a line in it.
    """
    shown = text if len(text) <= limit else text[:limit] + "…"
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class _LoadProblem(Exception):
    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


@dataclass
class Loaded:
    """A parsed answers file: the data and where each part of it was written."""

    path: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    # Lines that parse but may not say what was meant ('#' cutting a value, curly quotes).
    line_warnings: list[LineProblem] = field(default_factory=list)
    text: str = ""  # the file as read, for rules about its comments (guidance/todo.py)

    def position_of(self, loc: PathKey) -> Position | None:
        """Return the position of ``loc``, or of its nearest written parent."""
        probe = tuple(loc)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), None)


def load_answers_file(path: Path, *, display: str | None = None) -> Loaded:
    """Read and parse one answers file.

    Args:
        path: The file to read.
        display: The name to use in messages (defaults to ``str(path)``).

    Returns:
        The parsed data with positions.

    Raises:
        InputError: The file is missing, a directory, unreadable, too large, not
            UTF-8, not valid YAML, or not a mapping at the top.
    """
    name = display or str(path)
    if not path.exists():
        raise InputError("no such file", path=name, hint="check the path and its spelling")
    if path.is_dir():
        raise InputError(
            "this is a directory, not an answers file",
            path=name,
            hint="give the .yaml file inside it, or a directory to `render`/`validate`",
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(name, size)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    return load_answers_bytes(raw, name)


def _too_large(name: str, size: int) -> InputError:
    return InputError(
        f"the file is {size:,} bytes; answers files are limited to {MAX_BYTES:,} bytes",
        path=name,
        hint="an answers file holds text answers only; move long evidence into a linked report",
    )


def load_answers_bytes(raw: bytes, name: str) -> Loaded:
    """Decode and parse answers given as bytes (see :func:`load_answers_file`)."""
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        hint = "save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file is UTF-16; " + hint
        raise InputError(
            f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            path=name,
            line=line,
            hint=hint,
        ) from None
    return load_answers_text(text, name)


# C0 and C1 controls (U+0085 is a YAML line break) and the two noncharacters.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def load_answers_text(text: str, name: str, *, use_libyaml: bool | None = None) -> Loaded:
    """Parse answers YAML text (see :func:`load_answers_file`).

    Args:
        text: The decoded file.
        name: The file name used in messages.
        use_libyaml: Force the C parser on or off (default: use it when present).

    Returns:
        The parsed data with positions.

    Raises:
        InputError: The text is not valid YAML, holds forbidden characters or
            tags, is too deep or too large once aliases expand, or is not a
            mapping at the top.
    """
    bad = _FORBIDDEN_CHARS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            f"the file contains a control character (U+{ord(bad.group()):04X}) "
            "that cannot appear in a document",
            path=name,
            line=line,
            column=column,
            hint="delete it; it is usually pasted in by accident from another program",
        )
    use_c = HAVE_LIBYAML if use_libyaml is None else (use_libyaml and HAVE_LIBYAML)
    try:
        node, data = _parse_text(text, name, use_c)
    except _BeyondUnicode as exc:
        # PyYAML cannot build a character past U+10FFFF: parse again with the
        # escape replaced by a noncharacter, so validation names the field.
        fixed = _BEYOND_UNICODE_ESCAPE.sub(_mark_beyond_unicode, text)
        if fixed == text:
            raise InputError(
                f"YAML: the parser failed: {excerpt(str(exc.__cause__))}", path=name
            ) from None
        try:
            node, data = _parse_text(fixed, name, use_c)
        except _BeyondUnicode as again:
            raise InputError(
                f"YAML: the parser failed: {excerpt(str(again.__cause__))}", path=name
            ) from None
    positions: dict[PathKey, Position] = {}
    _record_positions(node, (), positions)
    warnings = sorted(comment_after_value(text) + curly_quotes(text), key=lambda p: p.line)
    return Loaded(
        path=name, data=data, positions=positions, line_warnings=warnings, text=text
    )


class _BeyondUnicode(Exception):
    """PyYAML failed on a code point escape beyond Unicode (such as U+110000)."""


OUTSIDE_UNICODE = 0x10FFFE
"""The noncharacter that stands in for an escape beyond Unicode (see validate.py)."""

_BEYOND_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\U([0-9A-Fa-f]{8})")


def _mark_beyond_unicode(match: re.Match[str]) -> str:
    if int(match.group(2), 16) <= 0x10FFFF:
        return match.group(0)
    return match.group(1) + "\\U0010FFFE"


# Characters on which libyaml and the pure-Python parser disagree (libyaml accepts some
# tab indentation and a BOM inside the text; the Unicode line breaks count differently in
# positions): text holding any of them is parsed in pure Python only.
_PURE_PYTHON_ONLY = re.compile("[\t\x80-\x9f\ufeff\u2028\u2029\ud800-\udfff]")


def _parse_text(text: str, name: str, use_c: bool) -> tuple[yaml.Node, Any]:
    """Parse with libyaml when asked, falling back to the pure-Python parser on any failure.

    A file that fails is parsed again in pure Python, so every message (whose wording
    and position come from the parser) is the same with or without libyaml; only
    files that parse take the fast path.
    """
    if use_c and not _PURE_PYTHON_ONLY.search(text):
        try:
            return _parse(text, name, True)
        except (InputError, _BeyondUnicode):
            pass
    return _parse(text, name, False)


def _parse(text: str, name: str, use_c: bool) -> tuple[yaml.Node, Any]:
    """Parse one YAML document into its node tree and data, or raise InputError."""
    loader: Any = None
    try:
        loader = _CLoader(text) if use_c else _PyLoader(text)  # the reader checks characters
        node = loader.get_single_node()
        if node is None:
            raise InputError(
                "the file is empty",
                path=name,
                hint="run `cxacq init` to start from a complete, commented answers file",
            )
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            raise InputError(
                f"the top of the file must be a set of named sections, not {kind}",
                path=name,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                hint="start with `schema_version: 1` followed by sections such as `program:`",
            )
        _check_size(node, name)
        data = loader.construct_document(node)
    except InputError:
        raise
    except _LoadProblem as problem:
        mark = problem.node.start_mark
        raise InputError(
            problem.message, path=name, line=mark.line + 1, column=mark.column + 1
        ) from None
    except yaml.constructor.ConstructorError as exc:
        raise _yaml_error(exc, name, text, tag_problem=True) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, name, text) from None
    except RecursionError:
        raise InputError(
            f"the file is nested too deeply (more than {MAX_DEPTH} levels)", path=name
        ) from None
    except (ValueError, OverflowError) as exc:  # chr() on an escape beyond U+10FFFF
        raise _BeyondUnicode() from exc
    except MemoryError:
        raise InputError(
            "the file is too large to read once its aliases (*name) are expanded",
            path=name,
            hint="write the values out instead of repeating aliases",
        ) from None
    except Exception as exc:  # noqa: BLE001 - whatever the parser raises is the file's problem
        raise InputError(
            f"YAML: the parser failed: {type(exc).__name__}: {excerpt(str(exc))}", path=name
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _yaml_error(
    exc: yaml.YAMLError, name: str, text: str, *, tag_problem: bool = False
) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context_mark = getattr(exc, "context_mark", None)
    if "end of stream" in problem and context_mark is not None:
        mark = context_mark  # point at the opening quote or bracket, not the file's end
    hint = None
    if tag_problem or "tag" in problem:
        problem = "a YAML tag (a word starting with '!') is not allowed in an answers file"
        hint = "remove the tag; answers are plain text, lists and sections"
    elif "tab" in problem or "\\t" in problem:
        problem = "a tab character is used for indentation"
        hint = "indent with spaces only (two per level)"
    elif mark is not None and (better := _line_problem(text, mark.line + 1)) is not None:
        return InputError(
            better.message, path=name, line=better.line, column=better.column, hint=better.hint
        )
    else:
        problem = _plain_yaml_problem(problem)
        hint = _yaml_hint(problem)
    return InputError(
        f"YAML syntax: {problem}",
        path=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )


def _line_problem(text: str, error_line: int) -> LineProblem | None:
    """Explain a syntax error from the lines as typed: curly quotes, then indentation."""
    curly = curly_quote_problem(text, error_line)
    if curly is not None:
        return curly
    found = indentation_problem(text, error_line)
    # The parser notices a misplaced line on it or a few lines later, never before.
    if found is not None and error_line - found.line <= 5:
        return found
    return None


def _plain_yaml_problem(problem: str) -> str:
    translations = {
        "found unexpected end of stream": "the file ends inside a quoted text or bracket",
        "found unexpected end of the stream": "the file ends inside a quoted text or bracket",
        "mapping values are not allowed here": (
            "a colon followed by a space appears inside a value"
        ),
        "could not find expected ':'": "a line is missing the ':' after its name",
        "expected <block end>, but found '<block mapping start>'": (
            "a line is indented more or less than the lines around it"
        ),
        "did not find expected key": "a line is indented differently from its neighbours",
        "did not find expected '-' indicator": "a list item is indented differently",
    }
    for needle, plain in translations.items():
        if needle in problem:
            return plain
    return problem


def _yaml_hint(problem: str) -> str | None:
    if "colon" in problem:
        return "put quotes around the whole value, e.g. note: \"Goal: faster decisions\""
    if "indent" in problem:
        return "line up entries of the same section with the same number of spaces"
    if "quoted" in problem:
        return "check that every opening quote or bracket has a closing one"
    return None


def _check_size(root: yaml.Node, name: str) -> None:
    """Refuse alias bombs and deep nesting before anything walks the tree.

    Each node's size after expansion (values and characters) is computed once,
    from its children's, so a bomb is measured without being built.
    """
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, expanded = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(
                f"the file is nested too deeply (more than {MAX_DEPTH} levels)",
                path=name,
                line=node.start_mark.line + 1,
            )
        if id(node) in sizes:
            continue
        children = list(_children(node))
        if not expanded and children:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children)
            continue
        count, chars = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        for child in children:
            child_count, child_chars = sizes.get(id(child), (1, 0))
            count += child_count
            chars += child_chars
        if count > MAX_NODES or chars > MAX_CHARS:
            what = f"{MAX_NODES:,} values" if count > MAX_NODES else f"{MAX_CHARS:,} characters"
            raise InputError(
                f"the file expands to more than {what} once its aliases (*name) are expanded",
                path=name,
                line=node.start_mark.line + 1,
                hint="write the values out instead of repeating aliases",
            )
        sizes[id(node)] = (count, chars)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def _record_positions(
    node: yaml.Node, prefix: PathKey, positions: dict[PathKey, Position]
) -> None:
    positions.setdefault(prefix, (node.start_mark.line + 1, node.start_mark.column + 1))
    stack: list[tuple[yaml.Node, PathKey]] = [(node, prefix)]
    visited: set[tuple[int, PathKey]] = set()
    while stack:
        current, path = stack.pop()
        marker = (id(current), path)
        if marker in visited or len(path) > MAX_DEPTH:
            continue
        visited.add(marker)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    child = (*path, key.value)
                    positions[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
                    if len(positions) < MAX_NODES:
                        stack.append((value, child))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                child = (*path, index)
                positions[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
                if len(positions) < MAX_NODES:
                    stack.append((item, child))


def starter_data() -> dict[str, Any]:
    """Return the raw data of the starter example (values as typed in the file).

    The file is parsed once per process (``check`` and ``render`` compare every
    answers file with it); each call gets its own copy.
    """
    data: dict[str, Any] = pickle.loads(_starter_pickle())
    return data


@functools.cache
def _starter_pickle() -> bytes:
    return pickle.dumps(load_answers_file(examples_dir() / STARTER_EXAMPLE).data)
