"""The one Jinja environment: strict, with every filter registered here.

Templates produce Markdown. Answers are data, never templates: every user string
goes through the ``md`` filter, which makes it literal text that cannot create
Markdown structure.

Templates are read only from regular files inside their folder: a link that leads
out of it is refused. Templates from ``--templates`` run in Jinja's sandbox with a
time limit (:data:`USER_TEMPLATE_SECONDS`) and, like the shipped ones, an output
limit (:data:`MAX_OUTPUT_CHARS`); output holding a character Word cannot hold is the
template's error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from cxacq.errors import TemplateError

__all__ = [
    "CACHE_SUBDIR",
    "MAX_OUTPUT_CHARS",
    "MAX_TEMPLATE_BYTES",
    "USER_TEMPLATE_SECONDS",
    "cache_dir",
    "join_and",
    "longdate",
    "make_environment",
    "md_escape",
    "money",
    "render_markdown",
]

MAX_OUTPUT_CHARS = 2_000_000  # one document's Markdown; the largest shipped one is ~40,000
MAX_TEMPLATE_BYTES = 1_048_576
USER_TEMPLATE_SECONDS = 10.0  # per document; the shipped templates take milliseconds

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_SPACE = re.compile(r"\s+")


def md_escape(value: Any) -> str:
    """Return ``value`` as Markdown that reads back as exactly this text.

    Whitespace runs (including newlines) become one space, so one answer stays
    one paragraph or table cell; characters XML cannot hold are removed.
    """
    text = "" if value is None else str(value)
    text = _XML_FORBIDDEN.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return _PUNCT.sub(r"\\\1", text)


def money(value: Any) -> str:
    """Format dollars: 1480000 → "$1,480,000"; cents only when there are some."""
    amount = Decimal(str(value))
    if amount == amount.to_integral():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def longdate(value: dt.date) -> str:
    """Format a date as "March 26, 2027"."""
    return f"{value:%B} {value.day}, {value.year}"


def join_and(values: Iterable[Any]) -> str:
    """Join as "a", "a and b", or "a, b, and c" (serial comma, GPO style)."""
    items = [str(v) for v in values]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _extract(key: Any, mapping: Mapping[Any, Any]) -> Any:
    return mapping[key]


class _ConfinedLoader(jinja2.BaseLoader):
    """Load templates only from regular files inside the search folders.

    Jinja's ``FileSystemLoader`` follows symbolic links anywhere, so a link in a
    templates folder (which a pull request can add) could read any file.
    """

    def __init__(self, search_path: list[Path]) -> None:
        self.search_path = search_path

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for root in self.search_path:
            candidate = root.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(root.resolve()):
                raise TemplateError(
                    "this template is a link to a file outside the templates folder",
                    path=str(candidate),
                    hint="templates are read only from regular files inside their folder; "
                    "copy the file in instead of linking to it",
                )
            try:
                info = real.stat()
                if not stat.S_ISREG(info.st_mode):
                    raise TemplateError("this template is not a regular file", path=str(candidate))
                if info.st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(
                        f"this template is {info.st_size:,} bytes; templates are limited to "
                        f"{MAX_TEMPLATE_BYTES:,} bytes",
                        path=str(candidate),
                    )
                source = real.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateError(
                    "this template is not UTF-8 text", path=str(candidate)
                ) from None
            except OSError as exc:
                raise TemplateError(
                    f"cannot read this template: {exc.strerror or exc}", path=str(candidate)
                ) from None
            return source, str(candidate), lambda: True
        raise jinja2.TemplateNotFound(template)


class _UserSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for ``--templates``: also refuses repetitions that build huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1_000:
            raise SecurityError(f"the power {right} is too large")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int):
                    if len(seq) * count > MAX_OUTPUT_CHARS:
                        raise SecurityError(
                            f"the repetition would build more than {MAX_OUTPUT_CHARS:,} items"
                        )
        return super().call_binop(context, operator, left, right)


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if not (0 <= n <= 100 and 0 <= min <= max <= 1_000):
        raise SecurityError("lipsum is limited to 100 paragraphs of at most 1,000 words")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


CACHE_SUBDIR = "cxacq"


def cache_dir() -> Path | None:
    """Return the user's cache folder for cxacq, created if need be, or None when unsafe.

    The place follows each system's convention: ``$XDG_CACHE_HOME/cxacq`` (else
    ``~/.cache/cxacq``) on Linux and other Unix systems, ``~/Library/Caches/cxacq`` on
    macOS, ``%LOCALAPPDATA%/cxacq`` on Windows. None (no cache) when it cannot be
    created, or is not a folder of this user's that only this user may write to, since
    whoever can write there decides the code templates run.
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
            base = os.path.expanduser("~/.cache")
    if not base or not os.path.isabs(base):
        return None
    folder = Path(base) / CACHE_SUBDIR
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return folder


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs; any failure to read or write means no cache.

    Jinja keys an entry by template name and file and checks it against a hash of the
    source, so an edited template is compiled again and a stale entry is never used.
    Compiled code also depends on the environment's settings, which Jinja does not
    key, so they are part of the key here (``fingerprint``).
    """

    def __init__(self, directory: Path, fingerprint: str) -> None:
        super().__init__(str(directory), "%s.jinja")
        self.fingerprint = fingerprint

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        text = f"{self.fingerprint}|{name}|{filename}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged or unreadable entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full disk or a read-only folder costs a compile, nothing more
            pass


def _fingerprint(env: jinja2.Environment) -> str:
    """Return what, besides the source, decides a template's compiled code."""
    settings = (
        type(env).__module__, type(env).__qualname__, jinja2.__version__,
        sys.implementation.cache_tag, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.autoescape, env.optimized, env.is_async, sorted(env.extensions),
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())),
    )
    return repr(settings)


