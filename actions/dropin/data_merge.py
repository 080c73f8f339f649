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

#: Intents a shop's bot has for the same purpose as the assistant (Rasa's starter bot has the
#: first five): the shop's own examples and answers are meant to win, without a note.
SHARED_INTENTS = frozenset(
    {"greet", "goodbye", "affirm", "deny", "bot_challenge", "thank", "out_of_scope"}
)


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


def _intent_of(kind: str, item: Any) -> set[str]:
    if not isinstance(item, dict):
        return set()
    if kind == "nlu":
        return {str(item["intent"]).split("/")[0]} if "intent" in item else set()
    return step_intents(item.get("steps") or [])


def genrec_file(
    kind: str,
    source: Path,
    shop: ShopData,
    our_actions: set[str],
    left_out: dict[str, int] | None = None,
) -> str | None:
    """Text of one of the assistant's files without what the shop's intents own.

    ``None`` when nothing of it is left. ``left_out`` (intent -> items) counts what was left
    out because the shop has the intent.
    """
    text = source.read_text(encoding="utf-8")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(text)
    items = data.get(kind) or []
    dropped = [i for i, item in enumerate(items) if not _keep(kind, item, shop, our_actions)]
    if left_out is not None:
        for index in dropped:
            for intent in _intent_of(kind, items[index]) & shop.intents:
                left_out[intent] = left_out.get(intent, 0) + 1
    if not dropped:
        return text
    if len(dropped) == len(items):
        return None
    for index in reversed(dropped):
        del items[index]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def planned_data(project: Path, user_domain: dict[str, Any]) -> tuple[dict[Path, str], list[str]]:
    """``data/genrec/<kind>/<name>.yml`` (relative to the project) and the text it should hold,
    and a note for each of the assistant's own intents the shop has too (not the greetings and
    other intents a bot shares with it, ``SHARED_INTENTS``): its examples, rules and stories
    stay out, so that part of the assistant answers only as the shop's bot does."""
    shop = shop_data(project, user_domain)
    our_actions = names(bundle.domain(), "actions")
    result: dict[Path, str] = {}
    left_out: dict[str, int] = {}
    for kind in bundle.DATA_KINDS:
        for source in bundle.data_files(kind):
            text = genrec_file(kind, source, shop, our_actions, left_out)
            if text is not None:
                result[GENREC_DIR / kind / source.name] = text
    notes = [
        f"intent `{intent}`: your bot has its own, so the assistant leaves out its {count}"
        " NLU, rule and story entries that use it; rename yours if it means something else"
        for intent, count in sorted(left_out.items())
        if intent not in SHARED_INTENTS
    ]
    return result, notes


def planned_files(project: Path, user_domain: dict[str, Any]) -> dict[Path, str]:
    """``data/genrec/<kind>/<name>.yml`` (relative to the project) and the text it should hold."""
    return planned_data(project, user_domain)[0]
