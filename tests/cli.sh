#!/bin/sh
# Golden and command-line tests: runs the tacitus binary on fixtures and
# checks output, exit statuses and error messages. Prints
# "cli: N passed, N failed" and exits non-zero on failure.
NAME=cli
. tests/lib.sh

# --- golden files: tests/golden/NAME.txt (+ NAME.args) -> NAME.json
for in in tests/golden/*.txt; do
    [ -e "$in" ] || continue
    name=${in%.txt}
    args=$(cat "$name.args" 2>/dev/null)
    # shellcheck disable=SC2086
    $T code $args "$in" > "$tmp/golden.json" 2> "$tmp/err"
    if cmp -s "$tmp/golden.json" "$name.json"; then ok; else
        bad "golden $name differs (left: expected)"; diff "$name.json" "$tmp/golden.json" | head -5
    fi
done

# --- the output validates against the JSON Schema
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    $T code --layers sentences,tokens tests/golden/*.txt tests/data/bad/*.txt tests/data/bad/*.jsonl \
        2> /dev/null > "$tmp/all.json"
    if /usr/bin/python3 tests/schema_check.py docs/output.schema.json < "$tmp/all.json"; then ok; else
        bad "output does not validate against docs/output.schema.json"; fi
    # every layer, with events, quotes, places and coreferent mentions
    $T code --layers all --date 2024-01-11 examples/seed-article.txt data/news/wikinews \
        2> /dev/null > "$tmp/all-layers.json"
    if /usr/bin/python3 tests/schema_check.py docs/output.schema.json < "$tmp/all-layers.json"; then ok; else
        bad "--layers all output does not validate against docs/output.schema.json"; fi
    # and the validator does reject a bad record
    if echo '{"id":"x"}' | /usr/bin/python3 tests/schema_check.py docs/output.schema.json 2>/dev/null; then
        bad "schema check accepted an incomplete record"; else ok; fi
else
    bad "python3-jsonschema missing (run scripts/deps.sh)"
fi

# --- demo: the seed article with its publication date
expect_exit 0 "demo" $T code --date 2024-01-11 --layers sentences examples/seed-article.txt
expect_in "$tmp/out" '"date":"2024-01-11"' "demo date"
n=$(grep -o '"start"' "$tmp/out" | wc -l)
[ "$n" -eq 15 ] && ok || bad "seed article: $n sentences, want 15"

# --- bad input: each is coded with a warning, none crashes
expect_exit 0 "invalid UTF-8" $T code tests/data/bad/invalid-utf8.txt
expect_in "$tmp/out" 'invalid UTF-8 byte(s) replaced' "invalid UTF-8 warning"
expect_exit 0 "NUL bytes" $T code tests/data/bad/nul.txt
expect_in "$tmp/out" 'NUL byte(s) replaced' "NUL warning"
expect_exit 0 "BOM" $T code --layers tokens tests/data/bad/bom.txt
expect_in "$tmp/out" '"start":3,"end":10,"sentence":0,"text":"Baghdad"' "BOM offsets"
expect_exit 0 "CRLF" $T code --layers sentences tests/data/bad/crlf.txt
expect_in "$tmp/out" '{"start":0,"end":17},{"start":21,"end":51},{"start":53,"end":61}' "CRLF sentences"
expect_exit 0 "empty file" $T code --layers sentences tests/data/bad/empty.txt
expect_in "$tmp/out" '"sentences":\[\]' "empty file has no sentences"

# --- JSON Lines: bad lines are reported with their line numbers, the rest coded (exit 2)
expect_exit 2 "malformed JSONL" $T code tests/data/bad/malformed.jsonl
[ "$(lines "$tmp/out")" -eq 3 ] && ok || bad "malformed JSONL: $(lines "$tmp/out") records coded, want 3"
expect_in "$tmp/err" 'malformed.jsonl: record 2, byte 32: malformed JSON' "line 2 named"
expect_in "$tmp/err" 'malformed.jsonl: record 4, byte 3: malformed JSON' "line 4 named"
expect_in "$tmp/out" "date '2024-13-45' is not ISO 8601" "bad date warned"
expect_exit 2 "odd JSONL" $T code tests/data/bad/odd.jsonl
expect_in "$tmp/err" 'record 3, byte 29: malformed JSON: duplicate object key' "duplicate key named"

# --- missing input: named, fatal when nothing was coded, partial otherwise
expect_exit 1 "missing file" $T code no/such/file.txt
expect_in "$tmp/err" 'no/such/file.txt: cannot open' "missing file named"
expect_exit 2 "missing + good file" $T code no/such/file.txt examples/seed-article.txt
[ "$(lines "$tmp/out")" -eq 1 ] && ok || bad "good file not coded next to a missing one"
if [ -r /proc/self/mem ]; then # readable name, unreadable bytes (works as root too)
    expect_exit 1 "read error" $T code /proc/self/mem
    expect_in "$tmp/err" '/proc/self/mem: record 1, byte 0: read error' "read error named"
fi
if [ "$(id -u)" -ne 0 ]; then
    cp tests/data/bad/nul.txt "$tmp/locked.txt"; chmod 000 "$tmp/locked.txt"
    expect_exit 1 "unreadable file" $T code "$tmp/locked.txt"
fi

# --- stdin, directories, options
expect_exit 0 "stdin text" sh -c "$T code --date 2024-01-11 - < examples/seed-article.txt"
expect_in "$tmp/out" '"id":"stdin","source":null,"url":null,"date":"2024-01-11"' "stdin record"
expect_exit 0 "stdin jsonl" sh -c "head -n 1 tests/data/bad/malformed.jsonl | $T code"
expect_in "$tmp/out" '"id":"ok1"' "stdin JSONL detected"
mkdir -p "$tmp/dir/sub"; cp tests/data/bad/bom.txt "$tmp/dir/b.txt"; cp tests/data/bad/nul.txt "$tmp/dir/a.txt"
cp tests/data/bad/crlf.txt "$tmp/dir/sub/c.txt"
expect_exit 0 "directory" $T code "$tmp/dir"
if [ "$(grep -o '"id":"[^"]*"' "$tmp/out" | sed 's|.*/dir/||' | tr '\n' ' ')" = 'a.txt" b.txt" sub/c.txt" ' ]; then ok
else bad "directory not walked in sorted order"; fi
expect_exit 1 "bad --date" $T code --date 2024-02-30x examples/seed-article.txt
expect_exit 1 "unknown option" $T code --bogus examples/seed-article.txt
expect_in "$tmp/err" "unknown or incomplete option '--bogus'" "unknown option named"
expect_exit 1 "unknown layer" $T code --layers tokens,trees examples/seed-article.txt
expect_exit 1 "unknown command" $T frobnicate

