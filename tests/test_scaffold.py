from __future__ import annotations

import json

from cxacq.answers.loader import load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.scaffold import SECTION_INTROS, scaffold_text, starter_data
from cxacq.answers.schema import answers_json_schema, answers_json_schema_text
from cxacq.answers.validate import validate_loaded


def test_scaffold_validates_and_round_trips_the_starter() -> None:
    loaded = load_answers_text(scaffold_text(), "scaffold.yaml")
    validate_loaded(loaded)
    assert loaded.data == starter_data()


def test_every_section_is_introduced_and_every_field_described() -> None:
    assert set(SECTION_INTROS) == set(Answers.model_fields) - {"schema_version"}
    text = scaffold_text()
    for intro in SECTION_INTROS.values():
        assert intro.split()[0] in text

    def walk(model, seen):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            for arg in (info.annotation, *getattr(info.annotation, "__args__", ())):
                for inner in (arg, *getattr(arg, "__args__", ())):
                    if (
                        isinstance(inner, type)
                        and hasattr(inner, "model_fields")
                        and inner not in seen
                    ):
                        seen.add(inner)
                        walk(inner, seen)

    walk(Answers, set())


def test_optional_fields_left_out_are_offered_as_comments() -> None:
    text = scaffold_text()
    assert "# lpta_justification:" in text
    assert "# not_used_reason:" in text


def test_schema_is_sorted_and_stable() -> None:
    text = answers_json_schema_text()
    assert text == answers_json_schema_text()
    assert json.loads(text) == json.loads(json.dumps(answers_json_schema(), sort_keys=True))
    assert "description" in json.loads(text)["properties"]["customer_need"]
