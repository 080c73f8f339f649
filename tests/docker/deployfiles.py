"""Reading the deployment files under docker/ without a Docker engine: a small Dockerfile
parser (tests/docker/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"


@dataclass(frozen=True)
class Dockerfile:
    """A Dockerfile as (instruction, arguments) pairs: comments dropped, continuations joined."""

    path: Path
    instructions: tuple[tuple[str, str], ...]

    def args(self, instruction: str) -> list[str]:
        return [a for i, a in self.instructions if i == instruction.upper()]

    def index(self, instruction: str) -> list[int]:
        return [n for n, (i, _) in enumerate(self.instructions) if i == instruction.upper()]

    @property
    def user(self) -> str | None:
        """The last USER: the one the container runs as (``None``: root)."""
        users = self.args("USER")
        return users[-1] if users else None

    @property
    def uid(self) -> int:
        """The numeric uid of :attr:`user` (a name is looked up in the image's ``useradd``)."""
        name = (self.user or "root").split(":")[0]
        if name.isdigit():
            return int(name)
        if name == "root":
            return 0
        for run in self.args("RUN"):
            m = re.search(rf"useradd\b[^&;]*?--uid (\d+)[^&;]*?\s{re.escape(name)}\b", run)
            if m:
                return int(m.group(1))
        raise AssertionError(f"{self.path.name}: no uid for user {name!r}")

    def writable_dirs(self) -> set[str]:
        """Directories the image hands to its user (``install -d -o``, ``chown``)."""
        out: set[str] = set()
        for run in self.args("RUN"):
            for m in re.finditer(
                r"install -d -o \S+(?: -g \S+)?(?: -m \S+)?((?: /[^\s&;]+)+)", run
            ):
                out.update(m.group(1).split())
            for m in re.finditer(r"chown (?:-R )?\S+((?: /[^\s&;]+)+)", run):
                out.update(m.group(1).split())
        return out


def parse_dockerfile(path: Path) -> Dockerfile:
    joined: list[str] = []
    buffer = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not buffer):
            continue
        if line.endswith("\\"):
            buffer += line[:-1].strip() + " "
            continue
        joined.append(buffer + line)
        buffer = ""
    assert not buffer, f"{path.name}: a line continues past the end"
    pairs = []
    for line in joined:
        instruction, _, args = line.partition(" ")
        pairs.append((instruction.upper(), args.strip()))
    return Dockerfile(path, tuple(pairs))
