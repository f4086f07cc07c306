"""API tests for `tacitus serve`: every route, good and bad requests, and
the server still answering afterwards. Usage: api_test.py BASE_URL SEED_FILE
Prints "api: N passed, N failed"."""
import json
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE, SEED = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def call(method, path, body=None, ctype=None):
    req = urllib.request.Request(BASE + path, data=body, method=method)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def jcall(method, path, body=None, ctype=None):
    st, ct, raw = call(method, path, body, ctype)
    try:
        return st, json.loads(raw)
    except ValueError:
        return st, {"_raw": raw[:200]}


def err_ok(name, st, body, want):
    check(name, st == want and isinstance(body.get("error"), dict)
          and body["error"].get("status") == want and body["error"].get("message"),
          f"status {st} body {str(body)[:200]}")


seed = open(SEED, "rb").read()

# health
st, h = jcall("GET", "/v1/health")
check("health", st == 200 and h.get("status") == "ok" and h.get("store") is True, str(h))

# code: plain text, JSON, layers, errors
st, rec = jcall("POST", "/v1/code?date=2024-01-11&id=seed", seed, "text/plain")
check("code text", st == 200 and rec.get("id") == "seed" and len(rec.get("events", [])) > 0, str(rec)[:200])
codes = {(e["source"]["code"], e["target"]["code"], e["root"]) for e in rec.get("events", [])}
check("code finds US -> armed groups fighting", any(s.startswith("USA") and r == "19" for s, t, r in codes), str(codes))
st, rec2 = jcall("POST", "/v1/code", json.dumps({"text": seed.decode(), "date": "2024-01-11", "id": "seed"}).encode(), "application/json")
check("code json equals text", st == 200 and rec2 == rec)
st, r = jcall("POST", "/v1/code?layers=tokens,mentions", b"Iraq warned the United States.", "text/plain")
check("code layers", st == 200 and "tokens" in r and "mentions" in r and "upos" in r["tokens"][0])
st, r = jcall("POST", "/v1/code", b'{"text": "x"', "application/json")
err_ok("code bad json", st, r, 400)
check("bad json names the byte", "byte" in r.get("error", {}).get("message", ""))
st, r = jcall("POST", "/v1/code", b'{"text": 5}', "application/json")
err_ok("code text not a string", st, r, 400)
st, r = jcall("POST", "/v1/code", b'{"text": "x", "date": 7}', "application/json")
err_ok("code date not a string", st, r, 400)
st, r = jcall("POST", "/v1/code", b'[1,2]', "application/json")
err_ok("code json array", st, r, 400)
st, r = jcall("POST", "/v1/code?date=2024-02-30", b"Iraq warned the US.", "text/plain")
err_ok("code bad date", st, r, 400)
st, r = jcall("POST", "/v1/code?layers=bogus", b"x", "text/plain")
err_ok("code bad layers", st, r, 400)
st, r = jcall("POST", "/v1/code?store=maybe", b"x", "text/plain")
err_ok("code bad store flag", st, r, 400)
st, r = jcall("GET", "/v1/code")
err_ok("code needs POST", st, r, 405)
st, r = jcall("POST", "/v1/code", b"x" * (70 * 1024), "text/plain")
err_ok("oversized body", st, r, 413)

# store=1 ingests; the event is then in the store
art = b"Israeli troops attacked Hamas fighters in Gaza on Monday."
st, r = jcall("POST", "/v1/code?date=2024-03-05&id=api-stored&store=1", art, "text/plain")
check("code store=1", st == 200 and len(r.get("events", [])) > 0, str(r)[:300])
st, page = jcall("GET", "/v1/events?from=2024-03-01&to=2024-03-31&limit=10")
check("stored article queryable", st == 200 and any(e["date"] == "2024-03-04" or e["date"].startswith("2024-03") for e in page.get("events", [])), str(page)[:300])

# events: filters, paging, sorting
st, page = jcall("GET", "/v1/events?limit=5")
check("events page", st == 200 and len(page.get("events", [])) == 5 and page.get("next_cursor"), str(page)[:300])
ev0 = page["events"][0]
for k in ("id", "date", "source", "target", "cameo", "base", "root", "quad_class", "goldstein",
          "num_mentions", "num_sources", "num_articles"):
    check(f"event field {k}", k in ev0, str(ev0)[:300])
