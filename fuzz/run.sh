#!/bin/sh
# make fuzz: builds the libFuzzer harnesses with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS (default 60) on its corpus in fuzz/corpus/NAME.
# FUZZ_SECONDS=0 only replays the corpus (what CI does). FUZZ_ONLY="a b"
# picks harnesses by name. Each run's libFuzzer log is kept in
# build-fuzz/NAME.log and one line per harness (runs, coverage, corpus size)
# in build-fuzz/summary.tsv; any crash, leak or timeout fails the run.
set -eu
SECS=${FUZZ_SECONDS:-60}
OUT=${FUZZ_OUT:-build-fuzz}
mkdir -p "$OUT/obj"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-std=c11 -g -O1 -D_DEFAULT_SOURCE -Iinclude -Isrc -I/usr/include/libxml2"
LIBS="-lutf8proc -ljansson -lxml2 -lz -lmicrohttpd -lsqlite3 -lm -lpthread"

# The library is compiled once with coverage instrumentation and shared by
# every harness (objects are rebuilt only when their source is newer).
objs=""
for c in $(ls src/*/*.c | grep -v '^src/cli/'); do
    o="$OUT/obj/$(echo "$c" | tr / _ | sed 's/\.c$/.o/')"
    if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ -n "$(find src include -name '*.h' -newer "$o" | head -n 1)" ]; then
        # shellcheck disable=SC2086
        clang $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "$c" -o "$o"
    fi
    objs="$objs $o"
done

# Model seeds are small models trained here (no binaries are committed).
seed_models() {
    d="$OUT/seed-model"
    # retrained when the trainer is newer: seeds in an older format are all
    # rejected at the header and the loaders behind it go unfuzzed
    [ -f "$d/ner.tacm" ] && [ ! build/tacitus -nt "$d/ner.tacm" ] && return 0
    [ -x build/tacitus ] || return 0
    mkdir -p "$d"
    awk 'BEGIN{n=0} /^$/{n++} {print} n>=60{exit}' data/ud/en_ewt-ud-train.conllu > "$d/small.conllu"
    awk 'BEGIN{n=0} /^$/{n++} {print} n>=60{exit}' data/ner/en_ewt-ud-dev.iob2 > "$d/small.iob2"
    build/tacitus train tagger --train "$d/small.conllu" --lexicon none --epochs 1 -o "$d/tagger.tacm" --quiet >/dev/null 2>&1 || true
    build/tacitus train parser --train "$d/small.conllu" --epochs 1 -o "$d/parser.tacm" >/dev/null 2>&1 || true
    build/tacitus train ner --train "$d/small.iob2" --epochs 1 -o "$d/ner.tacm" >/dev/null 2>&1 || true
    rm -f "$d/small.conllu" "$d/small.iob2"
}
seed_models

# The query harness runs against a real store of the bundled articles.
seed_store() {
    db="$OUT/seed-store.db"
    [ -f "$db" ] && return 0
    [ -x build/tacitus ] && [ -f build/models/parser.tacm ] || return 0
    TACITUS_MODELS=build/models build/tacitus ingest -q --db "$db" --date 2024-01-11 \
        examples/seed-article.txt data/news/wikinews/*.txt >/dev/null 2>&1 || rm -f "$db"
}
seed_store
[ -f "$OUT/seed-store.db" ] && TACITUS_FUZZ_DB="$OUT/seed-store.db" && export TACITUS_FUZZ_DB

fail=0
for h in fuzz/fuzz_*.c; do
    name=$(basename "$h" .c)
    name=${name#fuzz_}
    if [ -n "${FUZZ_ONLY:-}" ]; then
        case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
    fi
    # shellcheck disable=SC2086
    clang $CFLAGS $SAN -fsanitize=fuzzer -o "$OUT/fuzz_$name" "$h" $objs $LIBS
    mkdir -p "fuzz/corpus/$name" "$OUT/new-$name"
    extra=""
    maxlen=65536
    [ "$name" = model ] && maxlen=393216     # the seed models are up to 300 KB
    [ "$name" = model ] && [ -d "$OUT/seed-model" ] && extra="$OUT/seed-model"
    log="$OUT/$name.log"
    rc=0
    if [ "$SECS" -eq 0 ]; then
        # shellcheck disable=SC2086
        "$OUT/fuzz_$name" -runs=0 -rss_limit_mb=4096 "fuzz/corpus/$name" $extra > "$log" 2>&1 || rc=$?
    else
        # shellcheck disable=SC2086
        "$OUT/fuzz_$name" -max_total_time="$SECS" -max_len=$maxlen -timeout=10 -rss_limit_mb=4096 \
            -artifact_prefix="$OUT/$name-" -print_final_stats=1 \
            "$OUT/new-$name" "fuzz/corpus/$name" $extra > "$log" 2>&1 || rc=$?
    fi
    runs=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^#\([0-9]*\).*/\1/')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
    ncorp=$(find "fuzz/corpus/$name" "$OUT/new-$name" -type f 2>/dev/null | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$SECS" "${runs:-0}" "${cov:-0}" "${ft:-0}" "$ncorp" "$rc" >> "$OUT/summary.tsv"
    if [ "$rc" -ne 0 ]; then
        echo "fuzz_$name: FAILED (exit $rc), log $log:"
        grep -E 'ERROR|SUMMARY|artifact|Test unit written' "$log" | head -n 8
        fail=1
    else
        echo "fuzz_$name: ok (${SECS}s, ${runs:-0} runs, cov ${cov:-0}, ft ${ft:-0}, corpus $ncorp)"
    fi
done
exit $fail
