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
for h in fuzz/fuzz_*.c; do
    name=$(basename "$h" .c)
    name=${name#fuzz_}
    # shellcheck disable=SC2086
    clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -Iinclude -Isrc $SAN -o "$OUT/fuzz_$name" "$h" $SRC \
        -lutf8proc -ljansson -lm -lpthread
    mkdir -p "fuzz/corpus/$name" "$OUT/new-$name"
    if [ "$SECS" -eq 0 ]; then
        "$OUT/fuzz_$name" -runs=0 "fuzz/corpus/$name" 2>&1 | tail -n 1
    else
        "$OUT/fuzz_$name" -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
            "$OUT/new-$name" "fuzz/corpus/$name" 2>&1 | grep -E '^#[0-9]+.*DONE|^Done|ERROR' | tail -n 2
    fi
    echo "fuzz_$name: ok"
done
