# tests/lib.sh - sourced by the shell test scripts (cli.sh, bad.sh,
# io_faults.sh): the pass/fail counters, a temporary folder removed on exit,
# and the checks they share. The caller sets NAME (it names the FAIL lines)
# before sourcing, and prints "$NAME: $pass passed, $fail failed" at the end.
BUILD=${BUILD:-build}
T=$BUILD/tacitus
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $NAME: $*"; }
# expect_exit WANT DESC CMD...: runs CMD with a time limit (a hang fails as
# exit 124; a signal death as a crash unless it is what WANT says); stdout
# to $tmp/out, stderr to $tmp/err
expect_exit() {
    want=$1; desc=$2; shift 2
    timeout 300 "$@" > "$tmp/out" 2> "$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok
    elif [ "$got" -ge 128 ]; then bad "$desc: crashed (exit $got)"; head -5 "$tmp/err"
    else bad "$desc: exit $got, want $want"; head -3 "$tmp/err"; fi
}
# expect_in FILE PATTERN DESC: grep -q
expect_in() {
    if grep -q -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(basename "$1")"; head -c 400 "$1"; echo; fi
}
expect_not_in() {
    if grep -q -- "$2" "$1"; then bad "$3: '$2' in $(basename "$1")"; else ok; fi
}
lines() { wc -l < "$1" | tr -d ' '; }
