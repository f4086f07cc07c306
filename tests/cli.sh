#!/bin/sh
# Golden and command-line tests: runs build/tacitus on fixtures and
# compares with expected output. Prints "cli: N passed, N failed".
BUILD=${BUILD:-build}
T=$BUILD/tacitus
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL cli: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# golden files: tests/golden/NAME.txt (+ NAME.args) -> NAME.json
for in in tests/golden/*.txt; do
    [ -e "$in" ] || continue
    name=${in%.txt}
    args=$(cat "$name.args" 2>/dev/null)
    # shellcheck disable=SC2086
    $T code $args "$in" > "$tmp/out.json" 2> "$tmp/err"
    if cmp -s "$tmp/out.json" "$name.json"; then ok; else bad "golden $name differs"; diff "$name.json" "$tmp/out.json" | head -5; fi
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
