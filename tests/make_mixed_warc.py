#!/usr/bin/env python3
"""Writes a WARC.gz (one gzip member per record) with good pages among bad
records: a lying Content-Length, a windows-1252 page, HTML with no main
text, and a last member cut in half. Used by tests/cli_scale.sh."""
import gzip, sys
out = sys.argv[1]
def page(title, body, charset="utf-8"):
    return (f"<!doctype html><html><head><meta charset=\"{charset}\"><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{body}</p></article></body></html>")
def record(rid, uri, html, ctype="text/html; charset=utf-8", lie=0):
    if isinstance(html, str): html = html.encode("utf-8")
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(html)}\r\n\r\n").encode() + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-11T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + lie}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"
good = "Iraqi Foreign Minister Fuad Hussein met the Turkish ambassador in Baghdad on Wednesday to discuss the border."
recs = [
    record("r1", "https://news.example/one", page("One", good)),
    record("r2", "https://news.example/lying", page("Lying", good), lie=4000),
    record("r3", "https://news.example/latin", page("Caf\u00e9", "Le caf\u00e9 de Paris: " + good, "windows-1252").encode("cp1252"),
           ctype="text/html; charset=windows-1252"),
    record("r4", "https://news.example/broken", "<html><body><div><p>Only <b>three words<script>var x = 1;"),
    record("r5", "https://news.example/two", page("Two", good)),
    record("r6", "https://news.example/cut", page("Cut", good)),
]
with open(out, "wb") as f:
    for i, r in enumerate(recs):
        z = gzip.compress(r)
        f.write(z[: len(z) // 2] if i == len(recs) - 1 else z)
