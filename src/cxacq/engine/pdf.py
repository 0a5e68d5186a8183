"""PDF previews of a package's Word documents, made by headless LibreOffice.

LibreOffice is optional: when it is missing the Word documents still count as
rendered and the caller gets a warning. Each conversion runs one ``soffice``
process for the whole package, with its own throw-away user profile (so it never
hands the job to another running LibreOffice), in a temporary folder that is
removed afterwards, and with a time limit after which the whole process group is
killed. Nothing here prints; every outcome comes back as data or diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from cxacq.errors import Diagnostic, Severity

if TYPE_CHECKING:
    import subprocess

__all__ = [
    "DEFAULT_TIMEOUT",
    "PDF_FAILED",
    "PDF_SKIPPED",
    "SOFFICE_ENV",
    "TAGGED_PDF_FILTER",
    "ConversionFailed",
    "LibreOfficeMissing",
    "convert_to_pdf",
    "locate_soffice",
    "package_pdfs",
]

SOFFICE_ENV = "CXACQ_SOFFICE"  # path of the soffice program, searched for on PATH when unset
DEFAULT_TIMEOUT = 120  # seconds one package's conversion may take
# Tagged PDF (structure tags for screen readers); works with LibreOffice 7.4 and later.
TAGGED_PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
PDF_SKIPPED = "CX020"  # warning: LibreOffice is not installed, no PDFs
PDF_FAILED = "CX004"  # error: the conversion failed (an output could not be written, exit 4)

_KEPT = "the PDFs were not written (the Word documents were)"
_INSTALL = "install LibreOffice (e.g. apt-get install libreoffice-writer-nogui) to get PDFs"
_INSTALL_HINT = f"{_INSTALL}, or set {SOFFICE_ENV} to the soffice program"


class _PdfProblem(Exception):
    """A PDF problem with a ``message`` and a ``hint`` for the user."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class LibreOfficeMissing(_PdfProblem):
    """LibreOffice cannot be found; ``message`` and ``hint`` say where cxacq looked."""


class ConversionFailed(_PdfProblem):
    """LibreOffice ran but did not produce every PDF; ``message`` and ``hint`` say why."""


def locate_soffice(environ: Mapping[str, str] | None = None) -> str:
    """Return the LibreOffice program to run.

    Looks at ``$CXACQ_SOFFICE`` first (a path), then ``soffice`` and ``libreoffice``
    on ``PATH``.

    Raises:
        LibreOfficeMissing: ``$CXACQ_SOFFICE`` names a file that does not exist, or
            it is unset and neither program is on ``PATH``.
    """
    import shutil

    env = os.environ if environ is None else environ
    configured = env.get(SOFFICE_ENV, "")
    if configured:
        if not Path(configured).is_file():
            raise LibreOfficeMissing(
                f"PDFs not written: {SOFFICE_ENV} names {configured}, which does not exist; "
                "the Word documents were written",
                f"point {SOFFICE_ENV} at the soffice program or unset it to search PATH; "
                f"or {_INSTALL}",
            )
        return configured
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return found
    raise LibreOfficeMissing(
        "PDFs not written: LibreOffice (soffice) is not installed; the Word documents were written",
        _INSTALL_HINT,
    )


def _names(documents: Mapping[str, bytes]) -> str:
    return ", ".join(sorted(documents))


