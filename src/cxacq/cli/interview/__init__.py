"""`cxacq init --interactive`: a guided interview that writes the answers file.

The interview asks for every answer in the DHS guidance's order, checks each one
as it is given, shows a summary and the guidance checks at the end, and writes
the same commented answers file as ``cxacq init``. It writes the answers file
only at the very end; until then every answer is kept in a draft beside it, which
``cxacq init --resume`` continues after Ctrl-C or a closed terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.scaffold import check_target, scaffold_text, write_answers
from cxacq.answers.validate import field_path, find_problems, validate_loaded
from cxacq.cli.console import Console, Table, escape
from cxacq.cli.interview.prompter import Prompter
from cxacq.cli.reporter import REPORTERS
from cxacq.engine.atomic import write_text_file
from cxacq.engine.pipeline import check_answers
from cxacq.errors import InputError, Interrupted, OptionError, OutputError
from cxacq.guidance.todo import mark_to_do, to_do_locs

__all__ = ["draft_path", "interview_answers", "section_names"]

INTRO = (
    "This interview walks through the DHS Acquisition Guidance for CX Support in its own order: "
    "the persistent customer need, the vision, the three capacity questions, your needs and "
    "priorities, partners and capacity building, sharing research, funding, market research, "
    "the acquisition approach, the evaluation and the oral presentation. Each answer is checked "
    "as you give it. Press Enter to accept a value shown as the default; type ? to mark an "
    "answer \"to do\" and come back to it later. Every answer is saved in a draft as you go: "
    "Ctrl-C stops, and `cxacq init --resume` continues where you stopped."
)

DRAFT_KEY = "cxacq_interview_draft"
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when installed


def section_names() -> tuple[str, ...]:
    """Return the names ``--section`` accepts, in the interview's order."""
    from cxacq.cli.interview.engine import SECTIONS

    return SECTIONS


def draft_path(target: Path) -> Path:
    """Return the draft kept beside ``target`` while its interview is unfinished."""
    return target.parent / f".{target.name}.draft"


