"""A reference document is used for its styles and page set-up, and nothing else (issue 20).

Every hostile or broken reference here is generated from the shipped one: a zip
bomb, macros, an external attached template, custom XML and pictures, and the
plausible agency mistakes (a list style with no numbering, a Table Grid that is
not a table style, a dangling numbering id, no section properties). Each ends in
a package without the smuggled parts, or in exit 3 naming the file and the style.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from cxacq.engine.reference import build_reference, check_reference, clean_reference
from cxacq.engine.writers.docx_package import MAX_PART_BYTES
from cxacq.errors import ExitCode, TemplateError
from helpers import package_text

MINIMAL = EXAMPLES / "minimal.yaml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
GiB = 2**30


def _variant(
    path: Path,
    edit: dict[str, Callable[[bytes], bytes]] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """Write the shipped reference to ``path`` with parts edited or added."""
    source = zipfile.ZipFile(io.BytesIO(build_reference()))
    edit, add = edit or {}, add or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, edit[name](content) if name in edit else content)
        for name, content in add.items():
            target.writestr(name, content)
    return path


def _add_relationship(xml: bytes, rel: str) -> bytes:
    return xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _add_override(xml: bytes, part: str, content_type: str) -> bytes:
    return xml.replace(
        b"</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'.encode()
    )


# -- the reference path itself ------------------------------------------------------------


def test_folder_device_and_pipe_get_a_precise_message(tmp_path: Path, run_cli) -> None:
    fifo = tmp_path / "agency.docx"
    os.mkfifo(fifo)
    cases = [(tmp_path, "is a folder"), (Path("/dev/null"), "is not a regular file"),
             (fifo, "is not a regular file"), (tmp_path / "missing.docx", "does not exist")]
    for path, fragment in cases:
        started = time.monotonic()
        result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--reference-docx", path)
        assert time.monotonic() - started < 30  # a pipe is never opened for a blocking read
        assert result.exit_code == ExitCode.TEMPLATE, result.output
        assert f"{path}: error: the reference document {fragment}" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_oversized_reference_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as handle:  # sparse: no disk space used, nothing read
        handle.truncate(64 * 2**20)
    with pytest.raises(TemplateError, match=r"is 64\.0 MB; the limit is 20 MB"):
        clean_reference(big)


# -- zip bombs ----------------------------------------------------------------------------


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Return a raw deflate stream of ``size`` zero bytes (built cheaply) and its CRC-32."""
    block = bytes(2**20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # a full flush resets the dictionary, so the segment can be repeated as it is
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    return segment * (size // len(block)) + b"\x03\x00", crc  # + an empty final block


def _zip_with_raw_member(base: bytes, name: str, raw: bytes, crc: int, size: int,
                         declared: int | None = None) -> bytes:
    """Return ``base`` (a zip) with one more, pre-compressed member appended by hand."""
    source = zipfile.ZipFile(io.BytesIO(base))
    members = [(i.filename, source.read(i.filename)) for i in source.infolist()]
    out, central = io.BytesIO(), io.BytesIO()

    def put(member: str, data: bytes, method: int, crc32: int, usize: int) -> None:
        offset = out.tell()
        encoded = member.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 33, crc32,
                              len(data), usize, len(encoded), 0) + encoded + data)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 33,
                                  crc32, len(data), usize, len(encoded), 0, 0, 0, 0, 0,
                                  offset) + encoded)

    for member, data in members:
        put(member, data, 0, zlib.crc32(data), len(data))
    put(name, raw, 8, crc, size if declared is None else declared)
    start = out.tell()
    out.write(central.getvalue())
    count = len(members) + 1
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count,
                          len(central.getvalue()), start, 0))
    return out.getvalue()


@pytest.fixture(scope="module")
def gigabyte_of_zeros() -> tuple[bytes, int]:
    return _deflated_zeros(GiB)


def _bomb(tmp_path: Path, zeros: tuple[bytes, int], part: str, declared: int | None) -> Path:
    raw, crc = zeros
    base = zipfile.ZipFile(io.BytesIO(build_reference()))
    keep = io.BytesIO()
    with zipfile.ZipFile(keep, "w") as target:
        for name in base.namelist():
            if name != part:
                target.writestr(name, base.read(name))
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip_with_raw_member(keep.getvalue(), part, raw, crc, GiB, declared))
    return path


