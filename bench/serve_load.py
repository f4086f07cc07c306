"""make bench: a bounded load test of `tacitus serve` on loopback.
Usage: serve_load.py TACITUS_BINARY DB_FILE [SECONDS]
Starts the server, drives /v1/code and /v1/events from 4 client threads
for SECONDS each, and prints one JSON line per route: requests/s, p50/p99
latency, errors, and the server's RSS before, after, and after a second
identical round (flat memory means the second round does not grow it)."""
import json
import subprocess
import sys
import threading
import time
import urllib.request

binary, db = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5
seed = open("examples/seed-article.txt", "rb").read()
srv = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--no-web", "--threads", "2"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
port = int(srv.stdout.readline().split()[1])
base = f"http://127.0.0.1:{port}"


def rss_mb():
    with open(f"/proc/{srv.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def load(path, body):
    lat, errors = [], [0]
    stop = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop:
            req = urllib.request.Request(base + path, data=body, method="POST" if body else "GET")
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    r.read()
                    ok = r.status == 200
            except Exception:
                ok = False
            lat.append(time.perf_counter() - t)
            if not ok:
                errors[0] += 1

    ts = [threading.Thread(target=worker) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    lat.sort()
    return {"requests": len(lat), "requests_per_s": round(len(lat) / seconds, 1),
            "p50_ms": round(1000 * lat[len(lat) // 2], 2),
            "p99_ms": round(1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))], 2),
            "errors": errors[0]}


try:
    before = rss_mb()
    routes = [("/v1/code?date=2024-01-11", seed), ("/v1/events?limit=100", None)]
    first = {p: load(p, b) for p, b in routes}
    mid = rss_mb()
    second = {p: load(p, b) for p, b in routes}
    after = rss_mb()
    for p, _ in routes:
        print(json.dumps({"bench": "serve", "route": p.split("?")[0], **second[p],
                          "rss_mb_start": round(before, 1), "rss_mb_after_round1": round(mid, 1),
                          "rss_mb_after_round2": round(after, 1)}))
finally:
    srv.terminate()
    srv.wait()
