"""The plain-language report: sentence and paragraph length, readability, acronyms.

Each document is rendered once more with every answer wrapped in two private-use
characters by the ``md`` filter (the only way an answer reaches a template), so
the report can tell the user's own words from ours without guessing. The user's
text gets warnings located at the answer they came from; our text (templates with
each answer counted as one word) is held to the same limits by the test suite.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2

from cxacq.answers.loader import Loaded
from cxacq.answers.model import Answers
from cxacq.answers.validate import field_path
from cxacq.documents.catalog import AUDIENCES, DocumentKind, documents_for
from cxacq.documents.context import build_context
from cxacq.documents.doctree import (
    Block,
    BulletList,
    Notice,
    OrderedList,
    Paragraph,
    Table,
    plain_text,
)
from cxacq.documents.render import make_environment, md_escape, render_markdown
from cxacq.engine.reader import read_markdown
from cxacq.errors import Diagnostic, Severity
from cxacq.resources import templates_dir

__all__ = [
    "LONG_PARAGRAPH",
    "LONG_SENTENCE",
    "PLAIN_CODES",
    "DocumentReport",
    "Stats",
    "plain_diagnostics",
    "plain_reports",
    "sentences",
]

LONG_SENTENCE = 35  # words; plain-language guidance aims for an average under 20
LONG_PARAGRAPH = 150  # words
GRADE_AIM = {"offerors": 10.0, "government": 12.0}  # Flesch-Kincaid grade to aim at or below
PLAIN_CODES = {
    "PLN-C01": "A sentence in your answers is over 35 words",
    "PLN-C02": "A paragraph in your answers is over 150 words",
    "PLN-C03": "An acronym is used before it is defined",
}
OPEN, CLOSE = "\ue000", "\ue001"
_SPAN = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)
_ABBREVIATIONS = re.compile(
    r"\b(U\.S\.C|U\.S|e\.g|i\.e|etc|No|Nos|Mr|Ms|Dr|St|Inc|vs|approx)\.", re.I
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]")
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z])s?\)")
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z])s?(?![\w-])")
_ROMAN = re.compile(r"[IVXLC]+")


def sentences(text: str) -> list[str]:
    """Split text into sentences, keeping "U.S." and "e.g." inside theirs."""
    guarded = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    return [s.replace("\u2024", ".").strip() for s in _BOUNDARY.split(guarded) if s.strip()]


def _words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


@dataclass
class Stats:
    """Lengths of one body of text."""

    sentences: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)  # words in each

    def add(self, text: str) -> None:
        """Count one paragraph (or table cell, or list item)."""
        if not _WORD.search(text):
            return
        self.paragraphs.append(_words(text))
        self.sentences.extend(sentences(text))

    @property
    def lengths(self) -> list[int]:
        """Words in each sentence."""
        return [_words(s) for s in self.sentences]

    def grade(self) -> float | None:
        """Return the Flesch-Kincaid grade level, or None for too little text."""
        if len(self.sentences) < 3:
            return None
        import textstat

        # "en-US" (not "en_US") makes textstat count syllables with pyphen's US English
        # hyphenation patterns only: its CMU dictionary takes about 2.5 s to load, which
        # would make `cxacq check` several times slower; grades come out about one level
        # lower than with it, the same for every document, so comparisons still hold.
        textstat.set_lang("en-US")
        text = " ".join(s if s[-1] in ".!?" else s + "." for s in self.sentences)
        return float(textstat.flesch_kincaid_grade(text))

    def summary(self) -> str:
        """Say what a reader of the report needs in one line."""
        lengths = self.lengths
        if not lengths:
            return "no text"
        grade = self.grade()
        average = sum(lengths) / len(lengths)
        shown = f", grade {grade:.1f}" if grade is not None else ""
        return (f"{sum(self.paragraphs):,} words, {len(lengths)} sentences averaging "
                f"{average:.1f} words (longest {max(lengths)}), longest paragraph "
                f"{max(self.paragraphs)} words{shown}")


@dataclass
class Unit:
    """One paragraph, list item or table cell, with the answers inside it marked."""

    marked: str
    cell: bool = False  # a table cell: data rather than prose

    @property
    def text(self) -> str:
        """The text a reader sees."""
        return self.marked.replace(OPEN, "").replace(CLOSE, "")

    @property
    def answers(self) -> list[str]:
        """The user's own words in this unit, one string per answer."""
        return [m.group(1) for m in _SPAN.finditer(self.marked)]

    @property
    def ours(self) -> str:
        """Our words, with each answer counted as one word (ending a sentence if it did)."""
        return _SPAN.sub(lambda m: "answer" + m.group(1).rstrip()[-1:] * (
            m.group(1).rstrip()[-1:] in (".", "!", "?")), self.marked)


