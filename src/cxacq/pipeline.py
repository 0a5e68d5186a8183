"""Run the stages for each answers file and collect results; never prints or exits.

Every command processes all its inputs, so one bad file never hides problems in
the others; the CLI reports once everything is done.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cxacq.errors import CxacqError, ExitCode, FileResult
from cxacq.inputs import expand_inputs
from cxacq.model import Answers
from cxacq.validate import load_and_validate

__all__ = ["validate_files", "validate_one"]


def validate_one(path: Path) -> tuple[FileResult, Answers | None]:
    """Load and validate one file, returning its result and the answers if valid."""
    result = FileResult(path=str(path))
    try:
        answers = load_and_validate(path)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return result, None
    return result, answers


def validate_files(paths: Iterable[str]) -> list[FileResult]:
    """Validate every answers file named by ``paths`` (files, directories, globs)."""
    return [validate_one(path)[0] for path in expand_inputs(paths)]


def worst_exit(results: Iterable[FileResult]) -> ExitCode:
    """Return the exit code for a run: the most serious code among the files."""
    order = [ExitCode.INTERNAL, ExitCode.OUTPUT, ExitCode.TEMPLATE, ExitCode.INPUT]
    codes = {r.exit_code for r in results}
    for code in order:
        if code in codes:
            return code
    return ExitCode.OK
