"""Find the files cxacq ships: the templates directory and the reference document.

This is the single place that knows where they live. In a wheel the repository's
``templates/`` and ``examples/`` folders are installed as ``cxacq/templates`` and
``cxacq/examples``; in a source checkout or editable install they are found at the
repository root.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["examples_dir", "reference_docx_path", "templates_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent

# The shipped example `cxacq init` starts from (and `cxacq check` compares answers with).
STARTER_EXAMPLE = "uscis-work-authorization.yaml"


def templates_dir() -> Path:
    """Return the directory holding the shipped templates.

    Returns:
        The installed ``cxacq/templates`` folder when present, else the
        repository's ``templates/`` folder.
    """
    installed = _PACKAGE_DIR / "templates"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / "templates"


def examples_dir() -> Path:
    """Return the directory holding the shipped example answers files."""
    installed = _PACKAGE_DIR / "examples"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / "examples"


def reference_docx_path() -> Path:
    """Return the path of the shipped reference document (styles, page set-up)."""
    return templates_dir() / "reference.docx"
