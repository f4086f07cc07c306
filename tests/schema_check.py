#!/usr/bin/python3
"""Validates JSON Lines on stdin against docs/output.schema.json with the
Debian python3-jsonschema package; prints the first error per bad line and
exits 1 when any line fails. Also checks span order: start <= end."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for n, line in enumerate(sys.stdin, 1):
    doc = json.loads(line)
    errs = sorted(validator.iter_errors(doc), key=str)
    for key in ("sentences", "tokens"):
        for item in doc.get(key, []):
            if item["start"] > item["end"]:
                errs.append(f"{key}: start {item['start']} > end {item['end']}")
    if errs:
        bad += 1
        first = errs[0]
        print(f"line {n}: {getattr(first, 'message', first)}", file=sys.stderr)
sys.exit(1 if bad else 0)
