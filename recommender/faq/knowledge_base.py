"""The shop's help texts: Markdown or YAML files split into passages, loaded with clear errors.

Markdown format (one file per topic)::

    ---
    topic: shipping                       # optional, defaults to the file name
    title: Shipping and delivery          # optional, defaults to the "# " heading
    source: https://shop.example/help/shipping   # optional
    ---
    # Shipping and delivery

    ## How much does shipping cost? {#cost}
    > Also asked: Is delivery free?

    Standard shipping is free on orders of $50 or more ...

Every ``## `` heading starts a passage; its text runs to the next ``## ``. The optional
``{#anchor}`` fixes the passage id (``<file name>/<anchor>``), otherwise it is made from the
heading. ``> Also asked:`` lines name other ways to ask the question. The YAML format holds the
same fields (see docs/FAQ.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from recommender.errors import RecommenderError

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yml", ".yaml")
FILE_KEYS = frozenset({"topic", "title", "source"})
PASSAGE_KEYS = frozenset({"id", "title", "text", "aliases"})
ALIAS_PREFIX = "> also asked:"

_ANCHOR_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADING_ANCHOR_RE = re.compile(r"\s*\{#([^}]*)\}\s*$")
_BLOCK_LINE_RE = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|\|)")


class KnowledgeBaseError(RecommenderError):
    """A knowledge-base file cannot be loaded; the message names the file and line."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


@dataclass(frozen=True)
class Passage:
    """One answerable unit of the knowledge base.

    Attributes:
        id: ``<file name>/<anchor>``, unique in the knowledge base.
        topic: topic of its file (``shipping``, ``returns`` ...).
        title: the question-like heading.
        text: the answer, as shown to the user.
        aliases: other phrasings of the question.
        document: title of the file it comes from.
        source: URL of the help page (with ``#anchor``), or ``None``.
    """

    id: str
    topic: str
    title: str
    text: str
    aliases: tuple[str, ...] = ()
    document: str = ""
    source: str | None = None

    def citation(self) -> str:
        """Where the answer comes from: the URL when known, else ``document › title``."""
        if self.source:
            return self.source
        return f"{self.document} › {self.title}" if self.document else self.title


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a heading: ``"How much?"`` -> ``"how-much"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def _reflow(lines: Iterable[str]) -> str:
    """Join wrapped lines into paragraphs; keep list items and table rows on their own lines."""
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(" ".join(para))
            para.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            if out and out[-1] != "":
                out.append("")
        elif _BLOCK_LINE_RE.match(raw) or line.startswith("#"):
            flush()
            out.append(line)
        else:
            para.append(line)
    flush()
    return "\n".join(out).strip().replace("\n\n\n", "\n\n")


def _source_url(path: Path, value: Any, line: int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value.strip()):
        raise KnowledgeBaseError(path, f"'source' must be an http(s) URL, got {value!r}", line=line)
    return value.strip()


def _with_anchor(url: str | None, anchor: str) -> str | None:
    if url is None or "#" in url:
        return url
    return f"{url}#{anchor}"


