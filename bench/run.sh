#!/bin/sh
# make bench: throughput and memory on fixed corpora, one core. Results are
# printed as JSON lines (and saved to BUILD/bench/results.jsonl). Timings
# belong here, never in tests.
set -eu
BUILD=${1:-build}
T=$BUILD/tacitus
out=$BUILD/bench
mkdir -p "$out"
: > "$out/results.jsonl"
say() { echo "$1" | tee -a "$out/results.jsonl"; }

# corpora: EWT raw text (from the treebank's # text lines) and Wikinews
grep -h '^# text = ' data/ud/en_ewt-ud-train.conllu data/ud/en_ewt-ud-dev.conllu \
    | sed 's/^# text = //' > "$out/ewt.txt"
cat data/news/wikinews/*.txt > "$out/news.txt"

echo "# segmentation (normalize + tokenize + sentences), one core"
say "$($T bench segment "$out/ewt.txt" --repeat 20 | sed 's/"segment"/"segment-ewt"/')"
say "$($T bench segment "$out/news.txt" --repeat 200 | sed 's/"segment"/"segment-news"/')"
say "$($T bench segment examples/seed-article.txt --repeat 2000 | sed 's/"segment"/"segment-seed"/')"

echo "# dictionaries: entries, load time, memory"
$T dict stats | tail -n 3
echo "# actor mentions + coreference (dictionaries only), one core"
say "$($T bench mentions "$out/news.txt" --repeat 50)"

echo "# streaming: peak memory of 'tacitus code' for N and 10N articles (JSON Lines)"
/usr/bin/python3 - "$out" <<'PY'
import json, sys, glob
out = sys.argv[1]
arts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("data/news/wikinews/*.txt"))]
for n in (2400, 24000):
    with open(f"{out}/news-{n}.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": arts[i % len(arts)], "date": "2024-01-11"}) + "\n")
PY
for n in 2400 24000; do
    /usr/bin/time -f '%M %e' -o "$out/time.txt" $T code --layers sentences,tokens "$out/news-$n.jsonl" > /dev/null
    read -r kb secs < "$out/time.txt"
    say "{\"bench\":\"code-stream\",\"articles\":$n,\"peak_rss_mb\":$(echo "$kb" | awk '{printf "%.1f", $1/1024}'),\"seconds\":$secs,\"articles_per_s\":$(awk -v n=$n -v s=$secs 'BEGIN{printf "%.0f", (s>0? n/s : 0)}')}"
done
M=$BUILD/models
if [ -f "$M/tagger.tacm" ]; then
    echo "# trained models: accuracy beside speed (EWT test, gold tokens, one core)"
    say "$($T eval tagger "$M/tagger.tacm" data/ud/en_ewt-ud-test.conllu --json | sed 's/^{/{"bench":"tagger",/')"
    [ -f "$M/parser.tacm" ] && say "$($T eval parser "$M/parser.tacm" data/ud/en_ewt-ud-test.conllu --tagger "$M/tagger.tacm" --json | sed 's/^{/{"bench":"parser",/')"
    [ -f "$M/ner.tacm" ] && say "$($T eval ner "$M/ner.tacm" data/ner/en_ewt-ud-test.iob2 --json | sed 's/^{/{"bench":"ner",/')"
    say "$(TACITUS_MODELS=$M $T eval pipeline data/ud/en_ewt-ud-test.conllu --json | sed 's/^{/{"bench":"pipeline-raw",/')"
    # engine open: models + dictionaries, measured as a whole process on empty input
    : > "$out/empty.txt"
    /usr/bin/time -f '%M %e' -o "$out/time.txt" env TACITUS_MODELS=$M $T code "$out/empty.txt" > /dev/null
    read -r kb secs < "$out/time.txt"
    say "{\"bench\":\"engine-open\",\"seconds\":$secs,\"peak_rss_mb\":$(echo "$kb" | awk '{printf "%.1f", $1/1024}'),\"model_bytes\":$(cat "$M"/*.tacm | wc -c)}"
    # end to end with every layer on the Wikinews articles
    /usr/bin/time -f '%M %e' -o "$out/time.txt" env TACITUS_MODELS=$M $T code --layers all "$out/news-2400.jsonl" > /dev/null
    read -r kb secs < "$out/time.txt"
    toks=$(TACITUS_MODELS=$M $T code --layers tokens data/news/wikinews/*.txt | grep -o '"start":[0-9]*,"end":[0-9]*,"sentence"' | wc -l)
    say "{\"bench\":\"code-all-layers\",\"articles\":2400,\"seconds\":$secs,\"articles_per_s\":$(awk -v s=$secs 'BEGIN{printf "%.0f", (s>0? 2400/s : 0)}'),\"tokens_per_s\":$(awk -v s=$secs -v t=$toks 'BEGIN{printf "%.0f", (s>0? t*100/s : 0)}'),\"peak_rss_mb\":$(echo "$kb" | awk '{printf "%.1f", $1/1024}')}"
fi
echo "# Python binding against the CLI (same articles, one core, engine open included)"
say "$(/usr/bin/python3 bench/python.py "$BUILD")"
echo "# HTTP API: bounded load on loopback (4 clients, 5 s per route, two rounds)"
rm -f "$out/serve.sqlite"*
$T ingest --quiet --db "$out/serve.sqlite" --date 2024-01-11 data/news/wikinews examples/seed-article.txt > /dev/null
/usr/bin/python3 bench/serve_load.py "$T" "$out/serve.sqlite" 5 | while read -r l; do say "$l"; done
echo "# results in $out/results.jsonl"
