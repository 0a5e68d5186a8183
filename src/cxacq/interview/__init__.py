"""`cxacq init --interactive`: a guided interview that writes the answers file.

The interview asks for every answer in the DHS guidance's order, checks each one
as it is given, shows a summary and the guidance checks at the end, and writes
the same commented answers file as ``cxacq init``. It writes nothing until the
very end, so stopping it (Ctrl-C, end of input) leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cxacq.console import Console

__all__ = ["interview_answers"]

INTRO = (
    "This interview walks through the DHS Acquisition Guidance for CX Support in its own order: "
    "the persistent customer need, the vision, the three capacity questions, your needs and "
    "priorities, partners and capacity building, sharing research, funding, market research, "
    "the acquisition approach, the evaluation and the oral presentation. Each answer is checked "
    "as you give it. Press Enter to accept a value shown as the default; Ctrl-C stops without "
    "writing anything."
)


def interview_answers(
    target: Path,
    *,
    console: Console,
    read: Callable[[str], str],
    echo: bool,
    source: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Interview the user and write the answers file (and the schema beside it).

    Args:
        target: The answers file to write.
        console: Where questions are shown.
        read: Reads one line of input after showing a prompt (``input``).
        echo: Show each answer after reading it (for piped input).
        source: An example or earlier answers file whose values become the defaults.
        force: Overwrite an existing target.

    Returns:
        The files written.

    Raises:
        InputError: ``source`` cannot be read, or input ended before the interview did.
        Interrupted: The user pressed Ctrl-C; nothing was written.
        OutputError: The target exists (without ``force``) or cannot be written.
    """
    from cxacq.errors import InputError, Interrupted
    from cxacq.interview.engine import Interview
    from cxacq.interview.prompter import Prompter
    from cxacq.scaffold import check_target

    check_target(target, force=force, replacing=source)
    start = _start(source, console)
    prompter = Prompter(console, read, echo=echo)
    prompter.say(f"[bold]cxacq interview[/]: your answers will be saved to {_esc(str(target))}.")
    prompter.say(INTRO)
    try:
        data = Interview(prompter, start).run()
        return _finish(prompter, data, target, source=source, force=force)
    except KeyboardInterrupt:
        console.print()  # end the prompt's line before the message
        raise Interrupted(
            "the interview was stopped; nothing was written",
            path=str(target),
        ) from None
    except EOFError:
        raise InputError(
            "input ended before the interview finished; nothing was written",
            path=str(target),
            hint="answer every question, or run `cxacq init --no-input` for a commented file "
            "to edit",
        ) from None


def _start(source: Path | None, console: Console) -> dict[str, Any]:
    if source is None:
        return {}
    from cxacq.loader import load_answers_file
    from cxacq.validate import field_path, find_problems

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
    return data


def _finish(
    prompter: Any, data: dict[str, Any], target: Path, *, source: Path | None, force: bool
) -> list[Path]:
    from cxacq.loader import load_answers_text
    from cxacq.pipeline import check_answers
    from cxacq.reporter import REPORTERS
    from cxacq.scaffold import scaffold_text, write_answers
    from cxacq.validate import validate_loaded

    header = (
        "Written by `cxacq init --interactive` from your answers. Edit it in any text editor,",
        f"or go through the interview again with: cxacq init --interactive --from {target.name} "
        f"{target.name}",
        "`cxacq validate` points at any mistake by line and field; `cxacq check` at gaps.",
    )
    text = scaffold_text(data, header=header)
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
    from cxacq.console import Table
    from cxacq.context import LABELS

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
        ("Oral presentation", oral.scenario.title if oral.used and oral.scenario else "not used"),
    ]
    for topic, value in rows:
        table.add_row(topic, _esc(value))
    return table


def _esc(text: str) -> str:
    from cxacq.console import escape

    return escape(text)
