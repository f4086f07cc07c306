#!/usr/bin/env python3
"""Writes the large or generated bad inputs of tests/bad.sh into DIR (the
small ones are fixtures in tests/data/bad/). Everything comes from fixed
seeds and fixed patterns, so two runs write the same bytes.
usage: make_bad.py DIR"""
import gzip, os, random, sys, zlib

out = sys.argv[1]
GOOD = "Iraq attacked Iran on Monday."


def put(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def page(body):
    return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>T</title></head><body>"
            f"<article><p>{body}</p></article></body></html>")


def warc(rid, html, lie=0, encoding=None):
    """A WARC response record; lie is added to the Content-Length."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    extra = f"Content-Encoding: {encoding}\r\n" if encoding else ""
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}"
            f"Content-Length: {len(html)}\r\n\r\n").encode() + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Target-URI: https://news.example/{rid}\r\nWARC-Date: 2024-01-11T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + lie}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


# JSON: 100,000 '[' (and '{"a":' nests) between two good records
json_good = '{"id":"good1","text":"%s"}\n' % GOOD
put("nested.jsonl", json_good + "[" * 100000 + "\n" + '{"id":"obj","text":' + '{"a":' * 100000 + "1"
    + "}" * 100000 + "}\n" + '{"id":"good2","text":"%s"}\n' % GOOD)

# huge JSON records (run with --max-article-bytes 100000): a text of 400 KB
# (over the article limit, under the record limit of 4 x 100000 + 64 KiB)
# and one line of 6 MB (over it)
word = "Iraq attacked Iran. "
put("huge.jsonl", '{"id":"big","text":"' + word * (400000 // len(word)) + '"}\n'
    + '{"id":"toolong","text":"' + "x" * 6000000 + '"}\n'
    + '{"id":"good","text":"%s"}\n' % GOOD)

# binary junk from a fixed seed
rng = random.Random(20240111)
put("junk.bin", bytes(rng.getrandbits(8) for _ in range(65536)))

# HTML bombs: 100,000 nested tags, a 20 MB attribute, an entity flood
put("deep.html", "<html><body><article><p>" + GOOD + "</p>" + "<div>" * 100000 + "deep text"
    + "</div>" * 100000 + "</article></body></html>")
put("attr.html", "<html><body><article><p title=\"" + "a" * 20000000 + "\">" + GOOD
    + "</p></article></body></html>")
put("entities.html", "<html><body><article><p>" + "&amp;&lt;&#x41;&nbsp;&bogus;" * 400000
    + "</p><p>" + GOOD + "</p></article></body></html>")

# WARC: a gzip bomb (one member that inflates to 64 MB of spaces, 64 KB on
# disk) between two good records; a gzip-encoded HTTP body that does the same
good = gzip.compress(warc("good1", page(GOOD)))
bomb = warc("bomb", page(" " * (64 << 20)))
put("bomb.warc.gz", good + gzip.compress(bomb, 9) + gzip.compress(warc("good2", page(GOOD))))
body = gzip.compress(page(" " * (64 << 20)).encode(), 9)
put("bomb-body.warc", warc("good1", page(GOOD)) + warc("bomb", body, encoding="gzip")
    + warc("good2", page(GOOD)))

# WARC whose Content-Length lies: longer and shorter than the record
put("lying.warc", warc("good1", page(GOOD)) + warc("longer", page(GOOD), lie=5000)
    + warc("good2", page(GOOD)) + warc("shorter", page(GOOD), lie=-40) + warc("good3", page(GOOD)))

# a sentence of 5,000 tokens (no sentence break) before a good sentence
put("long-sentence.txt", " ".join(["word"] * 4999) + " end. " + GOOD + "\n")
