#!/bin/sh
# Runs every unit-test binary given as arguments, then the golden and CLI
# tests (tests/cli.sh), the bad-input catalogue (tests/bad.sh), the I/O failure
# and kill -9 tests (tests/io_faults.sh), the Python binding's
# (tests/python.sh) and the server's (tests/serve.sh), and prints the total
# as "N passed, N failed".
# Exit status is non-zero when anything failed.
BUILD=${BUILD:-build}
pass=0; fail=0
out=$(mktemp)
for t in "$@"; do
    if "$t" > "$out" 2>&1; then :; fi
    cat "$out"
    line=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$t: crashed or printed no summary"
        fail=$((fail + 1))
        continue
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
    pass=$((pass + p)); fail=$((fail + f))
done
for script in tests/cli.sh tests/bad.sh tests/io_faults.sh tests/python.sh tests/serve.sh; do
    if BUILD="$BUILD" sh "$script" > "$out" 2>&1; then :; fi
    cat "$out"
    line=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$script: printed no summary"; fail=$((fail + 1))
    else
        p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
        f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
        pass=$((pass + p)); fail=$((fail + f))
    fi
done
rm -f "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
