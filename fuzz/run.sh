#!/bin/sh
# make fuzz: builds the libFuzzer harnesses with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS (default 60) on its corpus in fuzz/corpus/NAME.
# FUZZ_SECONDS=0 only replays the corpus (what CI does).
set -eu
SECS=${FUZZ_SECONDS:-60}
OUT=build-fuzz
mkdir -p "$OUT"
SRC=$(ls src/*/*.c | grep -v '^src/cli/')
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
# Model seeds are small models trained here (no binaries are committed).
seed_models() {
    d="$OUT/seed-model"
    [ -f "$d/ner.tacm" ] && return 0
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

for h in fuzz/fuzz_*.c; do
    name=$(basename "$h" .c)
    name=${name#fuzz_}
    # shellcheck disable=SC2086
    clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -Iinclude -Isrc -I/usr/include/libxml2 $SAN \
        -o "$OUT/fuzz_$name" "$h" $SRC -lutf8proc -ljansson -lxml2 -lz -lmicrohttpd -lsqlite3 -lm -lpthread
    mkdir -p "fuzz/corpus/$name" "$OUT/new-$name"
    extra=""
    [ "$name" = model ] && [ -d "$OUT/seed-model" ] && extra="$OUT/seed-model"
    if [ "$SECS" -eq 0 ]; then
        # shellcheck disable=SC2086
        "$OUT/fuzz_$name" -runs=0 -rss_limit_mb=4096 "fuzz/corpus/$name" $extra 2>&1 | tail -n 1
    else
        # shellcheck disable=SC2086
        "$OUT/fuzz_$name" -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
            "$OUT/new-$name" "fuzz/corpus/$name" $extra 2>&1 | grep -E '^#[0-9]+.*DONE|^Done|ERROR' | tail -n 2
    fi
    echo "fuzz_$name: ok"
done
