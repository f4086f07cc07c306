#!/usr/bin/env python3
"""Derives data/geo/country_latlng.tsv (cca3, latitude, longitude of each
country's representative point) from mledoze countries.json (ODbL 1.0), so
the gazetteer loads a 6 KB table instead of parsing 1.4 MB of JSON."""
import json, sys, os
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'geo')
src = os.path.join(here, 'demonyms', 'mledoze_countries.json')
with open(src, encoding='utf-8') as f:
    countries = json.load(f)
out = os.path.join(here, 'country_latlng.tsv')
with open(out, 'w', encoding='utf-8') as f:
    f.write('#cca3\tlat\tlon (derived from demonyms/mledoze_countries.json latlng, ODbL 1.0)\n')
    for c in sorted(countries, key=lambda c: c['cca3']):
        ll = c.get('latlng') or []
        if len(ll) == 2:
            f.write('%s\t%.4f\t%.4f\n' % (c['cca3'], ll[0], ll[1]))