# --- a 50 MB single line: truncated with a warning, no crash
head -c 50000000 /dev/zero | tr '\0' 'a' | sed 's/a\{9\}/word one /g' > "$tmp/big.txt"
expect_exit 0 "50 MB line" $T code --models /nonexistent "$tmp/big.txt"
expect_in "$tmp/out" 'truncated to 16777216 bytes' "big article truncated"

# --- closed stdout is an error, not a crash
$T code examples/seed-article.txt > /dev/full 2> "$tmp/err"
[ $? -eq 1 ] && ok || bad "writing to /dev/full should exit 1"

# --- eval segment on a small treebank slice
awk 'BEGIN{n=0} /^$/{n++} {print} n>=40{exit}' data/ud/en_ewt-ud-dev.conllu > "$tmp/small.conllu"
expect_exit 0 "eval segment" $T eval segment "$tmp/small.conllu" --json
expect_in "$tmp/out" '"tokens_f1":' "eval json"
printf '1\tx\n' > "$tmp/broken.conllu"
expect_exit 1 "eval bad treebank" $T eval segment "$tmp/broken.conllu"
expect_in "$tmp/err" 'broken.conllu: record 1: expected 10 tab-separated fields' "treebank error named"

# --- dictionaries: check and lookup
expect_exit 0 "dict check clean" $T dict check data/validation/PETR.Validate.discards.txt
expect_exit 2 "dict check defects" $T dict check tests/data/dict/bad.actors.txt
expect_in "$tmp/out" 'bad.actors.txt:[0-9]*:' "dict defects named with file:line"
expect_exit 0 "dict lookup" $T dict lookup "Iraqi" --date 2024-01-11
expect_in "$tmp/out" 'IRQ' "dict lookup code"
expect_exit 1 "dict lookup miss" $T dict lookup "zzzz qqqq"

# --- mentions on the seed article (models absent: dictionaries only)
expect_exit 0 "mentions" $T code --models /nonexistent --layers mentions --date 2024-01-11 examples/seed-article.txt
expect_in "$tmp/out" '"text":"Iraqi Foreign Minister","span":\[\([0-9]*\),[0-9]*\],"sentence":3,"code":"IRQGOV"' "IRQGOV mention"
expect_in "$tmp/out" '"text":"Pentagon","span":\[[0-9]*,[0-9]*\],"sentence":10,"code":"USAMIL"' "Pentagon mention"