def _file_meta(path: Path, meta: Mapping[str, Any], line: int | None) -> dict[str, Any]:
    unknown = set(meta) - FILE_KEYS - ({"passages"} if path.suffix in YAML_SUFFIXES else set())
    if unknown:
        known = ", ".join(sorted(FILE_KEYS))
        raise KnowledgeBaseError(
            path, f"unknown key {sorted(unknown)[0]!r} (known: {known})", line=line
        )
    for key in ("topic", "title"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            raise KnowledgeBaseError(path, f"{key!r} must be a non-empty string", line=line)
    return {
        "topic": str(meta.get("topic") or path.stem).strip(),
        "title": str(meta.get("title") or "").strip(),
        "source": _source_url(path, meta.get("source"), line),
    }


def _check_anchor(path: Path, anchor: str, line: int | None) -> str:
    if not _ANCHOR_RE.match(anchor):
        raise KnowledgeBaseError(
            path, f"passage id {anchor!r} must be lower-case letters, digits and '-'", line=line
        )
    return anchor


def parse_markdown(path: Path, text: str) -> list[Passage]:
    """Passages of one Markdown file (see the module docstring for the format)."""
    lines = text.splitlines()
    meta: dict[str, Any] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            raise KnowledgeBaseError(path, "front matter opened with '---' is never closed", line=1)
        try:
            loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(
                path, f"front matter is not valid YAML: {exc}", line=1
            ) from exc
        if not isinstance(loaded, dict):
            raise KnowledgeBaseError(path, "front matter must be a YAML mapping", line=1)
        meta, start = loaded, end + 1
    info = _file_meta(path, meta, 1)

    sections: list[tuple[int, str, list[str]]] = []  # (line number, heading, body lines)
    for lineno, line in enumerate(lines[start:], start=start + 1):
        if line.startswith("## "):
            sections.append((lineno, line[3:].strip(), []))
        elif line.startswith("# ") and not sections:
            info["title"] = info["title"] or line[2:].strip()
        elif sections:
            sections[-1][2].append(line)
        elif line.strip():
            raise KnowledgeBaseError(
                path,
                "text before the first '## ' heading belongs to no passage; "
                "put it under a '## ' heading",
                line=lineno,
            )
    if not sections:
        raise KnowledgeBaseError(path, "no passages: each answer needs a '## ' heading")

    passages = []
    for lineno, heading, body in sections:
        match = _HEADING_ANCHOR_RE.search(heading)
        title = heading[: match.start()].strip() if match else heading
        if not title:
            raise KnowledgeBaseError(path, "empty '## ' heading", line=lineno)
        anchor = _check_anchor(path, match.group(1) if match else slugify(title), lineno)
        aliases, rest = [], []
        for offset, line in enumerate(body, start=1):
            if line.strip().lower().startswith(ALIAS_PREFIX):
                alias = line.strip()[len(ALIAS_PREFIX) :].strip()
                if not alias:
                    raise KnowledgeBaseError(path, "empty 'Also asked:' line", line=lineno + offset)
                aliases.append(alias)
            else:
                rest.append(line)
        answer = _reflow(rest)
        if not answer:
            raise KnowledgeBaseError(path, f"passage {title!r} has no answer text", line=lineno)
        passages.append(
            Passage(
                id=f"{path.stem}/{anchor}",
                topic=info["topic"],
                title=title,
                text=answer,
                aliases=tuple(aliases),
                document=info["title"],
                source=_with_anchor(info["source"], anchor),
            )
        )
    return passages


def parse_yaml(path: Path, text: str) -> list[Passage]:
    """Passages of one YAML file: file keys plus a ``passages`` list (docs/FAQ.md)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError(path, f"not valid YAML: {exc}", line=line) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(path, "must hold a mapping with a 'passages' list")
    info = _file_meta(path, data, None)
    items = data.get("passages")
    if not isinstance(items, list) or not items:
        raise KnowledgeBaseError(path, "'passages' must be a non-empty list")
    passages = []
    for i, item in enumerate(items):
        where = f"passages[{i}]"
        if not isinstance(item, dict):
            raise KnowledgeBaseError(path, f"{where} must be a mapping")
        unknown = set(item) - PASSAGE_KEYS
        if unknown:
            known = ", ".join(sorted(PASSAGE_KEYS))
            raise KnowledgeBaseError(
                path, f"{where}: unknown key {sorted(unknown)[0]!r} (known: {known})"
            )
        for key in ("title", "text"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise KnowledgeBaseError(path, f"{where}: '{key}' must be a non-empty string")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(
            isinstance(a, str) and a.strip() for a in aliases
        ):
            raise KnowledgeBaseError(path, f"{where}: 'aliases' must be a list of strings")
        raw_id = item.get("id", slugify(item["title"]))
        if not isinstance(raw_id, str):
            raise KnowledgeBaseError(path, f"{where}: 'id' must be a string")
        anchor = _check_anchor(path, raw_id, None)
        passages.append(
            Passage(
                id=f"{path.stem}/{anchor}",
                topic=info["topic"],
                title=item["title"].strip(),
                text=_reflow(item["text"].splitlines()),
                aliases=tuple(a.strip() for a in aliases),
                document=info["title"],
                source=_with_anchor(info["source"], anchor),
            )
        )
    return passages


def load_file(path: str | Path) -> list[Passage]:
    """Passages of one ``.md`` or ``.yml`` file.

    Raises:
        KnowledgeBaseError: the file is missing, unreadable, of an unknown type or malformed.
    """
    path = Path(path)
    if path.suffix not in MARKDOWN_SUFFIXES + YAML_SUFFIXES:
        raise KnowledgeBaseError(path, "unsupported file type; use .md or .yml")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(path, f"not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise KnowledgeBaseError(path, f"cannot read: {exc.strerror or exc}") from exc
    return (
        parse_markdown(path, text) if path.suffix in MARKDOWN_SUFFIXES else parse_yaml(path, text)
    )


def load_knowledge_base(path: str | Path) -> list[Passage]:
    """Every passage of a knowledge-base directory (``*.md``, ``*.yml``, sorted) or one file.

    Files whose name starts with ``_`` or ``.`` are skipped, as are ``README.md`` files.

    Raises:
        KnowledgeBaseError: the path does not exist, holds no files, a file is malformed, or two
            passages share an id.
    """
    root = Path(path)
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(
            p
            for p in root.iterdir()
            if p.is_file()
            and p.suffix in MARKDOWN_SUFFIXES + YAML_SUFFIXES
            and not p.name.startswith(("_", "."))
            and p.name.lower() != "readme.md"
        )
        if not files:
            raise KnowledgeBaseError(root, "no .md or .yml knowledge-base files in this directory")
    else:
        raise KnowledgeBaseError(root, "knowledge base not found")
    passages: list[Passage] = []
    seen: dict[str, Path] = {}
    for file in files:
        for passage in load_file(file):
            if passage.id in seen:
                raise KnowledgeBaseError(
                    file, f"duplicate passage id {passage.id!r} (also in {seen[passage.id]})"
                )
            seen[passage.id] = file
            passages.append(passage)
    return passages