@pytest.mark.parametrize(
    ("declared", "fragment"),
    [(None, "inflates to more than 8 MB"), (200_000, "cannot be read (BadZipFile)")],
    ids=["honest-size", "lying-size"],
)
def test_zip_bomb_in_a_taken_part_fails_fast_in_small_memory(
    tmp_path: Path, gigabyte_of_zeros, declared: int | None, fragment: str
) -> None:
    bomb = _bomb(tmp_path, gigabyte_of_zeros, "word/styles.xml", declared)
    assert bomb.stat().st_size < 2 * 2**20  # about 1 MB on disk, 1 GiB inflated
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(TemplateError, match=r"part word/styles\.xml") as caught:
            check_reference(bomb)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert fragment in caught.value.message
    assert caught.value.path == str(bomb)
    assert elapsed < 2.0
    assert peak < 16 * 2**20 + MAX_PART_BYTES  # the file, at most one part, bookkeeping


def test_zip_bomb_in_another_part_is_never_inflated(
    tmp_path: Path, gigabyte_of_zeros, run_cli
) -> None:
    bomb = _bomb(tmp_path, gigabyte_of_zeros, "word/media/image9.png", None)
    script = (
        "import resource, sys\n"
        "from cxacq.cli.commands import run\n"
        "code = run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script, "render", str(MINIMAL), "--out", str(tmp_path / "out"),
         "--reference-docx", str(bomb)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (GiB, GiB)),
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    peak_kib = int(done.stdout.strip().splitlines()[-1])
    assert peak_kib < 400 * 1024, peak_kib  # a process that inflated the part would need 1 GiB
    assert elapsed < 60  # whole process; the reference costs milliseconds
    for path in (tmp_path / "out").rglob("*.docx"):
        names = zipfile.ZipFile(path).namelist()
        assert not [n for n in names if "media" in n], names


# -- nothing smuggled in ------------------------------------------------------------------

MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _smuggler(tmp_path: Path) -> Path:
    """A reference saved as a macro-enabled document with every kind of extra part."""
    header = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t>Agency header</w:t></w:r>'
        '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Logo"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<a:blip xmlns:a2="x" r:embed="rId1"/></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></w:r><w:hyperlink r:id="rId2"><w:r><w:t>intranet</w:t></w:r></w:hyperlink>'
        "</w:p></w:hdr>"
    )
    header_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/image" '
        f'Target="media/logo.png"/><Relationship Id="rId2" Type="{R}/hyperlink" '
        'Target="http://intranet.example" TargetMode="External"/></Relationships>'
    )
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/attachedTemplate" '
        'Target="file:///S:/Templates/Agency.dotm" TargetMode="External"/></Relationships>'
    )

    def document_rels(xml: bytes) -> bytes:
        xml = _add_relationship(xml, '<Relationship Id="rId90" Type="http://schemas.microsoft.com'
                                '/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>')
        xml = _add_relationship(xml, f'<Relationship Id="rId91" Type="{R}/header" '
                                'Target="header1.xml"/>')
        return _add_relationship(xml, f'<Relationship Id="rId92" Type="{R}/image" '
                                 'Target="media/photo.png"/>')

    def content_types(xml: bytes) -> bytes:
        xml = xml.replace(b"wordprocessingml.document.main+xml", MACRO_TYPE.encode())
        xml = _add_override(xml, "/word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
        xml = _add_override(xml, "/word/vbaData.xml", "application/vnd.ms-word.vbaData+xml")
        xml = _add_override(xml, "/word/header1.xml", "application/vnd.openxmlformats-"
                            "officedocument.wordprocessingml.header+xml")
        return xml.replace(b"<Default Extension=\"xml\"",
                           b'<Default Extension="png" ContentType="image/png"/>'
                           b'<Default Extension="xml"')

    def document(xml: bytes) -> bytes:
        return xml.replace(b"<w:sectPr ", b'<w:p><w:r><w:t>Secret draft text</w:t></w:r></w:p>'
                           b"<w:sectPr ").replace(
            b"<w:pgSz", f'<w:headerReference xmlns:r="{R}" w:type="default" r:id="rId91"/>'
            "<w:pgSz".encode())

    def settings(xml: bytes) -> bytes:
        return xml.replace(b"<w:zoom", f'<w:attachedTemplate xmlns:r="{R}" r:id="rId1"/>'
                           '<w:documentProtection w:edit="readOnly" w:enforcement="1"/>'
                           "<w:zoom".encode())

    return _variant(
        tmp_path / "smuggler.docm",
        edit={"word/_rels/document.xml.rels": document_rels, "[Content_Types].xml": content_types,
              "word/document.xml": document, "word/settings.xml": settings},
        add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro " * 100,
             "word/vbaData.xml": b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne='
                                 b'"http://schemas.microsoft.com/office/word/2006/wordml"/>',
             "word/_rels/settings.xml.rels": settings_rels.encode(),
             "word/header1.xml": header.encode(),
             "word/_rels/header1.xml.rels": header_rels.encode(),
             "word/media/logo.png": b"\x89PNG logo", "word/media/photo.png": b"\x89PNG photo"},
    )


