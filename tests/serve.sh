#!/bin/sh
# Tests of `tacitus serve`: a store built with `tacitus ingest`, the server
# on a free loopback port, every API route (tests/api_test.py), and the
# dashboard in headless Chromium: it codes the example article, shows its
# events and draws the charts; the screenshot is kept in
# $BUILD/test-artifacts/dashboard.png. Ends with "serve: N passed, N failed".
BUILD=${BUILD:-build}
T=$BUILD/tacitus
export TACITUS_MODELS="${TACITUS_MODELS:-build/models}"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL serve: $1"; }
tmp=$(mktemp -d)
art="$BUILD/test-artifacts"
mkdir -p "$art"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

if "$T" ingest --db "$tmp/events.sqlite" --date 2024-01-11 examples/seed-article.txt \
        data/news/wikinews > "$tmp/ingest.out" 2>&1; then ok; else bad "ingest for the server's store"; cat "$tmp/ingest.out"; fi

"$T" serve --db "$tmp/events.sqlite" --port 0 --web web --max-body 65536 > "$tmp/port" 2> "$tmp/serve.err" &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(awk '/^port /{print $2}' "$tmp/port")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    bad "server did not start"; cat "$tmp/serve.err"
    echo "serve: $pass passed, $((fail + 1)) failed"; exit 1
fi
ok
base="http://127.0.0.1:$port"

if /usr/bin/python3 tests/api_test.py "$base" examples/seed-article.txt > "$tmp/api.out" 2>&1; then :; fi
cat "$tmp/api.out"
line=$(grep -E '^api: [0-9]+ passed, [0-9]+ failed$' "$tmp/api.out" | tail -n 1)
if [ -z "$line" ]; then bad "api_test.py printed no summary"; else
    pass=$((pass + $(echo "$line" | sed -E 's/api: ([0-9]+) passed.*/\1/')))
    fail=$((fail + $(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
fi

# the browser: a link carrying the example article codes it on load
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
    bad "chromium missing (scripts/deps.sh installs it)"
else
    url="$base/#date=2024-01-11&text=$(/usr/bin/python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(open(sys.argv[1]).read()))' examples/seed-article.txt)"
    flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir=$tmp/chrome --virtual-time-budget=15000"
    # shellcheck disable=SC2086
    timeout 120 "$CHROME" $flags --dump-dom "$url" > "$tmp/dom.html" 2> "$tmp/chrome.err"
    # shellcheck disable=SC2086
    timeout 120 "$CHROME" $flags --window-size=1280,1900 --screenshot="$art/dashboard.png" "$url" \
        > /dev/null 2>> "$tmp/chrome.err"
    rows=$(grep -o '<tbody>.*' "$tmp/dom.html" | head -n 1 | grep -o '<tr' | wc -l)
    if [ "$rows" -gt 0 ]; then ok; else bad "dashboard shows no coded events"; fi
    if grep -q '<td>USA</td><td>---UAF</td><td>19' "$tmp/dom.html"; then ok; else
        bad "dashboard lacks the US -> armed groups fight event"; fi
    if grep -q 'class="src"' "$tmp/dom.html" && grep -q 'class="trg"' "$tmp/dom.html"; then ok; else
        bad "evidence not highlighted"; fi
    if grep -q 'class="bar"' "$tmp/dom.html"; then ok; else bad "time series not drawn"; fi
    if grep -q 'class="node"' "$tmp/dom.html"; then ok; else bad "network not drawn"; fi
    if grep -q 'class="place"' "$tmp/dom.html"; then ok; else bad "no places on the map"; fi
    if [ -s "$art/dashboard.png" ]; then ok; else bad "no screenshot"; tail -5 "$tmp/chrome.err"; fi
fi

if kill -0 "$pid" 2>/dev/null; then ok; else bad "server died during the tests"; fi
kill "$pid"; wait "$pid" 2>/dev/null; pid=
if grep -q "stopping" "$tmp/serve.err"; then ok; else bad "server did not stop cleanly on SIGTERM"; cat "$tmp/serve.err"; fi
echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