st, page2 = jcall("GET", "/v1/events?limit=5&cursor=" + urllib.parse.quote(str(page["next_cursor"])))
ids1 = {e["id"] for e in page["events"]}
check("cursor pages on", st == 200 and page2["events"] and not ids1 & {e["id"] for e in page2["events"]})
st, asc = jcall("GET", "/v1/events?limit=1000&sort=date")
dates = [e["date"] for e in asc["events"]]
check("sort=date ascending", st == 200 and dates == sorted(dates) and len(dates) > 5)
st, q4 = jcall("GET", "/v1/events?quad=4&limit=1000")
check("quad filter", st == 200 and q4["events"] and all(e["quad_class"] == 4 for e in q4["events"]))
st, c19 = jcall("GET", "/v1/events?cameo=19&limit=1000")
check("cameo prefix", st == 200 and c19["events"] and all(e["cameo"].startswith("19") for e in c19["events"]))
st, us = jcall("GET", "/v1/events?actor=USA&limit=1000")
check("actor filter", st == 200 and us["events"] and all(e["source"]["code"].startswith("USA") or e["target"]["code"].startswith("USA") for e in us["events"]))
st, rng = jcall("GET", "/v1/events?from=2024-01-01&to=2024-01-31&limit=1000")
check("date range", st == 200 and all("2024-01-01" <= e["date"] <= "2024-01-31" for e in rng["events"]))
for bad in ("limit=0", "limit=abc", "quad=9", "from=2024-13-01", "actor=us%20a", "cameo=1x",
            "place=iraq", "sort=up", "cursor=-1", "bogus=1", "limit=1001"):
    st, r = jcall("GET", "/v1/events?" + bad)
    err_ok("events bad " + bad, st, r, 400)

# one event with its evidence
eid = ev0["id"]
st, one = jcall("GET", "/v1/events/" + urllib.parse.quote(eid, safe=""))
check("event by id", st == 200 and one.get("event", {}).get("id") == eid and one.get("mentions"), str(one)[:300])
if one.get("mentions"):
    m = one["mentions"][0]
    s = m["sentence_text"].encode()
    ok = True
    for k in ("source", "trigger"):
        if m.get(k):
            a, b = m[k][0] - m["sentence_start"], m[k][1] - m["sentence_start"]
            ok = ok and 0 <= a < b <= len(s)
    check("evidence spans inside the sentence", ok and m.get("article_id"), str(m)[:300])
st, r = jcall("GET", "/v1/events/no-such-event")
err_ok("event 404", st, r, 404)

# stats and network
for by in ("quad", "root", "plover"):
    for interval in ("day", "week", "month"):
        st, ts = jcall("GET", f"/v1/stats/timeseries?by={by}&interval={interval}")
        good = st == 200 and ts.get("periods") and ts.get("keys") and len(ts["goldstein"]) == len(ts["periods"]) \
            and all(len(ts["counts"][k]) == len(ts["periods"]) for k in ts["keys"])
        check(f"timeseries {by}/{interval}", good, str(ts)[:200])
st, ts = jcall("GET", "/v1/stats/timeseries?by=quad&interval=month")
st2, all_events = jcall("GET", "/v1/events?limit=1000")
check("timeseries counts add up to the events", sum(sum(v) for v in ts["counts"].values()) == len(all_events["events"]))
st, ts = jcall("GET", "/v1/stats/timeseries?by=quad&actor=ISR")
check("timeseries by actor", st == 200 and sum(sum(v) for v in ts["counts"].values()) > 0)
for bad in ("by=x", "interval=year", "actor=!"):
    st, r = jcall("GET", "/v1/stats/timeseries?" + bad)
    err_ok("timeseries bad " + bad, st, r, 400)
st, net = jcall("GET", "/v1/network?min=1")
check("network", st == 200 and net.get("edges") and net.get("nodes") and all(e["count"] >= 1 for e in net["edges"]), str(net)[:200])
st, net2 = jcall("GET", "/v1/network?min=2")
check("network min", st == 200 and all(e["count"] >= 2 for e in net2["edges"]))
st, net3 = jcall("GET", "/v1/network?from=2030-01-01")
check("network empty range", st == 200 and net3["edges"] == [])
st, r = jcall("GET", "/v1/network?min=0")
err_ok("network bad min", st, r, 400)

# static files and traversal
st, ct, body = call("GET", "/")
check("dashboard index", st == 200 and ct.startswith("text/html") and b"tacitus" in body)
st, ct, body = call("GET", "/app.js")
check("dashboard js", st == 200 and "javascript" in ct)
for bad in ("/../Makefile", "/%2e%2e/Makefile", "/.git/config", "/web/../README.md", "/%2e%2e%2fMakefile", "/index.exe", "/..%2f..%2fetc%2fpasswd"):
    st, ct, body = call("GET", bad)
    check("no traversal " + bad, st == 404, f"status {st}")
st, r = jcall("GET", "/v1/nothing")
err_ok("unknown route", st, r, 404)
st, r = jcall("DELETE", "/v1/events")
err_ok("wrong method", st, r, 405)

# raw socket: garbage and a lying Content-Length do not kill the server
host, port = urllib.parse.urlparse(BASE).hostname, urllib.parse.urlparse(BASE).port
for junk in (b"\x00\xff garbage\r\n\r\n", b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort"):
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(junk)
        s.shutdown(socket.SHUT_WR)
        try:
            s.recv(1000)
        except OSError:
            pass
st, h = jcall("GET", "/v1/health")
check("alive after bad requests", st == 200 and h.get("status") == "ok")

print(f"api: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
