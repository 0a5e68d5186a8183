from __future__ import annotations

import pytest

from cxacq.answers import loader
from cxacq.answers.loader import load_answers_bytes, load_answers_text
from cxacq.errors import InputError

BOTH = pytest.mark.parametrize("use_libyaml", [True, False], ids=["libyaml", "pure-python"])


@BOTH
def test_yaml_11_traps_reach_the_model_as_typed(use_libyaml: bool) -> None:
    text = "a: NO\nb: on\nc: 2024-10-01\nd: 1.10\ne: yes\nf: ~\ng:\nh: 'null'\n"
    data = load_answers_text(text, "t.yaml", use_libyaml=use_libyaml).data
    assert data == {
        "a": "NO", "b": "on", "c": "2024-10-01", "d": "1.10", "e": "yes",
        "f": None, "g": None, "h": "null",
    }


@BOTH
def test_positions_of_keys_and_items(use_libyaml: bool) -> None:
    text = "top:\n  items:\n    - name: a\n    - name: b\n      extra: c\n"
    loaded = load_answers_text(text, "t.yaml", use_libyaml=use_libyaml)
    assert loaded.positions[("top",)] == (1, 1)
    assert loaded.positions[("top", "items", 1)] == (4, 7)
    assert loaded.positions[("top", "items", 1, "extra")] == (5, 7)
    # A path that does not exist falls back to its nearest written parent.
    assert loaded.position_of(("top", "items", 1, "missing")) == (4, 7)


@BOTH
def test_duplicate_key_names_both_lines(use_libyaml: bool) -> None:
    with pytest.raises(InputError) as info:
        load_answers_text("a: 1\nb: 2\na: 3\n", "t.yaml", use_libyaml=use_libyaml)
    assert info.value.line == 3
    assert "line 1" in info.value.message


@BOTH
@pytest.mark.parametrize(
    "text",
    ["a: !!python/object/apply:os.system ['true']\n", "a: !custom x\n", "a: !!binary aGk=\n"],
)
def test_tags_are_refused(text: str, use_libyaml: bool) -> None:
    with pytest.raises(InputError, match="tag"):
        load_answers_text(text, "t.yaml", use_libyaml=use_libyaml)


def test_bom_and_crlf_are_fine() -> None:
    loaded = load_answers_bytes(b"\xef\xbb\xbfa: x\r\nb: y\r\n", "t.yaml")
    assert loaded.data == {"a": "x", "b": "y"}
    assert loaded.positions[("b",)] == (2, 1)


def test_bad_encoding_reports_byte_offset() -> None:
    with pytest.raises(InputError) as info:
        load_answers_bytes(b"a: ok\nb: caf\xe9\n", "t.yaml")
    assert "offset 12" in info.value.message
    assert info.value.line == 2


def test_utf16_gets_a_specific_hint() -> None:
    with pytest.raises(InputError) as info:
        load_answers_bytes("a: x\n".encode("utf-16"), "t.yaml")
    assert info.value.hint and "UTF-16" in info.value.hint


def test_control_character_is_located() -> None:
    with pytest.raises(InputError) as info:
        load_answers_text("a: ok\nb: bad\x07bell\n", "t.yaml")
    assert (info.value.line, info.value.column) == (2, 7)


@BOTH
def test_alias_bomb_is_refused(use_libyaml: bool) -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for prev, cur in zip("abcdefg", "bcdefgh", strict=True):
        text += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    with pytest.raises(InputError, match="aliases"):
        load_answers_text(text, "t.yaml", use_libyaml=use_libyaml)


def test_small_alias_use_is_allowed() -> None:
    data = load_answers_text("p: &p {name: A}\nq: *p\n", "t.yaml").data
    assert data == {"p": {"name": "A"}, "q": {"name": "A"}}


@BOTH
def test_deep_nesting_is_refused(use_libyaml: bool) -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    with pytest.raises(InputError, match="nested too deeply"):
        load_answers_text(text, "t.yaml", use_libyaml=use_libyaml)


