"""The ``genrec-actions`` wheel holds what ``genrec-rasa init`` writes into a shop's project."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from actions.dropin import project_merge

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_ships_the_bot_files_and_the_channel_init_names(tmp_path: Path) -> None:
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources.
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "models", "var")
    for name in ("actions", "genrec_rasa", "rasa_project"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    done = subprocess.run(
        [*pip, str(src / "actions"), "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("genrec_actions-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    module = project_merge.SOCKETIO_CLASS.rsplit(".", 1)[0].replace(".", "/") + ".py"
    assert module in names
    assert "genrec_rasa/redacting_tracker_store.py" in names
    assert "genrec_actions/dropin/cli.py" in names
    assert "genrec_actions/bot/domain/shopping.yml" in names
    assert "genrec_actions/bot/data/nlu/shopping.yml" in names
