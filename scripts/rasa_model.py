"""Train the Rasa model only when its inputs changed; print the model's path.

The model file is named by a hash of everything that shapes it (config, domain,
NLU/stories/rules data and the Rasa version), so a second run with the same inputs
reuses the cached model instead of training again.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = REPO / "rasa_project"
RASA = REPO / ".venv-rasa" / "bin" / "rasa"
INPUTS = ("config.yml", "domain", "data")


def input_files(project: Path = PROJECT) -> list[Path]:
    """Every file whose content shapes the trained model, in a stable order."""
    files: list[Path] = []
    for name in INPUTS:
        path = project / name
        files.extend(
            [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        )
    return files


def inputs_hash(project: Path = PROJECT, rasa_version: str = "3.6.21") -> str:
    """Hex digest over the relative paths and bytes of the model's inputs."""
    digest = hashlib.sha256(rasa_version.encode())
    for path in input_files(project):
        digest.update(str(path.relative_to(project)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(project: Path = PROJECT) -> Path:
    """Where the model for the current inputs lives (it may not exist yet)."""
    return project / "models" / f"genrec-{inputs_hash(project)}.tar.gz"


def ensure_model(project: Path = PROJECT, quiet: bool = False) -> Path:
    """Return the cached model for the current inputs, training it first if missing."""
    target = model_path(project)
    if target.exists():
        return target
    cmd = [
        str(RASA),
        "train",
        "--domain",
        "domain",
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
        "--out",
        str(target.parent),
    ]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.DEVNULL if quiet else None
    subprocess.run(cmd, cwd=project, check=True, env=env, stdout=out)
    if not target.exists():
        raise SystemExit(f"rasa train finished but {target} is missing")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="only print whether training is needed"
    )
    parser.add_argument("--quiet", action="store_true", help="hide rasa train output")
    args = parser.parse_args()
    if args.check:
        target = model_path()
        print(f"{target} {'cached' if target.exists() else 'needs training'}")
        return 0
    print(ensure_model(quiet=args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