def test_oversize_file_is_refused_before_parsing(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: x\n" + b"#" * loader.MAX_BYTES)
    with pytest.raises(InputError, match="limited to"):
        loader.load_answers_file(big)


def test_directory_and_missing_file(tmp_path) -> None:
    with pytest.raises(InputError, match="directory"):
        loader.load_answers_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        loader.load_answers_file(tmp_path / "nope.yaml")


_INDENTED = "schema_version: 1\nprogram:\n  name: X\n{line}\n  office: Z\n"


@BOTH
@pytest.mark.parametrize(
    ("line", "fragment", "hint"),
    [("    component: Y", "'component' is indented 4 spaces, deeper than 'name' on line 3",
      "indent it 2 spaces, like 'name' on line 3"),
     (" component: Y", "'component' is indented 1 space, which lines up with nothing",
      "indent it 2 spaces, like 'name' on line 3"),
     ("  list:\n    - a\n   - b", "the list item is indented 3 spaces",
      "indent it 4 spaces, like the list item on line 5")],
)
def test_indentation_is_diagnosed_at_the_line(
    line: str, fragment: str, hint: str, use_libyaml: bool
) -> None:
    text = _INDENTED.format(line=line)
    with pytest.raises(InputError) as caught:
        load_answers_text(text, "f.yaml", use_libyaml=use_libyaml)
    diagnostic = caught.value.to_diagnostics()[0]
    assert diagnostic.line == 3 + len(line.splitlines())
    assert diagnostic.message.startswith("indentation: " + fragment)
    assert diagnostic.hint is not None and diagnostic.hint.startswith(hint)


def test_a_colon_inside_a_value_still_asks_for_quotes() -> None:
    with pytest.raises(InputError) as caught:
        load_answers_text("program:\n  name: Goal: faster\n", "f.yaml")
    diagnostic = caught.value.to_diagnostics()[0]
    assert diagnostic.line == 2 and "colon" in diagnostic.message
    assert diagnostic.hint is not None and "quotes" in diagnostic.hint


@BOTH
def test_c1_control_character_is_located_not_an_internal_error(use_libyaml: bool) -> None:
    # PyYAML's reader refuses U+0080 to U+009F (but U+0085, a line break); it used to
    # escape as a raw ReaderError (exit 70).
    with pytest.raises(InputError) as info:
        load_answers_text("a: ok\nb: bad\x81bell\n", "t.yaml", use_libyaml=use_libyaml)
    assert (info.value.line, info.value.column) == (2, 7)
    assert "U+0081" in info.value.message


@BOTH
def test_libyaml_and_pure_python_agree_on_the_examples(use_libyaml: bool) -> None:
    from conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = load_answers_text(text, path.name, use_libyaml=use_libyaml)
        slow = load_answers_text(text, path.name, use_libyaml=False)
        assert (fast.data, fast.positions) == (slow.data, slow.positions), path.name


def test_libyaml_is_used_when_installed() -> None:
    import yaml

    # The import once named a class yaml does not export, so libyaml was never used.
    assert loader.HAVE_LIBYAML == yaml.__with_libyaml__


@pytest.mark.parametrize(
    "text",
    ["a:\n\tb: 1\n", "a: x\n\ufeffb: y\n", "a: [x,\tb]\n", "a: \"x\u2028y\"\nb: 1\n"],
    ids=["tab-indent", "inner-bom", "tab-in-flow", "line-separator"],
)
def test_libyaml_gives_what_pure_python_gives_where_they_differ(text: str) -> None:
    results = []
    for use_libyaml in (True, False):
        try:
            loaded = load_answers_text(text, "t.yaml", use_libyaml=use_libyaml)
            results.append((loaded.data, loaded.positions))
        except InputError as exc:
            results.append((exc.message, exc.line, exc.column))
    assert results[0] == results[1]
