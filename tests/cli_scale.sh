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
