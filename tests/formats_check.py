#!/usr/bin/env python3
"""Checks tacitus output formats against their references.

  formats_check.py gdelt FILE COLUMNS.tsv   every row has the 61 columns, each
                                            value parses as the column's type
                                            (INTEGER, FLOAT, STRING) or is empty
  formats_check.py plover FILE TYPES.tsv    every record has the PLOVER manual's
                                            required fields: id, date (YYYY-MM-DD),
                                            actor (list of objects), event (list of
                                            PLOVER event types from TYPES.tsv)
  formats_check.py csv FILE                 header, and every row has its width
Prints "<kind>: N rows ok" or the first problems, and exits 1 on any problem.
"""
import csv, json, re, sys

def fail(msgs):
    for m in msgs[:10]:
        print(m)
    sys.exit(1)

def gdelt(path, cols_path):
    cols = [l.rstrip("\n").split("\t")[:3] for l in open(cols_path, encoding="utf-8")][1:]
    if len(cols) != 61:
        fail([f"{cols_path}: {len(cols)} columns, want 61"])
    bad, n = [], 0
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        f = line.rstrip("\n").split("\t")
        n += 1
        if len(f) != 61:
            bad.append(f"{path}:{ln}: {len(f)} columns, want 61")
            continue
        for (idx, name, typ), v in zip(cols, f):
            if v == "":
                continue
            try:
                if typ == "INTEGER":
                    int(v)
                elif typ == "FLOAT":
                    float(v)
            except ValueError:
                bad.append(f"{path}:{ln}: column {idx} {name} ({typ}) = {v!r}")
        if f[1] and not re.fullmatch(r"\d{8}", f[1]):
            bad.append(f"{path}:{ln}: SQLDATE {f[1]!r}")
        if f[26] and not re.fullmatch(r"\d{2,4}", f[26]):
            bad.append(f"{path}:{ln}: EventCode {f[26]!r}")
        if f[29] and f[29] not in "1234":
            bad.append(f"{path}:{ln}: QuadClass {f[29]!r}")
    if bad:
        fail(bad)
    print(f"gdelt: {n} rows ok")

def plover(path, types_path):
    types = {l.split("\t")[1] for l in open(types_path, encoding="utf-8") if "\t" in l} - {"plover_event", ""}
    bad, n = [], 0
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        n += 1
        try:
            r = json.loads(line)
        except ValueError as e:
            bad.append(f"{path}:{ln}: not JSON: {e}")
            continue
        if not isinstance(r.get("id"), str) or not r["id"]:
            bad.append(f"{path}:{ln}: id")
        if not isinstance(r.get("date"), str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]):
            bad.append(f"{path}:{ln}: date {r.get('date')!r}")
        for k in ("actor", "recipient"):
            if k == "recipient" and k not in r:
                continue
            if not isinstance(r.get(k), list) or not r[k] or not all(isinstance(a, dict) for a in r[k]):
                bad.append(f"{path}:{ln}: {k} is not a list of entity objects")
        ev = r.get("event")
        if not isinstance(ev, list) or not ev or not all(e in types for e in ev):
            bad.append(f"{path}:{ln}: event {ev!r}")
        if "quad_code" in r and r["quad_code"] not in (1, 2, 3, 4):
            bad.append(f"{path}:{ln}: quad_code {r['quad_code']!r}")
    if bad:
        fail(bad)
    print(f"plover: {n} rows ok")

def flat(path):
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    if not rows:
        fail([f"{path}: no header"])
    w = len(rows[0])
    bad = [f"{path}:{i}: {len(r)} fields, header has {w}" for i, r in enumerate(rows[1:], 2) if len(r) != w]
    if bad:
        fail(bad)
    print(f"csv: {len(rows) - 1} rows ok")

if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "gdelt":
        gdelt(sys.argv[2], sys.argv[3])
    elif kind == "plover":
        plover(sys.argv[2], sys.argv[3])
    elif kind == "csv":
        flat(sys.argv[2])
    else:
        fail([f"unknown kind {kind}"])
