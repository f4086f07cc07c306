#!/bin/sh
# Runs every unit-test binary and one `tacitus code` of the seed article
# under valgrind memcheck (leaks included) and prints, per program, the
# errors and definitely/indirectly lost bytes; exits non-zero when any
# reported an error. Too slow for make test (minutes): run as
# `make valgrind`. Results in docs/reliability.md.
BUILD=${BUILD:-build}
export TACITUS_MODELS=${TACITUS_MODELS:-$BUILD/models}
# the engine-open sweep runs 60 engine opens of 45 MB of models: 10+ minutes here
export TEST_FAULTS_SKIP=${TEST_FAULTS_SKIP-engine open}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
failed=0; n=0
vg() {
    name=$1; shift
    n=$((n + 1))
    valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --log-file="$log/$name.vg" "$@" > "$log/$name.out" 2>&1
    st=$?
    errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log/$name.vg" | tail -n 1)
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log/$name.vg" | tail -n 1)
    printf '%-24s exit %-3s errors %-4s definitely lost %s bytes\n' "$name" "$st" "${errs:-?}" "${lost:-0}"
    if [ "$st" -eq 99 ] || [ "${errs:-1}" -ne 0 ]; then
        failed=$((failed + 1))
        grep -A 12 'Invalid\|uninitialised\|definitely lost in\|indirectly lost in' "$log/$name.vg" | head -40
    fi
}
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] && vg "$(basename "$t")" "$t"
done
vg "tacitus-code-seed" "$BUILD/tacitus" code examples/seed-article.txt --date 2024-01-11
echo "valgrind: $n programs, $failed with errors"
[ "$failed" -eq 0 ]
