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
for n in (240, 2400):
    with open(f"{out}/news-{n}.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": arts[i % len(arts)], "date": "2024-01-11"}) + "\n")
PY
for n in 240 2400; do
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
    # opening the three models alone: CPU ms on one core, files' MB, resident MB added
    [ -f "$M/parser.tacm" ] && [ -f "$M/ner.tacm" ] && say "$($T bench models "$M")"
    # engine open: models + dictionaries, measured as a whole process on empty input
    : > "$out/empty.txt"
    /usr/bin/time -f '%M %e' -o "$out/time.txt" env TACITUS_MODELS=$M $T code "$out/empty.txt" > /dev/null
    read -r kb secs < "$out/time.txt"
    say "{\"bench\":\"engine-open\",\"seconds\":$secs,\"peak_rss_mb\":$(echo "$kb" | awk '{printf "%.1f", $1/1024}'),\"model_bytes\":$(cat "$M"/*.tacm | wc -c)}"
    # end to end, read -> JSON with events, one article per sentence: the
    # GigaWord sample sentences of PETRARCH2 (67 with text) repeated 100
    # times, with the cost split by stage (best of three runs each)
    /usr/bin/python3 - "$out/giga.txt" <<'PY'
import re, sys
s = open("data/validation/GigaWord.sample.PETR.xml", encoding="utf-8").read()
s = re.sub(r"<!--.*?-->", "", s, flags=re.S)
texts = [" ".join(t.split()) for t in re.findall(r"<Text>(.*?)</Text>", s, flags=re.S)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(t for t in texts if t) + "\n")
PY
    say "$(TACITUS_MODELS=$M $T bench code "$out/giga.txt" --repeat 100 | sed 's/"code"/"code-gigaword"/')"
    # end to end with every layer on the Wikinews articles
    /usr/bin/time -f '%M %e' -o "$out/time.txt" env TACITUS_MODELS=$M $T code --layers all "$out/news-2400.jsonl" > /dev/null
    read -r kb secs < "$out/time.txt"
    toks=$(TACITUS_MODELS=$M $T code --layers tokens data/news/wikinews/*.txt | grep -o '"start":[0-9]*,"end":[0-9]*,"sentence"' | wc -l)
    say "{\"bench\":\"code-all-layers\",\"articles\":2400,\"seconds\":$secs,\"articles_per_s\":$(awk -v s=$secs 'BEGIN{printf "%.0f", (s>0? 2400/s : 0)}'),\"tokens_per_s\":$(awk -v s=$secs -v t=$toks 'BEGIN{printf "%.0f", (s>0? t*100/s : 0)}'),\"peak_rss_mb\":$(echo "$kb" | awk '{printf "%.1f", $1/1024}')}"
fi
echo "# Python binding against the CLI (same articles, one core, engine open included)"
say "$(/usr/bin/python3 bench/python.py "$BUILD")"
echo "# input formats and threads: articles/s for text, HTML and WARC.gz input (-j1, -j2),"
echo "# articles/s per core (articles / CPU seconds), peak memory for 1x and 10x WARC input"
N=${BENCH_N:-240}
/usr/bin/python3 - "$out" "$N" <<'PY'
import glob, gzip, html, os, sys
out, n = sys.argv[1], int(sys.argv[2])
arts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("data/news/wikinews/*.txt"))]
def page(i):
    t = arts[i % len(arts)]
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in t.split("\n") if p.strip())
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>Story {i}</title>"
            f"<meta property=\"article:published_time\" content=\"2024-01-11\"></head><body>"
            f"<nav><a href=\"/\">Home</a></nav><article>{paras}</article><footer>(c) News</footer></body></html>")
def record(i):
    body = page(i).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n"
            f"WARC-Target-URI: https://news.example/{i}\r\nWARC-Date: 2024-01-11T00:00:00Z\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n")
for kind in ("text", "html"):
    d = f"{out}/in-{kind}"
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        with open(f"{d}/{i:06d}.{'txt' if kind == 'text' else 'html'}", "w", encoding="utf-8") as f:
            f.write(arts[i % len(arts)] if kind == "text" else page(i))
for mult in (1, 10):
    with open(f"{out}/in-{mult}x.warc.gz", "wb") as f:
        for i in range(n * mult):
            f.write(record(i))
PY
# run NAME ARTICLES CMD...: wall and CPU seconds, peak RSS
run() {
    name=$1; arts=$2; shift 2
    /usr/bin/time -f '%M %e %U %S' -o "$out/time.txt" env TACITUS_MODELS=$BUILD/models "$@" > /dev/null 2>&1 || true
    read -r kb secs user sys < "$out/time.txt"
    say "$(awk -v n="$name" -v a="$arts" -v kb="$kb" -v s="$secs" -v u="$user" -v y="$sys" 'BEGIN{
        c = u + y; printf "{\"bench\":\"%s\",\"articles\":%d,\"seconds\":%s,\"cpu_seconds\":%.2f,\"articles_per_s\":%.1f,\"articles_per_cpu_s\":%.1f,\"peak_rss_mb\":%.1f}",
        n, a, s, c, (s > 0 ? a / s : 0), (c > 0 ? a / c : 0), kb / 1024 }')"
}
for j in 1 2; do
    run "code-text-j$j" "$N" $T code -q -j $j --date 2024-01-11 "$out/in-text"
    run "code-html-j$j" "$N" $T code -q -j $j "$out/in-html"
    run "code-warc-j$j" "$N" $T code -q -j $j "$out/in-1x.warc.gz"
done
run "code-warc-1x-j2" "$N" $T code -q -j 2 "$out/in-1x.warc.gz"
run "code-warc-10x-j2" "$((N * 10))" $T code -q -j 2 "$out/in-10x.warc.gz"
run "code-warc-gdelt-j2" "$N" $T code -q -j 2 --format gdelt "$out/in-1x.warc.gz"
rm -f "$out/bench.db"*
run "ingest-warc-j2" "$N" $T ingest -q -j 2 --db "$out/bench.db" "$out/in-1x.warc.gz"
echo "# HTTP API: bounded load on loopback (4 clients, 5 s per route, two rounds)"
rm -f "$out/serve.sqlite"*
$T ingest --quiet --db "$out/serve.sqlite" --date 2024-01-11 data/news/wikinews examples/seed-article.txt > /dev/null
/usr/bin/python3 bench/serve_load.py "$T" "$out/serve.sqlite" 5 | while read -r l; do say "$l"; done
echo "# results in $out/results.jsonl"