def interview_answers(
    target: Path,
    *,
    console: Console,
    read: Callable[[str], str],
    echo: bool,
    source: Path | None = None,
    force: bool = False,
    quick: bool = False,
    section: str | None = None,
    resume: bool = False,
    pending: Callable[[], bool] = lambda: False,
) -> list[Path]:
    """Interview the user and write the answers file (and the schema beside it).

    Every answer is saved at once in a draft beside the target (:func:`draft_path`),
    which ``resume`` continues; the draft is removed when the answers file is written.

    Args:
        target: The answers file to write.
        console: Where questions are shown.
        read: Reads one line of input after showing a prompt (``input``).
        echo: Show each answer after reading it (for piped input).
        source: An example or earlier answers file whose values become the defaults.
        force: Overwrite an existing target.
        quick: Take the short path without asking (only what a package needs).
        section: Go through this section only; the others keep their answers.
        resume: Continue the interview saved in the target's draft.
        pending: Whether more input is already waiting (a paste) on a terminal.

    Returns:
        The files written.

    Raises:
        InputError: ``source`` or the draft cannot be read, or input ended before the
            interview did (the draft is kept).
        Interrupted: The user pressed Ctrl-C (the draft is kept).
        OptionError: ``section`` is not a section, or has no answers to revise; no draft
            to resume.
        OutputError: The target exists (without ``force``), a draft is in the way, or a
            file cannot be written.
    """
    from cxacq.cli.interview.engine import SECTIONS, Interview

    draft = draft_path(target)
    replay: dict[str, Any] = {}
    todo: list[str] = []
    mode: bool | None = quick
    if resume:
        state = _read_draft(draft, target)
        source = Path(state["source"]) if state.get("source") else None
        mode, section, force = state.get("quick"), state.get("section"), bool(state.get("force"))
        replay, todo = dict(state.get("answers") or {}), list(state.get("todo") or [])
    elif draft.exists():
        raise OutputError(
            "an unfinished interview for this file is saved in "
            f"{draft.name}; nothing was asked",
            path=str(target),
            hint=f"continue it with `cxacq init --resume {target}`, or delete {draft} to "
            "start again",
        )
    if section is not None:
        if section not in SECTIONS:
            raise OptionError(
                f"there is no section '{section}'; the sections are: {', '.join(SECTIONS)}"
            )
        if source is None and target.exists():
            source = target  # revise the file in place
        if source is None:
            raise OptionError(
                f"--section {section} revises answers, and {target} does not exist yet",
                hint="run the whole interview first, or give the answers to start from with "
                "--from",
            )
    if source is None and not quick and section is None and not resume:
        mode = None  # ask: short or full?
    check_target(target, force=force, replacing=source)
    start, marked = _start(source, console)
    prompter = Prompter(console, read, echo=echo, pending=pending)
    interview = Interview(
        prompter, start, quick=mode, only=section, replay=replay,
        todo=todo or marked,
    )

    def save() -> None:
        state = {
            DRAFT_KEY: 1,
            "note": "An unfinished `cxacq init` interview; not an answers file. Continue it "
            f"with: cxacq init --resume {target.name}",
            "source": str(source.resolve()) if source is not None else None,
            "quick": mode, "section": section, "force": force,
            "answers": interview.journal, "todo": sorted(interview.todo),
        }
        # The draft is rewritten after every answer: libyaml's emitter, where installed, keeps
        # that from costing most of a long interview's time (the pure-Python one took 75 %).
        text = yaml.dump(state, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)
        write_text_file(draft, text)

    interview.on_answer = save
    prompter.say(f"[bold]cxacq interview[/]: your answers will be saved to {_esc(str(target))}.")
    if resume:
        prompter.say(f"Continuing where you stopped, with the answers kept in {_esc(draft.name)}.")
    else:
        prompter.say(INTRO)
    started = time.monotonic()
    try:
        data = interview.run()
        written = _finish(prompter, interview, data, target, source=source, force=force)
    except KeyboardInterrupt:
        console.print()  # end the prompt's line before the message
        if not interview.journal:
            raise Interrupted("the interview was stopped; nothing was written",
                              path=str(target)) from None
        raise Interrupted(
            f"the interview was stopped; your answers so far are kept in {draft.name}",
            path=str(target),
            hint=f"continue where you stopped with: cxacq init --resume {target}",
        ) from None
    except EOFError:
        kept = (
            f"; your answers so far are kept in {draft.name}"
            if interview.journal else "; nothing was written"
        )
        raise InputError(
            "input ended before the interview finished" + kept,
            path=str(target),
            hint=f"continue with `cxacq init --resume {target}`, or run `cxacq init "
            "--no-input` for a commented file to edit",
        ) from None
    minutes = (time.monotonic() - started) / 60
    prompter.say(
        f"You answered {interview.asked} questions in {minutes:.0f} minute(s)."
        if minutes >= 1 else f"You answered {interview.asked} questions."
    )
    if written:
        draft.unlink(missing_ok=True)
    else:
        prompter.say(f"Your answers stay in {_esc(draft.name)}; `cxacq init --resume "
                     f"{_esc(str(target))}` goes through the end again.")
    return written


