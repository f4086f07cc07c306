#!/bin/sh
# make soak: codes N articles (default 100,000: the bundled news repeated,
# each with its own id and date) as one JSON Lines stream through
# `tacitus code -j JOBS`, sampling the process's resident memory every 2 s.
# Prints one JSON line: articles and events out, seconds, articles/s, RSS
# at the first and last tenth and the peak, and every stderr line grouped
# by its message. Fails when an article is lost, memory grows (last tenth
# > first tenth + 16 MB), or stderr has anything but the expected
# warnings listed in SOAK_EXPECT (an extended regex; default none).
set -eu
BUILD=${1:-build}
N=${SOAK_ARTICLES:-100000}
JOBS=${SOAK_JOBS:-2}
T=$BUILD/tacitus
out=$BUILD/soak
mkdir -p "$out"
: > "$out/rss.tsv"
fifo="$out/in.fifo"
rm -f "$fifo"
mkfifo "$fifo"
# the generator streams, so the input never exists on disk in full
/usr/bin/python3 - "$N" > "$fifo" <<'PY' &
import glob, json, sys, datetime
n = int(sys.argv[1])
arts = [open(f, encoding="utf-8").read() for f in
        sorted(glob.glob("data/news/wikinews/*.txt")) + ["examples/seed-article.txt"]]
day0 = datetime.date(2024, 1, 1)
w = sys.stdout.write
for i in range(n):
    d = day0 + datetime.timedelta(days=i % 366)
    w(json.dumps({"id": f"soak-{i}", "text": arts[i % len(arts)], "date": d.isoformat()}) + "\n")
PY
gen=$!
start=$(date +%s.%N)
TACITUS_MODELS=${TACITUS_MODELS:-$BUILD/models} $T code -q -j "$JOBS" "$fifo" 2> "$out/stderr.txt" \
    | /usr/bin/python3 -c '
import json, sys
arts = evs = 0
for line in sys.stdin:
    r = json.loads(line)
    arts += 1
    evs += len(r.get("events", []))
print(arts, evs)' > "$out/counts.txt" &
sink=$!
sleep 1
pid=$(pgrep -n -f "$T code -q -j $JOBS $fifo" || true)
while kill -0 "$sink" 2>/dev/null; do
    if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
        kb=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$kb" ] && printf '%s\t%s\n' "$(date +%s.%N)" "$kb" >> "$out/rss.tsv"
    fi
    sleep 2
done
wait "$gen" || true
end=$(date +%s.%N)
rm -f "$fifo"
read -r arts evs < "$out/counts.txt"
/usr/bin/python3 - "$out" "$N" "$arts" "$evs" "$start" "$end" "${SOAK_EXPECT:-}" <<'PY'
import json, re, sys, collections
out, n, arts, evs, t0, t1, expect = sys.argv[1:8]
n, arts, evs, t0, t1 = int(n), int(arts), int(evs), float(t0), float(t1)
rss = [int(l.split()[1]) / 1024 for l in open(f"{out}/rss.tsv") if l.strip()]
k = max(1, len(rss) // 10)
first, last = (max(rss[:k]), max(rss[-k:])) if rss else (0, 0)
msgs = collections.Counter()
unexpected = 0
for line in open(f"{out}/stderr.txt", errors="replace"):
    shape = re.sub(r"soak-\d+", "soak-N", line.strip())
    shape = re.sub(r"\b\d+\b", "N", shape)
    msgs[shape] += 1
    if not expect or not re.search(expect, line):
        unexpected += 1
secs = t1 - t0
res = {"bench": "soak", "articles_in": n, "articles_out": arts, "events": evs,
       "seconds": round(secs, 1), "articles_per_s": round(arts / secs, 1) if secs else 0,
       "rss_first_tenth_mb": round(first, 1), "rss_last_tenth_mb": round(last, 1),
       "rss_peak_mb": round(max(rss), 1) if rss else 0, "rss_samples": len(rss),
       "stderr": dict(msgs.most_common(20)), "unexpected_stderr_lines": unexpected}
print(json.dumps(res))
ok = arts == n and last <= first + 16 and unexpected == 0
sys.exit(0 if ok else 1)
PY