def test_macros_external_relationships_and_media_never_reach_an_output(
    tmp_path: Path, run_cli
) -> None:
    from ooxml import validate_package

    reference = _smuggler(tmp_path)
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--reference-docx", reference)
    assert result.exit_code == 0, result.output
    outputs = sorted((tmp_path / "out").rglob("*.docx"))
    assert outputs
    for path in outputs:
        data = path.read_bytes()
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        text = package_text(data)
        assert not [n for n in names if "vba" in n.lower() or "media" in n or "customXml" in n]
        for smuggled in ("vbaProject", "vbaData", "macroEnabled", "attachedTemplate",
                         "Agency.dotm", "documentProtection", "Secret draft text",
                         "intranet.example", "logo.png"):
            assert smuggled not in text, (path.name, smuggled)
        assert validate_package(data) == [], path.name


def test_cleaned_reference_keeps_only_the_promised_parts(tmp_path: Path) -> None:
    cleaned = zipfile.ZipFile(io.BytesIO(clean_reference(_smuggler(tmp_path))))
    assert sorted(cleaned.namelist()) == [
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "word/_rels/document.xml.rels", "word/document.xml", "word/fontTable.xml",
        "word/header1.xml", "word/numbering.xml", "word/settings.xml", "word/styles.xml",
        "word/theme/theme1.xml",
    ]
    header = cleaned.read("word/header1.xml")
    assert b"Agency header" in header and b"w:drawing" not in header and b"r:id" not in header


# -- references that lack what cxacq needs ------------------------------------------------


def _styles(old: bytes, new: bytes) -> dict[str, Callable[[bytes], bytes]]:
    def edit(xml: bytes) -> bytes:
        assert old in xml
        return xml.replace(old, new, 1)

    return {"word/styles.xml": edit}


