"""``genrec-rasa init``: the changes that merge the assistant into a shop's Rasa project."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import bundle, data_merge, domain_merge, project_merge, yamltext
from .errors import MergeConflict

DOMAIN_VERSION = 'version: "3.1"\n'


@dataclass
class Change:
    """One file to create or to add to."""

    path: Path
    text: str
    summary: str


@dataclass
class Plan:
    """Everything ``init`` would write, and notes on what it keeps as the shop has it."""

    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read(path: Path) -> str:
    """A file's text, ``""`` when it does not exist."""
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def load_domain(project: Path) -> dict[str, Any]:
    """The shop's domain: ``domain.yml`` or every file of a ``domain/`` folder."""
    single = project / "domain.yml"
    files = [single] if single.is_file() else sorted((project / "domain").rglob("*.y*ml"))
    result: dict[str, Any] = {}
    for path in files:
        part = yamltext.load(read(path)) or {}
        for key, value in part.items():
            if isinstance(value, list):
                result[key] = [*(result.get(key) or []), *value]
            elif isinstance(value, dict):
                result[key] = {**(result.get(key) or {}), **value}
            else:
                result[key] = value
    return result


def _describe(additions: dict[str, Any]) -> str:
    parts = []
    for key, items in additions.items():
        if isinstance(items, (list, dict)):
            shown = [
                project_merge.component_name(i) if key in ("pipeline", "policies") else i
                for i in items
            ]
            labels = [domain_merge.entry_name(i) for i in shown]
            parts.append(
                f"{key} +{len(labels)} ({', '.join(labels[:6])}{', ...' if len(labels) > 6 else ''})"
            )
        else:
            parts.append(key)
    return "; ".join(parts)


def _add(plan: Plan, project: Path, rel: str, additions: dict[str, Any], fresh: str = "") -> None:
    additions = {k: v for k, v in additions.items() if v or v is None}
    if not additions:
        return
    path = project / rel
    old = read(path) or fresh
    text = yamltext.add_all(old, additions, rel)
    if text != read(path):
        verb = "add to" if path.is_file() else "create"
        plan.changes.append(Change(path, text, f"{verb} {rel}: {_describe(additions)}"))


def plan(project: Path) -> Plan:
    """What ``init`` would change in the Rasa project at ``project``.

    Raises:
        MergeConflict: the project is no Rasa project or conflicts with the assistant.
    """
    if not (project / "config.yml").is_file() and not (project / "domain.yml").is_file():
        raise MergeConflict(f"{project}: no config.yml or domain.yml; is this a Rasa project?")
    domain_merge.check_action_code(project)
    result = Plan()
    user_domain = load_domain(project)
    domain = domain_merge.additions(user_domain)
    result.notes.extend(domain.notes)
    domain_file = (
        "domain.yml"
        if (project / "domain.yml").is_file() or not (project / "domain").is_dir()
        else "domain/genrec.yml"
    )
    _add(result, project, domain_file, domain.items, DOMAIN_VERSION)

    files, data_notes = data_merge.planned_data(project, user_domain)
    result.notes.extend(data_notes)
    for rel, text in files.items():
        path = project / rel
        if not path.is_file():
            result.changes.append(Change(path, text, f"create {rel}"))
        elif read(path) != text:
            result.notes.append(f"{rel}: kept yours (it differs from the assistant's)")

    config = yamltext.load(read(project / "config.yml")) or {}
    additions, notes = project_merge.config_additions(config)
    result.notes.extend(notes)
    _add(result, project, "config.yml", additions)
    endpoints = yamltext.load(read(project / "endpoints.yml")) or {}
    _add(result, project, "endpoints.yml", project_merge.endpoints_additions(endpoints))
    credentials = yamltext.load(read(project / "credentials.yml")) or {}
    result.notes.extend(project_merge.credentials_notes(credentials))
    _add(result, project, "credentials.yml", project_merge.credentials_additions(credentials))
    return result


def apply(changes: list[Change]) -> None:
    """Write the planned files."""
    for change in changes:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        change.path.write_text(change.text, encoding="utf-8")


__all__ = ["Change", "MergeConflict", "Plan", "apply", "bundle", "plan"]