@dataclass
class DocumentReport:
    """The plain-language figures for one document."""

    kind: DocumentKind
    units: list[Unit]

    @property
    def audience(self) -> str:
        """Who reads it: "offerors" or "government" (see cxacq.documents.catalog.AUDIENCES)."""
        return self.kind.audience

    def user(self) -> Stats:
        """Figures for the user's own words."""
        stats = Stats()
        for unit in self.units:
            for answer in unit.answers:
                stats.add(answer)
        return stats

    def ours(self) -> Stats:
        """Figures for our template text."""
        stats = Stats()
        for unit in self.units:
            if not unit.cell and _SPAN.sub("", unit.marked).strip(" .,;:"):
                stats.add(unit.ours)
        return stats

    def acronyms_before_definition(self) -> Iterator[tuple[str, Unit]]:
        """Yield (acronym, unit of first use) for acronyms used before they are defined."""
        first: dict[str, int] = {}
        defined: dict[str, int] = {}
        for index, unit in enumerate(self.units):
            text = unit.text
            for match in _DEFINED.finditer(text):
                defined.setdefault(match.group(1), index)
            for match in _ACRONYM.finditer(text):
                name = match.group(1)
                if _ROMAN.fullmatch(name) or len(name) < 2:
                    continue
                inside = text[max(0, match.start() - 1):match.end() + 1]
                if inside.startswith("(") and inside.endswith(")"):
                    continue
                first.setdefault(name, index)
        for name, index in first.items():
            if name in defined and defined[name] > index:
                yield name, self.units[index]


def _units(blocks: Iterable[Block]) -> Iterator[Unit]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield Unit(plain_text(block.inlines))
        elif isinstance(block, BulletList | OrderedList):
            for item in block.items:
                yield from _units(item.blocks)
        elif isinstance(block, Notice):
            yield from _units(block.blocks)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield Unit(plain_text(cell), cell=True)


def _marked(value: Any) -> str:
    text = md_escape(value)
    return f"{OPEN}{text}{CLOSE}" if text else text


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """Build the marking environment once per process, so templates compile once."""
    env = make_environment([templates_dir()], sandboxed=False)
    env.filters.update(md=_marked, md_escape=_marked)
    return env


def plain_reports(answers: Answers) -> list[DocumentReport]:
    """Render every document of the package with answers marked, and measure it.

    Raises:
        TemplateError: A template fails (the same failure ``render`` would report).
    """
    env = _environment()
    reports = []
    for kind in documents_for(answers):
        if kind.template is None:  # a workbook: figures and prose come from templates only
            continue
        text = render_markdown(env, kind.template, build_context(answers, kind=kind.key))
        doc = read_markdown(text, source=kind.template)
        reports.append(DocumentReport(kind, list(_units(doc.blocks))))
    return reports


def _answer_locations(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str, tuple]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _answer_locations(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _answer_locations(value, (*loc, index))
    elif isinstance(data, str):
        yield md_escape(data), loc


def _clip(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def plain_diagnostics(
    reports: list[DocumentReport], loaded: Loaded, *, ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """Return warnings on the user's own text, each located at the answer it came from."""
    where = dict(_answer_locations(loaded.data))
    ignored = set(ignore)
    # One finding per answer and problem, naming every document it shows in: the same
    # answer printed in the strategy and the statement of objectives is one thing to fix.
    found: dict[tuple[str, str, str], tuple[Any, str, list[str], str]] = {}

    def warn(code: str, answer: str, what: str, title: str, hint: str) -> None:
        if code in ignored:
            return
        loc = where.get(md_escape(answer.replace(OPEN, "").replace(CLOSE, "")))
        titles = found.setdefault((code, str(loc), what), (loc, what, [], hint))[2]
        if title not in titles:
            titles.append(title)

    for report in reports:
        title = report.kind.title.lower()
        for unit in report.units:
            for answer in unit.answers:
                for sentence in sentences(answer):
                    if _words(sentence) > LONG_SENTENCE:
                        warn("PLN-C01", answer,
                             f"a sentence of {_words(sentence)} words in the \0: "
                             f"\"{_clip(sentence)}\"", title,
                             f"split it; aim for under 20 words, never over {LONG_SENTENCE}")
                if _words(answer) > LONG_PARAGRAPH:
                    warn("PLN-C02", answer,
                         f"a paragraph of {_words(answer)} words in the \0", title,
                         f"break it into paragraphs of at most {LONG_PARAGRAPH} words")
        for name, unit in report.acronyms_before_definition():
            for answer in unit.answers:
                if _ACRONYM.search(answer) and name in answer:
                    warn("PLN-C03", answer, f"{name} is used in the \0 before it is spelled out",
                         title, f"spell it out at its first use, e.g. 'full name ({name})'")
                    break
    diagnostics = []
    for (code, _, _), (loc, what, titles, hint) in found.items():
        position = loaded.position_of(loc) if loc is not None else None
        named = titles[0] if len(titles) == 1 else (
            ", the ".join(titles[:-1]) + " and the " + titles[-1])
        diagnostics.append(Diagnostic(
            path=loaded.path, message=what.replace("\0", named, 1), code=code,
            severity=Severity.WARNING,
            line=position[0] if position else None, column=position[1] if position else None,
            field=field_path(loc) if loc is not None else None, hint=hint,
            citation="Federal plain language guidelines",
        ))
    return sorted(diagnostics, key=Diagnostic.sort_key)


def plain_notes(reports: list[DocumentReport]) -> list[str]:
    """Return the report's lines for the text output: figures per document."""
    notes = []
    for report in reports:
        aim = GRADE_AIM[report.audience]
        notes.append(f"Plain language, {report.kind.title.lower()} "
                     f"(for {AUDIENCES[report.audience]}, aim at grade {aim:g} or lower):")
        notes.append(f"  your text: {report.user().summary()}")
        notes.append(f"  our text:  {report.ours().summary()}")
    return notes
