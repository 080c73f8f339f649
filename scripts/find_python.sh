#!/usr/bin/env bash
# Print the path of a Python interpreter of the given minor version (e.g. 3.10), or fail.
# Looks at pythonX.Y on PATH first (a pyenv shim only counts if it really runs), then pyenv's versions.
set -euo pipefail
want="${1:?usage: find_python.sh 3.10}"
if command -v "python$want" >/dev/null 2>&1 && "python$want" -c 'import sys' >/dev/null 2>&1; then
  command -v "python$want"; exit 0
fi
root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
for candidate in $(ls -d "$root"/versions/"$want".*/bin/python"$want" 2>/dev/null | sort -V -r); do
  "$candidate" -c 'import sys' >/dev/null 2>&1 && { echo "$candidate"; exit 0; }
done
echo "python$want not found: install it (e.g. pyenv install $want) and retry" >&2
exit 1
