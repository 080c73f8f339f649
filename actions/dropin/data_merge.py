"""The assistant's NLU, rules and stories, as files for the shop's ``data/genrec/``.

An intent the shop already has (its own examples outside ``data/genrec/``) stays the shop's:
the assistant adds no examples to it, and no rule or story that gives it another answer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML

from . import bundle, yamltext
from .domain_merge import names

GENREC_DIR = Path("data") / "genrec"


#: Items of training data that carry a name of their own; one the shop has is not added twice.
NAMED = ("lookup", "synonym", "regex", "rule", "story")


def scan(files: Iterable[Path]) -> tuple[set[str], set[tuple[str, str]]]:
    """Intents with examples in these files (retrieval intents by their base name), and the
    named items (lookup tables, synonyms, regexes, rules, stories) as ``(kind, name)``."""
    intents: set[str] = set()
    named: set[tuple[str, str]] = set()
    for path in files:
        try:
            data = yamltext.load(path.read_text(encoding="utf-8")) or {}
        except Exception:
            continue  # a file Rasa will refuse too; not ours to judge
        if not isinstance(data, dict):
            continue
        for kind in bundle.DATA_KINDS:
            for item in data.get(kind) or []:
                if not isinstance(item, dict):
                    continue
                if "intent" in item:
                    intents.add(str(item["intent"]).split("/")[0])
                named |= {(key, str(item[key])) for key in NAMED if key in item}
    return intents, named


@dataclass(frozen=True)
class ShopData:
    """What the shop's own training data (outside ``data/genrec/``) already has."""

    intents: set[str]
    named: set[tuple[str, str]]


def shop_data(project: Path, user_domain: dict[str, Any]) -> ShopData:
    """The shop's own intents (in its domain, not added by an earlier init) and named items."""
    data = project / "data"
    ours_dir = project / GENREC_DIR
    files = [p for p in data.rglob("*.y*ml") if ours_dir not in p.parents] if data.is_dir() else []
    elsewhere, named = scan(files)
    ours = scan(ours_dir.rglob("*.y*ml"))[0] if ours_dir.is_dir() else set()
    intents = {i for i in names(user_domain, "intents") if i in elsewhere or i not in ours}
    return ShopData(intents, named)


def step_intents(steps: list[Any]) -> set[str]:
    """Intents a rule's or story's steps use, ``or`` blocks included."""
    found: set[str] = set()
    for step in steps or []:
        if not isinstance(step, dict):
            continue
        if "intent" in step:
            found.add(str(step["intent"]).split("/")[0])
        found |= step_intents(step.get("or") or [])
    return found


def _keep(kind: str, item: Any, shop: ShopData, our_actions: set[str]) -> bool:
    if not isinstance(item, dict):
        return True
    if any((key, str(item[key])) in shop.named for key in NAMED if key in item):
        return False
    shared = shop.intents
    if kind == "nlu":
        return str(item.get("intent", "")).split("/")[0] not in shared
    steps = item.get("steps") or []
    if not step_intents(steps) & shared:
        return True
    # A rule that starts after one of the assistant's own actions continues its turn.
    first = steps[0] if steps else {}
    return kind == "rules" and isinstance(first, dict) and first.get("action") in our_actions


def genrec_file(kind: str, source: Path, shop: ShopData, our_actions: set[str]) -> str | None:
    """Text of one of the assistant's files without what the shop's intents own.

    ``None`` when nothing of it is left.
    """
    text = source.read_text(encoding="utf-8")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(text)
    items = data.get(kind) or []
    dropped = [i for i, item in enumerate(items) if not _keep(kind, item, shop, our_actions)]
    if not dropped:
        return text
    if len(dropped) == len(items):
        return None
    for index in reversed(dropped):
        del items[index]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def planned_files(project: Path, user_domain: dict[str, Any]) -> dict[Path, str]:
    """``data/genrec/<kind>/<name>.yml`` (relative to the project) and the text it should hold."""
    shop = shop_data(project, user_domain)
    our_actions = names(bundle.domain(), "actions")
    result: dict[Path, str] = {}
    for kind in bundle.DATA_KINDS:
        for source in bundle.data_files(kind):
            text = genrec_file(kind, source, shop, our_actions)
            if text is not None:
                result[GENREC_DIR / kind / source.name] = text
    return result
