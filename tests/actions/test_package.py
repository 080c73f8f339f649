"""The actions work under another import name (``genrec_actions``), as a shop installs them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ACTIONS = Path(__file__).resolve().parents[2] / "actions"


def test_actions_import_each_other_relatively() -> None:
    absolute = []
    for path in ACTIONS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                if (node.module or "").split(".")[0] == "actions":
                    absolute.append(f"{path.relative_to(ACTIONS)}:{node.lineno}")
            elif isinstance(node, ast.Import) and any(
                a.name.split(".")[0] == "actions" for a in node.names
            ):
                absolute.append(f"{path.relative_to(ACTIONS)}:{node.lineno}")
    assert not absolute, f"absolute imports of `actions` (use relative ones): {absolute}"


def test_every_action_registers_as_genrec_actions(tmp_path: Path) -> None:
    (tmp_path / "genrec_actions").symlink_to(ACTIONS, target_is_directory=True)
    script = (
        "from rasa_sdk.executor import ActionExecutor\n"
        "import genrec_actions\n"
        "executor = ActionExecutor(); executor.register_package('genrec_actions')\n"
        "import importlib.util; assert importlib.util.find_spec('actions') is None\n"
        "print(sorted(executor.actions))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = done.stdout
    for name in (
        "action_genrec_recommend_products",
        "action_genrec_answer_faq",
        "action_genrec_handoff",
        "action_genrec_similar_products",
    ):
        assert f"'{name}'" in names