LIST_NUMBER = b'w:styleId="ListNumber"><w:name w:val="List Number"/>'
BROKEN = {
    "list-number-without-numbering": (
        _styles(b'<w:numPr><w:numId w:val="5"/></w:numPr><w:spacing w:after="80"/>',
                b'<w:spacing w:after="80"/>'),
        "the style 'List Number' in the reference document has no numbering",
    ),
    "table-grid-of-the-wrong-type": (
        _styles(b'<w:style w:type="table" w:styleId="TableGrid">',
                b'<w:style w:type="paragraph" w:styleId="TableGrid">'),
        "the style 'Table Grid' in the reference document is a paragraph style; "
        "it must be a table style",
    ),
    "dangling-numbering-id": (
        _styles(b'<w:numId w:val="5"/>', b'<w:numId w:val="99"/>'),
        "the style 'List Number' uses numbering 99, which the reference document does not define",
    ),
    "no-section-properties": (
        {"word/document.xml": lambda xml: xml[: xml.index(b"<w:sectPr")] + b"</w:body>"
         b"</w:document>"},
        "the reference document has no section properties (page set-up)",
    ),
    "strict-open-xml": (
        {"word/document.xml": lambda xml: xml.replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main")},
        "the reference document's main part word/document.xml is not a Word "
        "(WordprocessingML transitional) document",
    ),
    "missing-style": (
        _styles(b'<w:name w:val="heading 2"/>', b'<w:name w:val="Agency Head"/>'),
        "the reference document is missing the style 'Heading 2'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_reference_lacking_what_cxacq_needs_is_exit_3_naming_file_and_style(
    tmp_path: Path, run_cli, case: str
) -> None:
    edit, message = BROKEN[case]
    reference = _variant(tmp_path / f"{case}.docx", edit=edit)
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--reference-docx", reference)
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{reference}: error: {message}" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_list_style_may_take_its_numbering_from_its_base_style(tmp_path: Path) -> None:
    # List Number 2 based on List Number, with no numbering of its own, is usable
    edit = _styles(
        b'<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        b'<w:rsid w:val="0029639D"/><w:pPr><w:numPr><w:numId w:val="6"/></w:numPr>',
        b'<w:basedOn w:val="ListNumber"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        b'<w:rsid w:val="0029639D"/><w:pPr>',
    )
    check_reference(_variant(tmp_path / "based.docx", edit=edit))


def test_unreadable_style_markup_is_exit_3_not_an_internal_error(tmp_path: Path, run_cli) -> None:
    # a w:num without its w:abstractNumId: python-docx cannot follow it
    def numbering(xml: bytes) -> bytes:
        num = b'<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>'
        assert num in xml
        return xml.replace(num, b'<w:num w:numId="5"/>')

    reference = _variant(tmp_path / "odd.docx", edit={"word/numbering.xml": numbering})
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--reference-docx", reference)
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{reference}: error: the reference document's styles or numbering cannot be read" \
        in result.stderr, result.stderr


def test_reference_zoom_without_percent_is_completed(tmp_path: Path) -> None:
    # python-docx's own template, like many files, has w:zoom without the required w:percent
    reference = _variant(tmp_path / "zoom.docx", edit={"word/settings.xml": lambda xml: xml.replace(
        b'<w:zoom w:val="bestFit" w:percent="100"/>', b'<w:zoom w:val="bestFit"/>')})
    assert b'w:percent' not in zipfile.ZipFile(reference).read("word/settings.xml")
    cleaned = zipfile.ZipFile(io.BytesIO(clean_reference(reference)))
    assert b'<w:zoom w:val="bestFit" w:percent="100"/>' in cleaned.read("word/settings.xml")


def test_header_holding_only_a_table_is_usable(tmp_path: Path, run_cli) -> None:
    # agencies often lay out a header as a table (seal | agency name); it has no paragraph of
    # its own at the top level, so cxacq adds one for the marking instead of failing
    header = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol '
        'w:w="9360"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9360" w:type="dxa"/></w:tcPr>'
        "<w:p><w:r><w:t>Office of the Chief Procurement Officer</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl></w:hdr>"
    )

    def document_rels(xml: bytes) -> bytes:
        return _add_relationship(xml, f'<Relationship Id="rId91" Type="{R}/header" '
                                 'Target="header1.xml"/>')

    def document(xml: bytes) -> bytes:
        return xml.replace(b"<w:pgSz", f'<w:headerReference xmlns:r="{R}" w:type="default" '
                           'r:id="rId91"/><w:pgSz'.encode())

    reference = _variant(
        tmp_path / "table-header.docx",
        edit={"word/_rels/document.xml.rels": document_rels, "word/document.xml": document,
              "[Content_Types].xml": lambda xml: _add_override(
                  xml, "/word/header1.xml", "application/vnd.openxmlformats-officedocument."
                  "wordprocessingml.header+xml")},
        add={"word/header1.xml": header.encode()},
    )
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--reference-docx", reference)
    assert result.exit_code == 0, result.output
    from ooxml import validate_package

    for path in (tmp_path / "out").rglob("*.docx"):
        text = zipfile.ZipFile(path).read("word/header1.xml")
        assert b"Office of the Chief Procurement Officer" in text and b"<w:p>" in text
        assert validate_package(path) == []


def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process prepared, as a new run would."""
    from cxacq.engine import reference

    monkeypatch.setattr(reference, "_TEMPLATE_FILES", {})
    monkeypatch.setattr(reference, "_TEMPLATES", {})
    monkeypatch.setattr(reference, "_CHECKED", {})
    reference._cleaned.cache_clear()


def _prepared_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Path, Any]:
    """Prepare a reference in a fresh process state with its own cache folder."""
    from cxacq.engine import reference

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "reference.docx"
    path.write_bytes(build_reference())
    _fresh_process_state(monkeypatch)
    return reference, path, reference.reference_template(path)


def test_a_prepared_reference_is_kept_in_the_cache_folder_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, path, prepared = _prepared_once(tmp_path, monkeypatch)
    assert len(list((tmp_path / "cache" / "cxacq").glob("reference-*.bin"))) == 1
    _fresh_process_state(monkeypatch)

    def no_preparing(*args: object) -> None:
        raise AssertionError("the reference was prepared again")

    monkeypatch.setattr(reference, "_prepare", no_preparing)
    assert reference.reference_template(path) == prepared  # read from the cache, same bytes


def test_a_damaged_or_unwritable_reference_cache_costs_a_preparation_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, path, prepared = _prepared_once(tmp_path, monkeypatch)
    (entry,) = (tmp_path / "cache" / "cxacq").glob("reference-*.bin")
    entry.write_bytes(entry.read_bytes()[:1000])  # cut short
    _fresh_process_state(monkeypatch)
    assert reference.reference_template(path) == prepared
    entry.unlink()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reference.tempfile, "NamedTemporaryFile", disk_full)
    _fresh_process_state(monkeypatch)
    assert reference.reference_template(path) == prepared  # nothing saved, same result
    assert not list((tmp_path / "cache" / "cxacq").iterdir())
    (tmp_path / "cache" / "cxacq").chmod(0o777)  # others may write there: no cache at all
    _fresh_process_state(monkeypatch)
    assert reference.reference_template(path) == prepared
