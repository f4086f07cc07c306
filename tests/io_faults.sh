#!/bin/sh
# I/O failures and crash safety of the tacitus command: closed and full
# stdout, a closed pipe, unreadable input, a missing model directory, a
# full disk under the store, and kill -9 at seeded random points of an
# ingest. Prints "io_faults: N passed, N failed" and exits non-zero on
# failure. Run by tests/run.sh; details in docs/reliability.md.
NAME=io_faults
. tests/lib.sh
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join(map(str,r)) for r in c.execute(sys.argv[2])))' "$@"; }
seed=examples/seed-article.txt
news=data/news/wikinews

# --- stdout closed, full, or a pipe closed early
# closed: the first write fails with EBADF; each format and -j 2 alike
for f in json csv; do
    $T code -q --format $f $seed >&- 2> "$tmp/err"
    st=$?
    [ $st -eq 1 ] && ok || bad "closed stdout --format $f: exit $st, want 1"
    expect_in "$tmp/err" "cannot write output" "closed stdout --format $f named"
done
$T code -q -j 2 $seed $news >&- 2> "$tmp/err"
[ $? -eq 1 ] && ok || bad "closed stdout -j 2: want exit 1"
expect_in "$tmp/err" "cannot write output: Bad file descriptor" "closed stdout -j 2 message"
# full device: ENOSPC on the first flush
$T code -q -j 2 --format gdelt $seed $news > /dev/full 2> "$tmp/err"
[ $? -eq 1 ] && ok || bad "/dev/full -j 2: want exit 1"
expect_in "$tmp/err" "cannot write output: No space left on device" "/dev/full message"
$T query --db "$tmp/none.db" > /dev/full 2> /dev/null
[ $? -eq 1 ] && ok || bad "query to /dev/full: want exit 1"
# a pipe whose reader has gone: SIGPIPE ends the process quietly (status
# 141), as it does cat or grep; ignoring it would only turn the same stop
# into an EPIPE message. Either way no crash and no sanitizer report.
( $T code -q $news $news $news 2> "$tmp/err"; echo $? > "$tmp/st" ) | head -c 1 > /dev/null
st=$(cat "$tmp/st")
case $st in 0|141) ok ;; *) bad "closed pipe: exit $st, want 141 (SIGPIPE) or 0" ;; esac
if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then bad "closed pipe: sanitizer report"; else ok; fi

# --- unreadable input
if [ "$(id -u)" -eq 0 ]; then
    echo "io_faults: running as root: chmod 000 does not block reads, unreadable-file case skipped"
else
    cp $seed "$tmp/locked.txt"; chmod 000 "$tmp/locked.txt"
    expect_exit 1 "unreadable file" $T code "$tmp/locked.txt"
    expect_in "$tmp/err" "locked.txt: cannot open" "unreadable file named"
fi
# readable name, unreadable bytes (a read error even as root): named, and
# the good file beside it still coded (exit 2: partial)
if [ -r /proc/self/mem ]; then
    expect_exit 2 "read error beside a good file" $T code -q /proc/self/mem $seed
    expect_in "$tmp/err" "/proc/self/mem: record 1, byte 0: read error" "read error named"
    [ "$(wc -l < "$tmp/out")" -eq 1 ] && ok || bad "good file not coded beside a read error"
fi
mkdir "$tmp/store-dir"
expect_exit 1 "store path is a directory" $T ingest -q --db "$tmp/store-dir" $seed
expect_in "$tmp/err" "store-dir: cannot open database" "store directory named"

# --- a missing model directory: warned (coding goes on without the trained
# layers, by design), named, and the exit status stays 0
expect_exit 0 "missing model dir" $T code -q --models "$tmp/no-models" $seed
expect_in "$tmp/err" "model directory '$tmp/no-models' not found" "missing model dir named"
if grep -q '"upos"' "$tmp/out"; then bad "tags without a tagger model"; else ok; fi

# --- corpus for the store tests: the Wikinews articles from four outlets
# (96 articles, unique ids), and a reference store from one clean run
python3 - "$tmp" <<'PY'
import glob, json, sys
arts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("data/news/wikinews/*.txt"))]
with open(sys.argv[1] + "/four.jsonl", "w") as f:
    for outlet in ("a.example", "b.example", "c.example", "d.example"):
        for i, t in enumerate(arts):
            f.write(json.dumps({"id": f"{outlet}/{i}", "source": outlet, "date": "2024-01-11",
                                "text": t}) + "\n")
PY
expect_exit 0 "reference ingest" $T ingest -q --db "$tmp/ref.db" "$tmp/four.jsonl"
nart=$(sql "$tmp/ref.db" 'select count(*) from articles')
[ "$nart" -eq 96 ] && ok || bad "reference ingest: $nart articles, want 96"
# check_store DB: integrity_check is ok and every stored article has all the
# events, mentions and quotes (same JSON) the clean run stored for it
cat > "$tmp/check.py" <<'PY'
import sqlite3, sys
db, ref = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
ic = db.execute("pragma integrity_check").fetchall()
assert ic == [("ok",)], ic
def rows(c, t, aid):
    return sorted(c.execute(f"select * from {t} where article_id=?", (aid,)).fetchall())