def _read_draft(draft: Path, target: Path) -> dict[str, Any]:
    if not draft.exists():
        raise OptionError(
            f"there is no unfinished interview for {target} to resume (no {draft.name})",
            hint=f"start one with `cxacq init --interactive {target}`",
        )
    try:
        state = yaml.safe_load(draft.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the interview draft: {exc}", path=str(draft)) from None
    if not isinstance(state, dict) or state.get(DRAFT_KEY) != 1:
        raise InputError(
            "this is not a draft `cxacq init --interactive` wrote",
            path=str(draft),
            hint="delete it to start the interview again",
        )
    return state


def _start(source: Path | None, console: Console) -> tuple[dict[str, Any], list[str]]:
    """Return the answers to start from and the ones marked "to do" in that file."""
    if source is None:
        return {}, []
    loaded = load_answers_file(source)
    _, problems = find_problems(loaded.data)
    if problems:
        console.print(
            f"{_esc(str(source))} has {len(problems)} answer(s) that need attention; "
            "the interview will ask for them:"
        )
        for problem in problems:
            console.print(f"  - {_esc(field_path(problem.loc))}: {_esc(problem.message)}")
    data: dict[str, Any] = loaded.data
    return data, [field_path(loc) for loc in to_do_locs(loaded)]


def _finish(
    prompter: Any,
    interview: Any,
    data: dict[str, Any],
    target: Path,
    *,
    source: Path | None,
    force: bool,
) -> list[Path]:
    from cxacq.cli.interview.engine import parse_key

    header = (
        "Written by `cxacq init --interactive` from your answers. Edit it in any text editor,",
        f"or go through the interview again with: cxacq init --interactive --from {target.name} "
        f"{target.name}, or one section with: cxacq init --section NAME {target.name}",
        "`cxacq validate` points at any mistake by line and field; `cxacq check` at gaps",
        "and at every answer marked '# TO DO'.",
    )
    text = mark_to_do(
        scaffold_text(data, header=header), [parse_key(key) for key in interview.todo]
    )
    loaded = load_answers_text(text, str(target))
    answers = validate_loaded(loaded)  # the interview only ends on answers that validate
    prompter.heading("Summary")
    prompter.console.print(_summary_table(answers))
    prompter.heading(
        "Guidance checks",
        "The same checks `cxacq check` runs; lines refer to the file about to be written.",
    )
    result = check_answers(answers, loaded)
    unreplaced = [d for d in result.diagnostics if d.code == "HYG-C01"]
    if len(unreplaced) > 3:  # one line instead of a wall of "still the example value"
        result.diagnostics = [d for d in result.diagnostics if d.code != "HYG-C01"]
        result.notes.append(
            f"HYG-C01: {len(unreplaced)} answers are still the starter example's text; "
            f"`cxacq check {target}` lists each one."
        )
    REPORTERS["text"]("check", [result], {})
    marked = len(to_do_locs(loaded))
    if marked:
        prompter.say(
            f"{marked} answer(s) are marked to do (HYG-C03); `cxacq check {_esc(str(target))}` "
            "lists each at its line."
        )
    prompter.key = "replace"
    if target.exists() and not prompter.confirm(
        f"Replace {target} with these answers? Comments you added to it by hand are not kept.",
        default=True,
    ):
        prompter.say("Nothing was written.")
        return []
    written = write_answers(target, text, force=force)
    for path in written:
        prompter.say(f"wrote {_esc(str(path))}")
    prompter.say(
        f"Next: `cxacq check {_esc(str(target))}`, "
        f"then `cxacq render {_esc(str(target))} --out out`."
    )
    return written


def _summary_table(answers: Any) -> Any:
    from cxacq.documents.context import LABELS

    a = answers
    table = Table(show_header=True, title=None, expand=False)
    table.add_column("Topic", style="bold")
    table.add_column("Your answer")
    ranked = sorted(a.needs, key=lambda n: n.rank)
    oral = a.oral_presentation
    cx_people = [e.name for e in a.evaluation.evaluators if e.cx_expertise]
    rows = [
        ("Program", f"{a.program.name} ({a.program.component})"),
        ("Service", a.program.service),
        ("Persistent need", a.customer_need.pain_point),
        ("Vision (5 years)", a.vision.five_year),
        ("One-year stretch", a.vision.one_year_target or "not stated"),
        ("Success measures", ", ".join(m.name for m in a.capacity.success_measures)),
        ("Needs, by priority", "; ".join(f"{n.rank}. {n.need}" for n in ranked)),
        ("Support", LABELS["support_model"][a.support_model]),
        ("Funding", f"${a.funding.total:,.0f} over {a.funding.total_months} months "
         f"({a.funding.status})"),
        ("Contract", f"{LABELS['contract_type'][a.acquisition.contract_type]}, "
         f"{a.acquisition.vehicle}"),
        ("Evaluation", f"{len(a.evaluation.factors)} factors; "
         f"{LABELS['basis_for_award'][a.evaluation.basis_for_award]}"),
        ("CX expertise on the team", ", ".join(cx_people) or "none named"),
        ("Oral presentation", "not used" if not oral.used else (
            LABELS["session"][oral.session_kind]
            + (f": {oral.scenario.title}" if oral.scenario else ""))),
    ]
    for topic, value in rows:
        table.add_row(topic, _esc(value))
    return table


def _esc(text: str) -> str:
    return escape(text)
