#!/usr/bin/env bash
# Development helper: a git worktree that shares this checkout's venvs, models and node_modules.
# usage: scripts/worktree.sh NAME   -> /work/wt-NAME on branch feat-NAME
set -euo pipefail
main="$(cd "$(dirname "$0")/.." && pwd)"
name="$1"; dir="$(dirname "$main")/wt-$name"
git -C "$main" worktree add "$dir" -b "feat-$name"
for link in .venv .venv-rasa node_modules models; do ln -sfn "$main/$link" "$dir/$link"; done
mkdir -p "$dir/recommender/web/static/vendor"
cp "$main"/recommender/web/static/vendor/* "$dir/recommender/web/static/vendor/"
echo "$dir"
