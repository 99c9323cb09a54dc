#!/usr/bin/env bash
# Fails when a C++ file changed since BASE is not formatted as .clang-format says.
#   scripts/check-format.sh [BASE]     BASE: a git revision (default: $FORMAT_BASE, else HEAD~1)
# Changed = differs between BASE and the working tree, or untracked and not ignored, so both a
# CI run on a new commit and a developer's uncommitted edits are checked. `make format`
# reformats every file.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed (make setup)" >&2; exit 1; }
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "check-format: not a git checkout; nothing to compare" >&2; exit 0; }
base="${1:-${FORMAT_BASE:-HEAD~1}}"
git rev-parse -q --verify "$base^{commit}" >/dev/null || base="$(git hash-object -t tree /dev/null)"  # first commit: all files
mapfile -t files < <({ git diff --name-only --diff-filter=ACMR "$base" -- ; git ls-files --others --exclude-standard; } |
                     grep -E '^(src|tests|bench|fuzz)/.*\.(cc|h)$' | sort -u)
((${#files[@]})) || { echo "check-format: no C++ file changed since $base"; exit 0; }
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/check-format.$$; then
  grep -E '^[^ ].*: error:' /tmp/check-format.$$ | cut -d: -f1 | sort -u | sed 's/^/  not formatted: /' >&2
  rm -f /tmp/check-format.$$
  echo "check-format: run 'make format' (or clang-format -i on the files above)" >&2
  exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: ${#files[@]} changed C++ file(s) formatted"
