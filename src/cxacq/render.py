"""The one Jinja environment: strict, with every filter registered here.

Templates produce Markdown. Answers are data, never templates: every user string
goes through the ``md`` filter, which makes it literal text that cannot create
Markdown structure. Templates from ``--templates`` run in Jinja's sandbox.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cxacq.errors import TemplateError

__all__ = ["join_and", "longdate", "make_environment", "md_escape", "money", "render_markdown"]

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


def make_environment(search_path: list[Path], *, sandboxed: bool) -> jinja2.Environment:
    """Build the template environment over ``search_path`` (first match wins)."""
    cls = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = cls(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,
    )
    env.filters.update(
        md=md_escape, md_escape=md_escape, money=money, longdate=longdate,
        join_and=join_and, extract=_extract,
    )
    return env


def render_markdown(env: jinja2.Environment, template: str, context: Mapping[str, Any]) -> str:
    """Render one template to Markdown.

    Raises:
        TemplateError: The template is missing, has a syntax error, or fails while
            rendering; the error names the template file and line.
    """
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' was not found", path=template) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax: {exc.message}", path=exc.filename or template, line=exc.lineno
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        path, line = _template_frame(exc, template)
        raise TemplateError(
            f"the template tried something unsafe: {exc}",
            path=path,
            line=line,
        ) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's
        path, line = _template_frame(exc, template)
        raise TemplateError(f"{type(exc).__name__}: {exc}", path=path, line=line) from None


def _template_frame(exc: BaseException, template: str) -> tuple[str, int | None]:
    """Find the innermost template frame in the traceback Jinja rewrote."""
    found: tuple[str, int | None] = (template, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = (frame.filename, frame.lineno)
    return found