def _last_words(log: Path) -> str:
    """Return LibreOffice's last meaningful output line, for an error message."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    lines = [ln.strip() for ln in lines if ln.strip() and "javaldx" not in ln]
    return lines[-1][:300] if lines else ""


def _wait_unreaped(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait for the leader to exit but leave it unreaped, so its group id stays ours.

    Raises:
        subprocess.TimeoutExpired: It is still running after ``timeout`` seconds.
    """
    import subprocess
    import time

    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return
        except ChildProcessError:  # already reaped by someone else
            return
        if time.monotonic() >= deadline:
            raise subprocess.TimeoutExpired(process.args, timeout)
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a LibreOffice process group (soffice and its soffice.bin) and reap the leader.

    Called after every conversion, successful or not: a LibreOffice child that
    outlived its launcher is ended with it.
    """
    import signal
    import subprocess

    try:
        os.killpg(process.pid, signal.SIGKILL)  # the leader is not reaped yet, so the id is ours
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
        pass


def convert_to_pdf(
    soffice: str, documents: Mapping[str, bytes], *, timeout: float
) -> dict[str, bytes]:
    """Convert Word documents to tagged PDF in one LibreOffice run.

    The documents are copied into a new temporary folder that also holds
    LibreOffice's user profile, its temporary files and its output; the folder is
    removed before returning, whatever happens.

    Args:
        soffice: The LibreOffice program (see :func:`locate_soffice`).
        documents: ``{"name.docx": bytes}``.
        timeout: Seconds to wait before killing LibreOffice.

    Returns:
        ``{"name.pdf": bytes}`` for every document.

    Raises:
        LibreOfficeMissing: ``soffice`` vanished before it could be started.
        ConversionFailed: LibreOffice could not be started, exited with an error,
            did not finish within ``timeout`` or left a PDF out.
    """
    import subprocess
    import tempfile

    names = _names(documents)
    with tempfile.TemporaryDirectory(prefix="cxacq-pdf-", ignore_cleanup_errors=True) as root:
        base = Path(root)
        inputs, outputs, profile, scratch = (base / n for n in ("in", "out", "profile", "tmp"))
        for folder in (inputs, outputs, profile, scratch):
            folder.mkdir()
        sources = []
        for name, data in documents.items():
            source = inputs / Path(name).name
            source.write_bytes(data)
            sources.append(str(source))
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", TAGGED_PDF_FILTER, "--outdir", str(outputs), *sources,
        ]
        env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
        log = base / "soffice.log"
        with log.open("wb") as sink:
            try:
                process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                    env=env, cwd=root, start_new_session=True,
                )
            except FileNotFoundError:
                raise LibreOfficeMissing(
                    f"PDFs not written: {soffice} could not be found; "
                    "the Word documents were written",
                    _INSTALL_HINT,
                ) from None
            except OSError as exc:
                raise ConversionFailed(
                    f"LibreOffice ({soffice}) could not be started to convert {names}: "
                    f"{exc.strerror or exc}; {_KEPT}",
                    f"check that {soffice} is the LibreOffice program and is executable",
                ) from None
            try:
                _wait_unreaped(process, timeout)
                _stop(process)  # also ends any child that outlived a finished launcher
                code = process.returncode
            except subprocess.TimeoutExpired:
                _stop(process)
                raise ConversionFailed(
                    f"LibreOffice did not finish within {timeout:g} s converting {names}; {_KEPT}",
                    "raise --pdf-timeout, or check that "
                    f"`{soffice} --headless --convert-to pdf FILE.docx` works on this machine",
                ) from None
            except BaseException:  # Ctrl-C: never leave LibreOffice running behind us
                _stop(process)
                raise
        said = _last_words(log)
        said = f" (LibreOffice said: {said})" if said else ""
        if code != 0:
            raise ConversionFailed(
                f"LibreOffice exited with status {code} converting {names}{said}; {_KEPT}",
                f"run `{soffice} --headless --convert-to pdf FILE.docx` by hand to see the problem",
            )
        pdfs: dict[str, bytes] = {}
        for name in sorted(documents):
            pdf_name = Path(name).with_suffix(".pdf").name
            produced = outputs / pdf_name
            data = produced.read_bytes() if produced.is_file() else b""
            if not data.startswith(b"%PDF"):
                state = "an empty or broken" if produced.exists() else "no"
                raise ConversionFailed(
                    f"LibreOffice wrote {state} {pdf_name} for {name}{said}; {_KEPT}",
                    f"open {name} in LibreOffice to see whether it loads",
                )
            pdfs[pdf_name] = data
        return pdfs


def package_pdfs(
    documents: Mapping[str, bytes],
    out_dir: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    environ: Mapping[str, str] | None = None,
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Make a PDF of each Word document of a package, all of them or none.

    Only the ``.docx`` entries of ``documents`` are converted. The PDFs join the
    package, which is then written as one unit. A missing LibreOffice gives a
    warning (the package itself is fine); a failed conversion gives an error,
    coded :data:`PDF_FAILED`, and no PDF.

    Args:
        documents: The package's files, ``{name: bytes}``.
        out_dir: The package folder (where the diagnostics point).
        timeout: Seconds LibreOffice may take for the whole package.
        environ: Environment to look for ``$CXACQ_SOFFICE`` and ``PATH`` in.

    Returns:
        ``{"name.pdf": bytes}`` (empty unless every PDF was made), and the
        diagnostics (empty on success).

    Raises:
        KeyboardInterrupt: Interrupted; LibreOffice has been stopped and the
            temporary folder removed.
    """
    docx = {name: data for name, data in documents.items() if name.endswith(".docx")}
    if not docx:
        return {}, []
    where = str(out_dir)
    try:
        soffice = locate_soffice(environ)
        return convert_to_pdf(soffice, docx, timeout=timeout), []
    except LibreOfficeMissing as exc:
        return {}, [Diagnostic(path=where, message=exc.message, hint=exc.hint,
                               code=PDF_SKIPPED, severity=Severity.WARNING)]
    except ConversionFailed as exc:
        return {}, [Diagnostic(path=where, message=exc.message, hint=exc.hint, code=PDF_FAILED)]
