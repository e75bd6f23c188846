#!/usr/bin/env bash
# Refresh the translations from the code and compile them.
#   counter_app_en.ts  Vietnamese (the source text users see) → English. New strings arrive
#                      "unfinished": translate them in Qt Linguist (.venv/bin/pyside6-linguist),
#                      then run this again. tests/ui/test_i18n.py fails while any is missing.
#   qt_vi.ts           Qt's own dialog strings → Vietnamese (Qt ships none; STACK.md trap 6).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
"$BIN/pyside6-lupdate" $(find ui -name '*.py' | sort) -no-obsolete \
  -source-language vi_VN -target-language en_US -ts resources/translations/counter_app_en.ts
for ts in resources/translations/*.ts; do
  "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
