# Sourced by tests/cli.sh (uses its $T, $tmp, ok, bad, expect_exit, expect_in):
# output formats, -j N, the SQLite store, merge and de-duplication.

# --- formats: GDELT rows have the 61 columns and their types, PLOVER records
# the manual's required fields, CSV rows the header's width
news="data/news/wikinews"
for f in gdelt plover csv json; do
    expect_exit 0 "code --format $f" $T code -q --format $f --date 2024-01-11 $news/*.txt
    cp "$tmp/out" "$tmp/fmt.$f"
done
[ "$(lines "$tmp/fmt.gdelt")" -gt 10 ] && ok || bad "gdelt: too few rows"
if python3 tests/formats_check.py gdelt "$tmp/fmt.gdelt" data/formats/gdelt2_event_61_columns.tsv > "$tmp/chk"; then ok; else bad "gdelt rows"; cat "$tmp/chk"; fi
# the checker itself accepts real GDELT rows
if python3 tests/formats_check.py gdelt data/formats/gdelt2_events_sample100.tsv data/formats/gdelt2_event_61_columns.tsv > "$tmp/chk"; then ok; else bad "gdelt sample"; cat "$tmp/chk"; fi
# and rejects a row with a column missing
head -n 1 "$tmp/fmt.gdelt" | cut -f 1-60 > "$tmp/short.gdelt"
if python3 tests/formats_check.py gdelt "$tmp/short.gdelt" data/formats/gdelt2_event_61_columns.tsv > /dev/null; then bad "60 columns accepted"; else ok; fi
if python3 tests/formats_check.py plover "$tmp/fmt.plover" data/plover/cameo2plover_2021.tsv > "$tmp/chk"; then ok; else bad "plover records"; cat "$tmp/chk"; fi
if python3 tests/formats_check.py csv "$tmp/fmt.csv" > "$tmp/chk"; then ok; else bad "csv rows"; cat "$tmp/chk"; fi
# one GDELT and one CSV row per event of the JSON output
nev=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["events"]) for l in open(sys.argv[1])))' "$tmp/fmt.json")
[ "$(lines "$tmp/fmt.gdelt")" -eq "$nev" ] && ok || bad "gdelt rows $(lines "$tmp/fmt.gdelt") != events $nev"
[ "$(lines "$tmp/fmt.csv")" -eq $((nev + 1)) ] && ok || bad "csv rows != events + header"
expect_exit 1 "unknown format" $T code --format xml examples/seed-article.txt
expect_in "$tmp/err" "unknown output format 'xml'" "unknown format named"

# --- -j N: byte-identical to -j 1 and in input order, every format, with
# bad records among good ones (their errors in the same order too)
cat $news/*.txt tests/data/bad/*.jsonl > /dev/null
for f in json gdelt; do
    $T code -q --format $f --date 2024-01-11 $news/*.txt tests/data/bad/malformed.jsonl tests/data/warc/ccnews-sample.warc.gz \
        > "$tmp/j1.$f" 2> "$tmp/j1.err"
    for j in 2 4; do
        $T code -q -j $j --format $f --date 2024-01-11 $news/*.txt tests/data/bad/malformed.jsonl \
            tests/data/warc/ccnews-sample.warc.gz > "$tmp/jn.$f" 2> "$tmp/jn.err"
        if cmp -s "$tmp/j1.$f" "$tmp/jn.$f"; then ok; else bad "-j $j $f output differs from -j 1"; fi
        if cmp -s "$tmp/j1.err" "$tmp/jn.err"; then ok; else bad "-j $j $f errors differ from -j 1"; fi
    done
done
expect_exit 1 "-j 0 rejected" $T code -j 0 examples/seed-article.txt
# no progress line when stderr is not a terminal
$T code -j 2 examples/seed-article.txt > /dev/null 2> "$tmp/err"
if grep -q 'articles/s' "$tmp/err"; then bad "progress line on a non-terminal"; else ok; fi

# --- corpora for the store and merge tests: the Wikinews articles twice, as
# two outlets reporting the same stories (same events, different articles)
python3 - "$tmp" <<'PY'
import glob, json, sys
tmp = sys.argv[1]
arts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("data/news/wikinews/*.txt"))]
recs = []
for outlet in ("wire.example", "daily.example"):
    for i, t in enumerate(arts):
        recs.append({"id": f"{outlet}/{i}", "source": outlet, "url": f"https://{outlet}/{i}",
                     "date": "2024-01-11", "text": t})
with open(f"{tmp}/two.jsonl", "w") as f:
    for r in recs: f.write(json.dumps(r) + "\n")
with open(f"{tmp}/two-rev.jsonl", "w") as f:
    for r in reversed(recs): f.write(json.dumps(r) + "\n")
for k in range(4):
    with open(f"{tmp}/shard{k}.jsonl", "w") as f:
        for r in recs[k::4]: f.write(json.dumps(r) + "\n")
PY
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join(map(str,r)) for r in c.execute(sys.argv[2])))' "$@"; }

# --- ingest: stores articles, events, mentions; idempotent; WAL
expect_exit 0 "ingest" $T ingest -q --db "$tmp/a.db" "$tmp/two.jsonl"
[ "$(sql "$tmp/a.db" 'select count(*) from articles')" = 48 ] && ok || bad "ingest: articles"
ev1=$(sql "$tmp/a.db" 'select count(*) from events')
mn1=$(sql "$tmp/a.db" 'select count(*) from mentions')
[ "$ev1" -gt 20 ] && [ "$mn1" -gt 100 ] && ok || bad "ingest: events $ev1, mentions $mn1"
[ "$(sql "$tmp/a.db" 'pragma journal_mode')" = wal ] && ok || bad "ingest: not WAL"
expect_exit 0 "re-ingest" $T ingest -q -j 2 --db "$tmp/a.db" "$tmp/shard1.jsonl" "$tmp/two.jsonl"
[ "$(sql "$tmp/a.db" 'select count(*) from articles'),$(sql "$tmp/a.db" 'select count(*) from events'),$(sql "$tmp/a.db" 'select count(*) from mentions')" = "48,$ev1,$mn1" ] \
    && ok || bad "re-ingest duplicated rows"
# the stored events are the events code writes
$T code -q --format gdelt "$tmp/two.jsonl" | sort > "$tmp/code.gdelt"
$T query --db "$tmp/a.db" --format gdelt > "$tmp/query.raw" || bad "query --format gdelt exit status"
sort "$tmp/query.raw" > "$tmp/query.gdelt"
if cmp -s "$tmp/code.gdelt" "$tmp/query.gdelt"; then ok; else bad "query rows differ from code rows"; fi
# filters
$T query --db "$tmp/a.db" --actor USA --format csv > "$tmp/q.csv" || bad "exit status of: query --db "$tmp/a.db" --actor USA --format csv"
python3 - "$tmp/q.csv" <<'PY' && ok || bad "query --actor USA"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["source_code"].startswith("USA") or r["target_code"].startswith("USA") for r in rows)
PY
$T query --db "$tmp/a.db" --quad 1 --cameo 04 --from 2024-01-11 --to 2024-01-11 --format csv > "$tmp/q.csv" || bad "exit status of: query --db "$tmp/a.db" --quad 1 --cameo 04 --from 2024-01-11 --to 2024-01-11 --format csv"
python3 - "$tmp/q.csv" <<'PY' && ok || bad "query --quad --cameo --from --to"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["quad_class"] == "1" and r["cameo"].startswith("04") for r in rows)
PY
$T query --db "$tmp/a.db" --from 2024-01-12 > "$tmp/q.json" || bad "exit status of: query --db "$tmp/a.db" --from 2024-01-12"
$T query --db "$tmp/a.db" > "$tmp/q-all.json" || bad "exit status of: query --db "$tmp/a.db""
# events dated by their own time expressions may fall after the publication date
python3 - "$tmp/q.json" "$tmp/q-all.json" <<'PY' && ok || bad "query --from excludes earlier dates"
import json, sys
def events(path):
    for line in open(path):
        r = json.loads(line)
        yield from ([r["event"]] if "event" in r else r["events"])
got, every = list(events(sys.argv[1])), list(events(sys.argv[2]))
assert all(e["date"] >= "2024-01-12" for e in got)
assert len(got) == sum(e["date"] >= "2024-01-12" for e in every) < len(every)
PY
expect_exit 1 "query missing db" $T query --db "$tmp/none.db"
expect_in "$tmp/err" "none.db: cannot open" "query missing db named"

# --- de-duplication: both outlets' reports of an event merge into one with
# two mentions, two sources, two articles; the same answer in either order
$T query --db "$tmp/a.db" --dedup > "$tmp/dedup.json" || bad "exit status of: query --db "$tmp/a.db" --dedup"
python3 - "$tmp/dedup.json" "$ev1" <<'PY' && ok || bad "dedup counts"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) * 2 <= int(sys.argv[2]), (len(recs), sys.argv[2])
assert sum(r["num_mentions"] for r in recs) == int(sys.argv[2])
for r in recs:
    assert r["num_articles"] == len({m["article"] for m in r["mentions"]})
    assert r["num_sources"] == len({m["outlet"] for m in r["mentions"]}) == 2
PY
expect_exit 0 "ingest reversed" $T ingest -q --db "$tmp/b.db" "$tmp/two-rev.jsonl"
$T query --db "$tmp/b.db" --dedup > "$tmp/dedup-rev.json" || bad "exit status of: query --db "$tmp/b.db" --dedup"
if cmp -s "$tmp/dedup.json" "$tmp/dedup-rev.json"; then ok; else bad "dedup depends on ingest order"; fi

# --- merge: 4 shards coded apart and merged give exactly the single-run result
$T code -q "$tmp/two.jsonl" | $T merge > "$tmp/single.json"
for k in 0 1 2 3; do $T code -q -j 2 "$tmp/shard$k.jsonl" > "$tmp/shard$k.out"; done
expect_exit 0 "merge shards" $T merge "$tmp/shard3.out" "$tmp/shard1.out" "$tmp/shard0.out" "$tmp/shard2.out"
if cmp -s "$tmp/single.json" "$tmp/out"; then ok; else bad "merged shards differ from the single run"; fi
if cmp -s "$tmp/single.json" "$tmp/dedup.json"; then ok; else bad "merge differs from query --dedup"; fi
# a tree of merges (Hadoop keyed lines in between) gives the same again
$T merge --keyed "$tmp/shard0.out" "$tmp/shard1.out" > "$tmp/m01"
$T merge "$tmp/shard2.out" "$tmp/shard3.out" > "$tmp/m23"
sort "$tmp/m01" "$tmp/m23" | $T merge > "$tmp/m"
if cmp -s "$tmp/single.json" "$tmp/m"; then ok; else bad "merge of merges differs"; fi
$T merge --format gdelt "$tmp/m" > "$tmp/m.gdelt"
if python3 tests/formats_check.py gdelt "$tmp/m.gdelt" data/formats/gdelt2_event_61_columns.tsv > /dev/null; then ok; else bad "merged gdelt"; fi
printf '{"id":1}\n{bad\n' > "$tmp/junk.jsonl"
expect_exit 2 "merge bad lines" $T merge "$tmp/junk.jsonl" "$tmp/shard0.out"
expect_in "$tmp/err" "junk.jsonl: record 2, byte [0-9]*: malformed JSON" "merge bad line named"
expect_in "$tmp/err" "junk.jsonl: record 1, byte 0: neither an article record nor an event record" "merge odd record named"

# --- kill -9 during an ingest: 8 rounds at seeded random points in
# tests/io_faults.sh

# --- bad records among good ones, end to end: each bad one is one error
# naming file, record and byte; every other record is coded (exit 2)
python3 tests/make_mixed_warc.py "$tmp/mixed.warc.gz"
expect_exit 2 "mixed WARC" $T code -q "$tmp/mixed.warc.gz"
cp "$tmp/out" "$tmp/mixed.json"; cp "$tmp/err" "$tmp/mixed.err"
expect_in "$tmp/mixed.err" "mixed.warc.gz: record 2, byte [0-9]*: Content-Length [0-9]* does not match the record" "wrong WARC length named"
expect_in "$tmp/mixed.err" "mixed.warc.gz: record 4, byte [0-9]*: HTML page has no main text" "malformed page named"
expect_in "$tmp/mixed.err" "mixed.warc.gz: record 6, byte [0-9]*: truncated gzip member" "truncated gzip named"
[ "$(grep -vc ': warning: ' "$tmp/mixed.err")" -eq 3 ] && ok || bad "mixed WARC: $(grep -vc ': warning: ' "$tmp/mixed.err") errors, want 3"
[ "$(grep -c '"id":"urn:uuid:r[135]"' "$tmp/mixed.json")" -eq 3 ] && ok || bad "mixed WARC: good records not all coded"
expect_in "$tmp/mixed.json" '"title":"Café"' "windows-1252 page converted"
expect_in "$tmp/mixed.json" '"id":"urn:uuid:r5".*"events":\[{' "record after the bad ones has its events"
expect_exit 2 "mixed WARC -j 2" $T code -q -j 2 "$tmp/mixed.warc.gz"
if cmp -s "$tmp/out" "$tmp/mixed.json" && cmp -s "$tmp/err" "$tmp/mixed.err"; then ok; else bad "mixed WARC -j 2 differs"; fi
# a non-UTF-8 page that declares nothing: coded, its bad bytes replaced, with a warning
printf '<html><body><article><p>The minister of Gondor met caf\351 owners in Osgiliath on Monday to discuss taxes.</p></article></body></html>' > "$tmp/undeclared.html"
expect_exit 0 "undeclared latin-1 page" $T code -q "$tmp/undeclared.html"
expect_in "$tmp/out" 'invalid UTF-8 byte(s) replaced' "undeclared page warned"
# malformed HTML fixtures with good pages in one run
expect_exit 2 "html fixtures" $T code -q tests/data/html/
expect_in "$tmp/err" "empty.html: record 1" "empty page named"
[ "$(lines "$tmp/out")" -ge 5 ] && ok || bad "html fixtures: good pages not coded"

# --- ingest with bad records: each reported, the rest stored (exit 2)
printf '{"id":"ok1","text":"Gondor attacked Mordor on Monday.","date":"2024-01-11"}\n{"id":"bad",\n' > "$tmp/some-bad.jsonl"
expect_exit 2 "ingest with bad records" $T ingest -q --db "$tmp/c.db" "$tmp/some-bad.jsonl" "$tmp/missing.jsonl" "$tmp/shard0.jsonl"
expect_in "$tmp/err" "some-bad.jsonl: record 2" "ingest bad record named"
expect_in "$tmp/err" "missing.jsonl: cannot open" "ingest missing file named"
[ "$(sql "$tmp/c.db" 'select count(*) from articles')" = 13 ] && ok || bad "ingest with bad records: articles"
$T query --db "$tmp/a.db" --format plover > "$tmp/q.plover" || bad "exit status of: query --db "$tmp/a.db" --format plover"
if python3 tests/formats_check.py plover "$tmp/q.plover" data/plover/cameo2plover_2021.tsv > /dev/null; then ok; else bad "query plover"; fi
