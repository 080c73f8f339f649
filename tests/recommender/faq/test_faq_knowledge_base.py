"""Knowledge-base loading: the demo files, both formats, and clear errors for bad files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.faq import KnowledgeBaseError, Passage, load_file, load_knowledge_base
from recommender.faq.config import DEFAULT_KB_PATH

TOPICS = {
    "shipping",
    "returns",
    "payment",
    "order-status",
    "warranty",
    "sizes",
    "privacy",
    "contact",
}


def test_demo_knowledge_base_covers_every_topic() -> None:
    passages = load_knowledge_base(DEFAULT_KB_PATH)
    assert {p.topic for p in passages} == TOPICS
    assert len({p.id for p in passages}) == len(passages) >= 40
    for p in passages:
        assert p.title and p.text and p.document
        assert p.source and p.source.startswith("https://shop.example/help/")
        assert p.source.endswith("#" + p.id.split("/")[1])
        assert "Also asked" not in p.text
    cost = next(p for p in passages if p.id == "shipping/cost")
    assert "$50" in cost.text and "Is delivery free?" in cost.aliases


def test_markdown_passages(small_kb: Path) -> None:
    passages = load_file(small_kb / "shipping.md")
    assert [p.id for p in passages] == ["shipping/cost", "shipping/do-you-ship-abroad"]
    cost = passages[0]
    assert cost == Passage(
        id="shipping/cost",
        topic="shipping",
        title="How much does shipping cost?",
        text=(
            "Standard shipping is free over $50, otherwise it costs $5.95.\n\n"
            "- Express: $14.95\n- Next day: $24.95"
        ),
        aliases=("Is delivery free?",),
        document="Shipping",
        source="https://shop.example/help/shipping#cost",
    )
    assert cost.citation() == "https://shop.example/help/shipping#cost"


def test_yaml_passages(small_kb: Path) -> None:
    policy, free = load_file(small_kb / "returns.yml")
    assert policy.id == "returns/policy"
    assert policy.text == "Items can be returned within 30 days of delivery."
    assert policy.aliases == ("How long do I have to return something?",)
    assert free.id == "returns/are-returns-free"
    assert free.source is None
    assert free.citation() == "Returns › Are returns free?"


def test_directory_loads_sorted_and_skips_readme(
    small_kb: Path, write_kb: Callable[..., Path]
) -> None:
    write_kb({"README.md": "not a passage file", "_draft.md": "## x\n"})
    ids = [p.id for p in load_knowledge_base(small_kb)]
    assert ids[:2] == ["returns/policy", "returns/are-returns-free"]
    assert len(ids) == 4


def test_front_matter_is_optional(write_kb: Callable[..., Path]) -> None:
    root = write_kb({"faq.md": "# General\n\n## Who are you?\nA demo shop.\n"})
    (p,) = load_knowledge_base(root)
    assert (p.topic, p.document, p.source, p.id) == ("faq", "General", None, "faq/who-are-you")


BAD_FILES = [
    ("a.md", "---\ntopic: x\n## Q\nA\n", "front matter opened with '---' is never closed", 1),
    ("a.md", "---\ntopic: [x\n---\n## Q\nA\n", "front matter is not valid YAML", 1),
    ("a.md", "---\n- x\n---\n## Q\nA\n", "front matter must be a YAML mapping", 1),
    ("a.md", "---\ntopc: x\n---\n## Q\nA\n", "unknown key 'topc'", 1),
    ("a.md", "---\nsource: shop.example/help\n---\n## Q\nA\n", "must be an http(s) URL", 1),
    ("a.md", "# Title\n\nJust some text.\n", "text before the first '## ' heading", 3),
    ("a.md", "# Title\n", "no passages", None),
    ("a.md", "## Q\n\n", "has no answer text", 1),
    ("a.md", "## Q\n> Also asked:\nA\n", "empty 'Also asked:' line", 2),
    ("a.md", "## Q {#Bad_Id}\nA\n", "passage id 'Bad_Id' must be lower-case", 1),
    ("a.md", "##  {#x}\nA\n", "empty '## ' heading", 1),
    ("a.yml", "topic: [x\n", "not valid YAML", 2),
    ("a.yml", "- a\n- b\n", "must hold a mapping", None),
    ("a.yml", "topic: x\n", "'passages' must be a non-empty list", None),
    ("a.yml", "passages:\n  - title: Q\n", "passages[0]: 'text' must be a non-empty string", None),
    ("a.yml", "passages:\n  - {title: Q, text: A, answer: B}\n", "unknown key 'answer'", None),
    ("a.yml", "passages:\n  - {title: Q, text: A, aliases: x}\n", "'aliases' must be a list", None),
    ("a.yml", "passages:\n  - {id: 3, title: Q, text: A}\n", "'id' must be a string", None),
    ("a.txt", "## Q\nA\n", "unsupported file type", None),
]


@pytest.mark.parametrize(("name", "text", "message", "line"), BAD_FILES)
def test_bad_file_errors_name_file_and_line(
    write_kb: Callable[..., Path], name: str, text: str, message: str, line: int | None
) -> None:
    root = write_kb({name: text})
    with pytest.raises(KnowledgeBaseError) as info:
        load_file(root / name)
    assert message in str(info.value)
    assert info.value.path == str(root / name)
    assert info.value.line == line
    assert str(info.value).startswith(f"{root / name}{'' if line is None else f':{line}'}: ")


def test_not_utf8(write_kb: Callable[..., Path]) -> None:
    root = write_kb({"a.md": "## Q\nCaf\xe9\n".encode("latin-1")})
    with pytest.raises(KnowledgeBaseError, match="not UTF-8"):
        load_knowledge_base(root)


def test_duplicate_ids_across_files(write_kb: Callable[..., Path]) -> None:
    root = write_kb(
        {"a.md": "## Q {#x}\nA\n", "a.yml": "passages:\n  - {id: x, title: Q, text: A}\n"}
    )
    with pytest.raises(KnowledgeBaseError, match=r"duplicate passage id 'a/x' \(also in .*a\.md\)"):
        load_knowledge_base(root)


def test_duplicate_ids_in_one_file(write_kb: Callable[..., Path]) -> None:
    root = write_kb({"a.md": "## Same?\nA\n## Same?\nB\n"})
    with pytest.raises(KnowledgeBaseError, match="duplicate passage id 'a/same'"):
        load_knowledge_base(root)


def test_missing_and_empty_paths(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="knowledge base not found"):
        load_knowledge_base(tmp_path / "nope")
    with pytest.raises(KnowledgeBaseError, match=r"no \.md or \.yml"):
        load_knowledge_base(tmp_path)
