#!/bin/sh
# The bad-input catalogue: runs the tacitus binary on each kind of bad
# input (fixtures in tests/data/bad/, large ones written by
# tests/make_bad.py into a temporary folder) and checks the exit status,
# that nothing crashed or hung, the error text (file, record or line,
# byte) and that the good records around the bad ones are still coded.
# Also triggers each limit of docs/limits.md. Prints
# "bad: N passed, N failed" and exits non-zero on failure.
NAME=bad
. tests/lib.sh
B=tests/data/bad
# coded ID DESC: the record with this id is in $tmp/out with an event
coded() {
    if grep -q "^{\"id\":\"$1\".*\"events\":\[{" "$tmp/out"; then ok; else bad "$2: record '$1' not coded with its event"; fi
}
count() { n=$(grep -c -- "$2" "$1"); [ "$n" -eq "$3" ] && ok || bad "$4: $n, want $3"; }
# peak resident memory (KB) of a command, when /usr/bin/time is there
peak_kb() { /usr/bin/time -f '%M' -o "$tmp/rss" "$@" > /dev/null 2>&1; tail -n 1 "$tmp/rss"; }

if ! python3 tests/make_bad.py "$tmp"; then bad "tests/make_bad.py failed"; fi
G=$tmp
D="--date 2024-01-11"

