"""Adding to a YAML file's top-level keys without touching its lines."""

from __future__ import annotations

import pytest

from actions.dropin import yamltext
from actions.dropin.errors import MergeConflict


def lines_kept(before: str, after: str) -> bool:
    """Whether every line of ``before`` is in ``after``, in the same order."""
    rest = iter(after.splitlines())
    return all(line in rest for line in before.splitlines())


def test_items_go_to_the_end_of_the_block_with_its_indentation() -> None:
    text = "version: '3.1'\nintents:\n  - greet  # hello\n  - bye\n\n# responses\nresponses:\n  utter_x:\n  - text: x\n"
    out = yamltext.add_all(
        text, {"intents": ["shop"], "responses": {"utter_y": [{"text": "y"}]}}, "domain.yml"
    )
    assert lines_kept(text, out)
    assert "  - bye\n  - shop\n" in out
    assert yamltext.load(out)["responses"] == {
        "utter_x": [{"text": "x"}],
        "utter_y": [{"text": "y"}],
    }


def test_unindented_lists_and_missing_keys() -> None:
    text = "intents:\n- greet\n"
    out = yamltext.add_all(text, {"intents": ["shop"], "entities": ["brand"]}, "domain.yml")
    assert out.startswith("intents:\n- greet\n- shop\n")
    assert yamltext.load(out) == {"intents": ["greet", "shop"], "entities": ["brand"]}


def test_an_empty_value_becomes_a_block_and_a_missing_scalar_key_is_appended() -> None:
    out = yamltext.add_all(
        "entities: []\npipeline:\n# - name: X\n", {"entities": ["a"], "rest": None}, "x"
    )
    assert yamltext.load(out) == {"entities": ["a"], "pipeline": None, "rest": None}
    assert "# - name: X" in out


def test_a_one_line_list_is_a_conflict_not_a_rewrite() -> None:
    with pytest.raises(MergeConflict, match="one line"):
        yamltext.add_all("intents: [greet, bye]\n", {"intents": ["shop"]}, "domain.yml")
