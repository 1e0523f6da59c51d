#!/usr/bin/env python3
"""Median of fork medians per benchmark and param point, from a run's results.json. Usage: medians.py RUN FILTER [PARAM]"""
import json, sys, statistics as st
run, flt = sys.argv[1], sys.argv[2]
for b in json.load(open(run + '/results.json')):
    if flt not in b['benchmark']: continue
    raw = b['primaryMetric'].get('rawData')
    if not raw: continue
    fm = st.median([st.median(f) for f in raw])
    print(f"{b['benchmark'].split('.',3)[-1]:45} {json.dumps(b['params']):60} {fm:12.4g} {b['primaryMetric']['scoreUnit']}")