# --- invalid UTF-8 of each kind (tests/data/bad/utf8/: one file per kind,
# each after a good sentence): replaced, warned with the first bad byte
expect_exit 0 "invalid UTF-8 kinds" $T code $D $B/utf8
[ "$(grep -c '"events":\[{' "$tmp/out")" -eq 12 ] && ok || bad "UTF-8 kinds: not every file's good sentence coded"
for kb in stray-continuation:1:36 truncated-sequence:2:34 lead-c0:1:35 lead-c1:1:35 lead-f5:1:35 \
          lead-ff:1:35 overlong-2:2:36 overlong-3:3:36 overlong-4:4:36 surrogate:3:40; do
    k=${kb%%:*}; nb=${kb#*:}; n=${nb%%:*}; at=${nb#*:}
    expect_in "$tmp/err" "utf8/$k.txt: record 1: warning: article '$B/utf8/$k.txt': $n invalid UTF-8 byte(s) replaced by U+FFFD (the first at byte $at)" "UTF-8 $k"
done
expect_in "$tmp/err" "utf8/nul.txt: record 1: warning: .*1 NUL byte(s) replaced by spaces (the first at byte 34)" "NUL byte"
expect_not_in "$tmp/err" "good.txt" "good file warned"
# in JSON Lines, raw bad bytes and an escaped lone surrogate are bad records
expect_exit 2 "UTF-8 in JSON" $T code $D $B/utf8.jsonl
expect_in "$tmp/err" "utf8.jsonl: record 1, byte 25: malformed JSON: unable to decode byte 0x80" "raw bad byte in JSON"
expect_in "$tmp/err" "utf8.jsonl: record 3, byte 42: malformed JSON: invalid Unicode '\\\\uD800'" "escaped surrogate"
coded good "UTF-8 in JSON"

# --- binary junk (64 KB from a fixed seed) is one text article, coded
expect_exit 0 "binary junk" $T code $G/junk.bin
expect_in "$tmp/err" "junk.bin: record 1: warning: .*invalid UTF-8 byte(s) replaced by U+FFFD (the first at byte [0-9]*)" "junk warned"
expect_in "$tmp/err" "junk.bin: record 1: warning: .*NUL byte(s) replaced" "junk NULs warned"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && ok || bad "binary junk: no record"

# --- JSON: wrong types, deep nesting, a huge record
expect_exit 2 "wrong JSON types" $T code $D $B/types.jsonl
expect_in "$tmp/err" 'types.jsonl: record 1: field "text" must be a string' "text is a number"
expect_in "$tmp/err" 'types.jsonl: record 2: field "date" must be a string' "date is an object"
expect_in "$tmp/err" 'types.jsonl: record 3: field "id" must be a string' "id is an array"
expect_in "$tmp/err" 'types.jsonl: record 5: field "title" must be a string' "title is a boolean"
expect_in "$tmp/err" 'types.jsonl: record 6: field "id" must be a string' "id is a real"
expect_in "$tmp/err" 'types.jsonl: record 7, byte 0: a record must be a JSON object' "array record"
expect_in "$tmp/err" 'types.jsonl: record 8, byte 10: malformed JSON' "string record"
expect_in "$tmp/err" 'types.jsonl: record 9: missing field "text"' "no text"
coded good "wrong JSON types"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && ok || bad "wrong JSON types: $(wc -l < "$tmp/out") records coded, want 1"
expect_exit 2 "nested JSON" $T code $D $G/nested.jsonl
expect_in "$tmp/err" 'nested.jsonl: record 2, byte 2049: malformed JSON: maximum parsing depth reached' "100k '['"
expect_in "$tmp/err" 'nested.jsonl: record 3, byte [0-9]*: malformed JSON: maximum parsing depth reached' "100k objects"
coded good1 "nested JSON"; coded good2 "nested JSON"
expect_exit 2 "huge JSON records" $T code $D --max-article-bytes 100000 $G/huge.jsonl
expect_in "$tmp/err" 'huge.jsonl: record 1: warning: article .big.: limit max_article_bytes=100000: article of 400000 bytes truncated to 100000 bytes' "huge record truncated"
expect_in "$tmp/err" 'huge.jsonl: record 2, byte 465536: record of 6000027 bytes exceeds the limit of 465536 bytes' "too long a line skipped"
coded big "huge JSON"; coded good "huge JSON"

# --- 100 MB on one line, from a pipe: cut at max_article_bytes (16 MiB),
# the rest read and thrown away (memory stays bounded), with a warning
# (a named pipe: 100 MB need not touch the disk, and a pipe proves streaming)
mkfifo "$tmp/big.fifo"
(printf 'Iraq attacked Iran on Monday. '; head -c 100000000 /dev/zero | tr '\0' a) > "$tmp/big.fifo" &
expect_exit 0 "100 MB line" $T code $D "$tmp/big.fifo"
wait
expect_in "$tmp/err" "big.fifo: record 1: warning: article .*limit max_article_bytes=16777216: article of 100000030 bytes truncated to 16777216 bytes" "100 MB truncated"
coded "$tmp/big.fifo" "100 MB line"
if [ "$BUILD" = build ] && [ -x /usr/bin/time ]; then
    # models take ~130 MB; the article and its layers ~120 MB more
    kb=$( (printf 'x '; head -c 100000000 /dev/zero | tr '\0' a) | peak_kb $T code)
    [ "${kb:-999999}" -lt 320000 ] && ok || bad "100 MB line: peak memory ${kb:-?} KB, want < 320000"
fi
# a long run of letters was quadratic in dictionary stem matching (hours for 1 MB)
head -c 1000000 /dev/zero | tr '\0' x > "$tmp/word.txt"
expect_exit 0 "1 MB word" timeout 60 $T code "$tmp/word.txt"

# --- HTML bombs
expect_exit 0 "100k nested tags" $T code $D $G/deep.html
expect_in "$tmp/err" "deep.html: record 1: warning: .*the HTML parser stopped at line 1: Excessive depth in document: 256.*the text after it is lost" "deep nesting warned"
coded "$G/deep.html" "100k nested tags"
expect_exit 2 "20 MB attribute" $T code $D $G/attr.html $B/utf8/good.txt
expect_in "$tmp/err" "attr.html: record 1: HTML page has no main text .*(the page of 20000090 bytes was cut at max_article_bytes=16777216)" "huge attribute named"
coded "$B/utf8/good.txt" "after the 20 MB attribute"
expect_exit 0 "entity flood" $T code $D $G/entities.html
coded "$G/entities.html" "entity flood"

# --- WARC: gzip bombs (a member, an HTTP body) and lying Content-Lengths
expect_exit 2 "gzip bomb member" $T code $G/bomb.warc.gz
expect_in "$tmp/err" "bomb.warc.gz: record 2, byte 301: block of 67109067 bytes exceeds the limit of 16777216 bytes; skipped" "bomb member named"
coded urn:uuid:good1 "gzip bomb"; coded urn:uuid:good2 "gzip bomb"
if [ "$BUILD" = build ] && [ -x /usr/bin/time ]; then
    kb=$(peak_kb $T code $G/bomb.warc.gz)
    [ "${kb:-999999}" -lt 250000 ] && ok || bad "gzip bomb: peak memory ${kb:-?} KB, want < 250000"
fi
expect_exit 2 "gzip bomb body" $T code --max-article-bytes 1000000 $G/bomb-body.warc
expect_in "$tmp/err" "bomb-body.warc: record 2, byte 447: compressed HTTP body is corrupt or over 1000000 bytes" "bomb body named"
coded urn:uuid:good1 "gzip body bomb"; coded urn:uuid:good2 "gzip body bomb"
expect_exit 2 "lying Content-Length" $T code $B/lying.warc
expect_in "$tmp/err" "lying.warc: record 2, byte 447: Content-Length 5227 does not match the record" "longer length"
expect_in "$tmp/err" "lying.warc: record 4, byte 1344: Content-Length 187 does not match the record" "shorter length"
coded urn:uuid:good1 "lying WARC"; coded urn:uuid:good2 "lying WARC"; coded urn:uuid:good3 "lying WARC"

# --- dictionaries: broken brackets and bad date restrictions
expect_exit 2 "dict check" $T dict check $B/broken.actors.txt
expect_in "$tmp/out" "broken.actors.txt:1: malformed: missing ']' in code" "broken bracket named"
for l in 4 5 6; do expect_in "$tmp/out" "broken.actors.txt:$l: malformed: bad date restriction" "bad date line $l"; done
# the engine skips the broken lines and codes with the rest
mkdir -p "$tmp/data/dict"
for f in data/*; do [ "$(basename "$f")" = dict ] || ln -s "$PWD/$f" "$tmp/data/"; done
for f in data/dict/*; do ln -s "$PWD/$f" "$tmp/data/dict/"; done
rm "$tmp/data/dict/tacitus.actors.txt"
cat data/dict/tacitus.actors.txt $B/broken.actors.txt > "$tmp/data/dict/tacitus.actors.txt"
echo 'Gondor attacked Iraq on Monday.' > "$tmp/gondor.txt"
expect_exit 0 "broken dictionary loaded" $T code $D --data "$tmp/data" "$tmp/gondor.txt"
expect_in "$tmp/out" '"source":{"text":"Gondor","code":"GON"' "good entry after broken ones"

# --- models: truncated and corrupted copies of the tagger
mkdir -p "$tmp/m"
# (sanitizer builds use build/models too)
ln -s "$PWD/build/models/parser.tacm" "$PWD/build/models/ner.tacm" "$tmp/m/"
M=build/models/tagger.tacm
size=$(wc -c < $M)
for cut in 0:"byte 0: not a tacitus model" 11:"byte 8: truncated header" 20:"byte 18: truncated chunk count" \
           40:"byte 40: truncated chunk table" 4096:"byte 42: chunk 'TGDI' .* lies outside the file" \
           $((size / 2)):"byte 62: chunk 'TGWT' .* lies outside the file" $((size - 1)):"byte 102: chunk 'LMCS' .* lies outside the file"; do
    n=${cut%%:*}; msg=${cut#*:}
    head -c "$n" $M > "$tmp/m/tagger.tacm"
    expect_exit 1 "tagger cut at $n" env TACITUS_MODELS="$tmp/m" $T code $B/utf8/good.txt
    expect_in "$tmp/err" "m/tagger.tacm: $msg" "tagger cut at $n"
done
# flip: OFFSET:BYTES(printf escapes):MESSAGE
for fl in '0:X:byte 0: not a tacitus model' '4:\011:byte 4: model format version 9' \
          '8:\377\377:byte 8: truncated header or bad kind length 65535' '18:\377\377:byte 18: too many chunks' \
          '30:\377\377\377\177:byte 22: chunk .TGHD. .* lies outside the file' \
          '34:\377\377\377\377\377\377\377\377:byte 22: chunk .TGHD. .* lies outside the file' \
          '62:TGHD:byte 62: duplicate chunk' '1000:\377\377\377\377:byte 1003: tagger chunk TGHD: bad class name'; do
    off=${fl%%:*}; rest=${fl#*:}; bytes=${rest%%:*}; msg=${rest#*:}
    cp $M "$tmp/m/tagger.tacm"
    # shellcheck disable=SC2059
    printf "$bytes" | dd of="$tmp/m/tagger.tacm" bs=1 seek="$off" conv=notrunc 2>/dev/null
    expect_exit 1 "tagger flipped at $off" $T code --models "$tmp/m" $B/utf8/good.txt
    expect_in "$tmp/err" "m/tagger.tacm: $msg" "tagger flipped at $off"
done

# --- validate: a records file cut in the middle of a record
V=data/validation/PETR.UnitTest.records.xml
mkdir -p "$tmp/v"
for f in data/validation/PETR.Validate.*; do ln -s "$PWD/$f" "$tmp/v/"; done
head -c 60000 $V > "$tmp/v/cut.xml"
expect_exit 2 "validate cut file" $T validate "$tmp/v/cut.xml" --json
expect_in "$tmp/err" "cut.xml: line 2168, byte 59871: <Sentence> without </Sentence>" "cut record named"
expect_in "$tmp/out" '"total":55,' "records before the cut validated"

# --- sentences and articles of odd sizes
expect_exit 0 "5,000-token sentence" $T code $D $G/long-sentence.txt
expect_in "$tmp/err" "long-sentence.txt: record 1: warning: article .*limit max_sentence_tokens=400: 12 sentence(s) cut at 400 tokens" "long sentence split"
coded "$G/long-sentence.txt" "long sentence"
expect_exit 0 "one token" $T code --layers sentences $B/one-token.txt
expect_in "$tmp/out" '"sentences":\[{"start":0,"end":4}\]' "one token, one sentence"
expect_exit 0 "empty article" $T code --layers sentences $B/empty.txt
expect_in "$tmp/out" '"events":\[\].*"warnings":\[\],"sentences":\[\]' "empty article"
expect_exit 0 "whitespace and punctuation" $T code --layers sentences $B/punct-only.txt
expect_in "$tmp/out" '"events":\[\],"quotes":\[\],"dates":\[\],"numbers":\[\],"places":\[\],"warnings":\[\]' "punctuation only"
[ ! -s "$tmp/err" ] && ok || bad "punctuation only: stderr not empty"
printf '{"id":"blank","text":"   \\n\\t  "}\n' > "$tmp/blank.jsonl"
expect_exit 0 "blank JSON text" $T code "$tmp/blank.jsonl"

# --- each limit from its flag, on code and ingest; bad values refused
echo 'Iraq, Iran, Syria, Turkey and Jordan attacked Israel, Egypt, Lebanon and Saudi Arabia on Monday.' > "$tmp/many.txt"
expect_exit 0 "20 events, default limit" $T code $D "$tmp/many.txt"
count "$tmp/out" . 1 "many events: records"
[ "$(grep -o '"id":"[^"]*-e[0-9]*"' "$tmp/out" | wc -l)" -eq 20 ] && ok || bad "many events: want 20 under the default limit"
expect_exit 0 "--max-events-per-sentence 3" $T code $D --max-events-per-sentence 3 "$tmp/many.txt"
[ "$(grep -o '"id":"[^"]*-e[0-9]*"' "$tmp/out" | wc -l)" -eq 3 ] && ok || bad "max events: want 3"
expect_in "$tmp/out" '"warnings":\["limit max_events_per_sentence=3: 17 event(s) dropped in 1 sentence(s)"\]' "events limit in the record"
expect_in "$tmp/err" "many.txt: record 1: warning: article '$tmp/many.txt': limit max_events_per_sentence=3: 17 event(s) dropped" "events limit on stderr"
expect_exit 0 "events limit, CSV" $T code $D --format csv --max-events-per-sentence 3 "$tmp/many.txt"
[ "$(wc -l < "$tmp/out")" -eq 4 ] && ok || bad "events limit, CSV: want a header and 3 rows"
expect_in "$tmp/err" "limit max_events_per_sentence=3" "CSV: the warning still reaches stderr"
expect_exit 0 "--max-sentence-tokens 1000" $T code $D --max-sentence-tokens 1000 $G/long-sentence.txt
expect_in "$tmp/err" "limit max_sentence_tokens=1000: 5 sentence(s) cut at 1000 tokens" "sentence limit flag"
expect_exit 0 "--max-sentence-tokens 0" $T code $D --max-sentence-tokens 0 $G/long-sentence.txt
expect_not_in "$tmp/err" "max_sentence_tokens" "no sentence limit"
expect_exit 0 "--max-article-bytes 10" $T code --max-article-bytes 10 $B/utf8/good.txt
expect_in "$tmp/err" "good.txt: record 1: warning: article '$B/utf8/good.txt': limit max_article_bytes=10: article of 30 bytes truncated to 10 bytes" "article limit flag"
printf '{"id":"j","text":"Iraq attacked Iran on Monday."}\n' > "$tmp/j.jsonl"
expect_exit 0 "--max-bytes (alias), JSON" $T code --max-bytes 10 "$tmp/j.jsonl"
expect_in "$tmp/err" "j.jsonl: record 1: warning: article 'j': limit max_article_bytes=10: article of 29 bytes truncated to 10 bytes" "engine truncation"
expect_exit 0 "ingest with limits" $T ingest -q --db "$tmp/l.sqlite" $D --max-events-per-sentence 3 \
    --max-sentence-tokens 1000 --max-article-bytes 200000 "$tmp/many.txt" $G/long-sentence.txt
expect_in "$tmp/err" "many.txt: record 1: warning: .*limit max_events_per_sentence=3" "ingest: events limit"
expect_in "$tmp/err" "long-sentence.txt: record 1: warning: .*limit max_sentence_tokens=1000" "ingest: sentence limit"
n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' "$tmp/l.sqlite" 2>/dev/null)
[ "${n:-0}" -eq 4 ] && ok || bad "ingest with limits: ${n:-?} events stored, want 4 (3 + 1)"
for o in --max-events-per-sentence --max-sentence-tokens --max-article-bytes; do
    expect_exit 1 "$o -1" $T code $o -1 $B/utf8/good.txt
    expect_in "$tmp/err" "$o wants a whole number" "$o -1 refused"
    expect_exit 1 "ingest $o x" $T ingest --db "$tmp/x.sqlite" $o x $B/utf8/good.txt
done
expect_exit 1 "--max-article-bytes 0" $T code --max-article-bytes 0 $B/utf8/good.txt
# warnings print in input order whatever the threads
$T code -j 1 $B/utf8 $B/types.jsonl > /dev/null 2> "$tmp/j1.err"
$T code -j 2 $B/utf8 $B/types.jsonl > /dev/null 2> "$tmp/j2.err"
cmp -s "$tmp/j1.err" "$tmp/j2.err" && ok || bad "-j 2 warnings and errors differ from -j 1"

echo "bad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