def make_environment(
    search_path: list[Path], *, sandboxed: bool, cache: bool = True
) -> jinja2.Environment:
    """Build the template environment over ``search_path`` (first match wins).

    With ``cache`` (the default), compiled templates are kept in the user's cache
    folder (see :func:`cache_dir`), so a run compiles only templates that changed;
    without a usable folder every run compiles them, with the same output.
    """
    cls = _UserSandbox if sandboxed else jinja2.Environment
    env = cls(
        loader=_ConfinedLoader(search_path),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,
    )
    folder = cache_dir() if cache else None
    if folder is not None:
        env.bytecode_cache = _TemplateCache(folder, _fingerprint(env))
    env.filters.update(
        md=md_escape, md_escape=md_escape, money=money, longdate=longdate,
        join_and=join_and, extract=_extract,
    )
    if sandboxed:
        env.globals["lipsum"] = _bounded_lipsum
    return env


class _OverBudget(Exception):
    """A template ran longer or wrote more than it may."""


class _Deadline:
    """A trace function that stops a template running past its time limit.

    Python calls it for every new frame and, inside template code, every line, so
    even an empty nested loop is stopped; other threads are unaffected.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def __call__(self, frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > self.deadline:
            raise _OverBudget(f"the template ran for more than {self.seconds:g} seconds")
        return self if frame.f_code.co_filename.endswith(".j2") else None


def _generate(
    template: jinja2.Template, context: Mapping[str, Any], seconds: float | None
) -> str:
    """Render with the output limit and, when ``seconds`` is given, the time limit."""
    previous = sys.gettrace()
    if seconds is not None:
        sys.settrace(_Deadline(seconds))
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _OverBudget(
                    f"the template wrote more than {MAX_OUTPUT_CHARS:,} characters"
                )
            parts.append(chunk)
        return "".join(parts)
    finally:
        if seconds is not None:
            sys.settrace(previous)


def render_markdown(env: jinja2.Environment, template: str, context: Mapping[str, Any]) -> str:
    """Render one template to Markdown.

    Raises:
        TemplateError: The template is missing, a link out of its folder, has a
            syntax error, fails while rendering, runs past its time limit, writes
            past the output limit, or writes a character a document cannot hold;
            the error names the template file and, where known, the line.
    """
    seconds = USER_TEMPLATE_SECONDS if isinstance(env, _UserSandbox) else None
    compiled: jinja2.Template | None = None
    try:
        compiled = env.get_template(template)
        text = _generate(compiled, context, seconds)
    except TemplateError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' was not found", path=template) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax: {exc.message}", path=exc.filename or template, line=exc.lineno
        ) from None
    except (jinja2.exceptions.SecurityError, _OverBudget, MemoryError, RecursionError) as exc:
        path, line = _template_frame(exc, (compiled and compiled.filename) or template)
        what = {MemoryError: "ran out of memory", RecursionError: "recursed too deeply"}
        raise TemplateError(
            f"the template tried something unsafe: {exc}"
            if isinstance(exc, SecurityError)
            else what.get(type(exc), str(exc)),
            path=path,
            line=line,
            hint="templates must finish in seconds and write a document, not a library",
        ) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's
        path, line = _template_frame(exc, (compiled and compiled.filename) or template)
        raise TemplateError(f"{type(exc).__name__}: {exc}", path=path, line=line) from None
    bad = _XML_FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise TemplateError(
            f"the template's output holds a control character (U+{ord(bad.group()):04X}) "
            f"on line {line} of its output, which a document cannot hold",
            path=(compiled and compiled.filename) or template,
            hint="remove the character (or the escape that makes it) from the template",
        )
    return text


def _template_frame(exc: BaseException, template: str) -> tuple[str, int | None]:
    """Find the innermost template frame in the traceback Jinja rewrote."""
    found: tuple[str, int | None] = (template, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = (frame.filename, frame.lineno)
    return found