for (aid,) in db.execute("select id from articles"):
    for t in ("events", "mentions", "quotes"):
        assert rows(db, t, aid) == rows(ref, t, aid), (aid, t)
    assert db.execute("select json from articles where id=?", (aid,)).fetchone() == \
        ref.execute("select json from articles where id=?", (aid,)).fetchone(), aid
for t in ("events", "mentions", "quotes"):
    orphans = db.execute(f"select count(*) from {t} where article_id not in (select id from articles)").fetchone()[0]
    assert orphans == 0, (t, orphans)
PY
check_store() { python3 "$tmp/check.py" "$1" "$tmp/ref.db" 2> "$tmp/check.err"; }

# --- disk full under the store: a file-size limit (SIGXFSZ ignored, so the
# write fails with EFBIG) a little above the store's size after a first
# committed batch of 6 articles. The ingest must stop with an error naming
# the store, exit 1, and leave a consistent store that still holds them.
head -n 6 "$tmp/four.jsonl" > "$tmp/first.jsonl"
expect_exit 0 "ingest before disk full" $T ingest -q --db "$tmp/full.db" "$tmp/first.jsonl"
blocks=$(( $(wc -c < "$tmp/full.db") / 512 + 200 ))
sh -c "trap '' XFSZ; ulimit -f $blocks; exec $T ingest -q --batch 2 --db '$tmp/full.db' '$tmp/four.jsonl'" \
    > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && ok || bad "disk full: exit $st, want 1"
expect_in "$tmp/err" "full.db: .*I/O error\|full.db: .*disk\|full.db: .*full" "disk full: error names the store"
if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then bad "disk full: sanitizer report"; else ok; fi
if check_store "$tmp/full.db"; then ok; else bad "disk full: store inconsistent"; cat "$tmp/check.err"; fi
n6=$(sql "$tmp/full.db" "select count(*) from articles where id in ('a.example/0','a.example/1','a.example/2','a.example/3','a.example/4','a.example/5')")
[ "$n6" = 6 ] && ok || bad "disk full: committed articles lost ($n6 of 6 left)"
# with room again, the same ingest completes the store
expect_exit 0 "ingest after disk full" $T ingest -q --db "$tmp/full.db" "$tmp/four.jsonl"
[ "$(sql "$tmp/full.db" 'select count(*) from articles')" -eq 96 ] && ok || bad "after disk full: not 96 articles"

# --- kill -9 at 8 seeded random points of one ingest into one store (odd
# rounds with 2 worker threads); after each: integrity_check ok, no half
# article (each stored one equals the clean run's), then a resumed ingest
# gives the clean run's rows exactly, without duplicates
# The delays scale with how long a short ingest (engine open, 3 articles)
# takes here, so a slower build (sanitizers) is still killed mid-run.
head -n 3 "$tmp/four.jsonl" > "$tmp/three.jsonl"
t0=$(python3 -c 'import time; print(time.time())')
$T ingest -q --db "$tmp/t.db" "$tmp/three.jsonl" 2> /dev/null
unit=$(python3 -c "import time; print(round(time.time() - $t0, 2))")
delays=$(awk -v u="$unit" 'BEGIN { srand(20240111); for (i = 0; i < 8; i++) printf "%.2f ", u * (0.5 + rand() * 3) }')
round=0; counts=
for d in $delays; do
    round=$((round + 1))
    j=$((round % 2 + 1))
    $T ingest -q -j $j --batch 3 --db "$tmp/k.db" "$tmp/four.jsonl" 2> /dev/null &
    pid=$!
    sleep "$d"
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    if check_store "$tmp/k.db"; then ok; else bad "kill -9 round $round (after ${d}s): store"; cat "$tmp/check.err"; fi
    counts="$counts $(sql "$tmp/k.db" 'select count(*) from articles')"
done
committed=$(sql "$tmp/k.db" 'select count(*) from articles')
[ "$committed" -gt 0 ] && ok || bad "kill -9: nothing was committed in 8 rounds"
expect_exit 0 "resume after kill -9" $T ingest -q --db "$tmp/k.db" "$tmp/four.jsonl"
for t in articles events mentions quotes; do
    a=$(sql "$tmp/k.db" "select count(*) from $t"); b=$(sql "$tmp/ref.db" "select count(*) from $t")
    [ "$a" = "$b" ] && ok || bad "resume: $a $t, clean run $b"
done
if check_store "$tmp/k.db"; then ok; else bad "resume: rows differ from the clean run"; cat "$tmp/check.err"; fi
echo "io_faults: kill -9 after $delays s (unit ${unit} s): articles stored after each round:$counts"

echo "io_faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