# --- with the trained models: a name in apposition to a titled actor takes its code
if [ -f "${TACITUS_MODELS:-build/models}/ner.tacm" ]; then
    echo "The Pentagon spokesman, John Miller, said the strikes would continue." > "$tmp/appos.txt"
    expect_exit 0 "apposition" $T code --layers mentions "$tmp/appos.txt"
    expect_in "$tmp/out" '"text":"John Miller","span":\[[0-9]*,[0-9]*\],"sentence":0,"code":"USAMIL' "appositive name coded"
fi

# --- event golden tests: tests/golden/events/NAME.txt -> NAME.want (events only)
if [ -f "${TACITUS_MODELS:-build/models}/parser.tacm" ]; then
    cat > "$tmp/events.py" <<'PY'
import json, sys
for line in sys.stdin:
    for e in json.loads(line)["events"]:
        side = lambda a: a["code"] if a else "---"
        print(e["sentence"], side(e["source"]), side(e["target"]), e["cameo"], e["modality"],
              e["trigger"]["text"])
PY
    for in in tests/golden/events/*.txt; do
        name=${in%.txt}
        $T code --date 2024-01-11 "$in" 2> "$tmp/err" | /usr/bin/python3 "$tmp/events.py" > "$tmp/ev.txt"
        if cmp -s "$tmp/ev.txt" "$name.want"; then ok; else
            bad "events $name differ (left: expected)"; diff "$name.want" "$tmp/ev.txt" | head -5
        fi
    done
    # --asserted-only drops the negated event and keeps the asserted one
    printf 'Israel did not attack Hamas. Egypt attacked Hamas.\n' > "$tmp/mod.txt"
    expect_exit 0 "asserted-only" $T code --asserted-only --date 2024-01-11 "$tmp/mod.txt"
    expect_in "$tmp/out" '"modality":"asserted"' "asserted-only keeps asserted events"
    if grep -q '"modality":"negated"' "$tmp/out"; then bad "asserted-only kept a negated event"; else ok; fi
    expect_exit 0 "all modalities" $T code --date 2024-01-11 "$tmp/mod.txt"
    expect_in "$tmp/out" '"modality":"negated"' "without --asserted-only the negated event is written"
    # --parse-candidates parses only the sentences that can yield an event:
    # the same events on the seed article and the Wikinews articles
    $T code --date 2024-01-11 examples/seed-article.txt data/news/wikinews/*.txt 2>/dev/null \
        | /usr/bin/python3 "$tmp/events.py" > "$tmp/ev-all.txt"
    $T code --parse-candidates --date 2024-01-11 examples/seed-article.txt data/news/wikinews/*.txt \
        2>/dev/null | /usr/bin/python3 "$tmp/events.py" > "$tmp/ev-cand.txt"
    if [ -s "$tmp/ev-all.txt" ] && cmp -s "$tmp/ev-all.txt" "$tmp/ev-cand.txt"; then ok; else
        bad "--parse-candidates changes the events"; diff "$tmp/ev-all.txt" "$tmp/ev-cand.txt" | head -5; fi
    # PETRARCH unit-test records, one per rule: chains of conjuncts, '%'
    # compound patterns, <Config require_dyad=false> (one-sided events),
    # the that-clause subject as target, pattern words in a that-clause,
    # the verb-phrase target, '$' '+' '^' slots, literal plurals, a
    # compound verb, a conjoined agent's country (the purpose infinitive is
    # in tests/unit/test_events.c: SYNSET-24b's "to accord" is tagged a noun
    # by some trainings of the tagger, a fair reading of "nearer to accord")
    V=data/validation/PETR.UnitTest.records.xml
    ids=COMPOUND-02,COMPOUND-38,COMPOUND-03,DEMO-07,PATTERN-12,PATTERN-17,SYNSET-23e,DEMO-29
    ids=$ids,PATTERN-21,PATTERN-22,PATTERN-24,PATTERN-25,PATTERN-08,SYNSET-21b,DEMO-31
    ids=$ids,COMPOUND-09,DEMO-14
    expect_exit 0 "validate rules" $T validate "$V" --json --only "$ids"
    expect_in "$tmp/out" '"passed":17,"total":17' "validate: each rule's record passes"
    expect_exit 0 "validate all" $T validate "$V" --json
    expect_in "$tmp/out" '"errors":0,' "validate: every record codes"
    p=$(sed -n 's/^{"passed":\([0-9]*\),"total":284.*/\1/p' "$tmp/out")
    [ "${p:-0}" -ge 233 ] && ok || bad "validate: ${p:-?}/284 records pass, want >= 233"
fi

# --- formats, -j N, store, merge (tests/cli_scale.sh)
. tests/cli_scale.sh

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
