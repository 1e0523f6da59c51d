#!/usr/bin/env python3
"""Per configuration and benchmark: GC pauses inside the measured windows of every fork (from the
committed GC logs and their .window files). Usage: gclog.py RUN_DIR [benchmark-prefix ...]"""
import gzip, re, sys, os, glob, statistics as st
from collections import defaultdict
run = sys.argv[1]
prefixes = sys.argv[2:] or ['ServiceHeap.baselineThroughput', 'ServiceLatency.openLoop_garbageKiB=64_liveSetMiB=128_load=0.5', 'ServiceLatency.openLoop_garbageKiB=64_liveSetMiB=128_load=0.75']
pause_re = re.compile(r'^\[([\d.]+)s\]\[info\]\[gc\s*\] GC\((\d+)\) (Pause [^(]*(?:\([^)]*\) ?)*)\s*(\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms')
eden_re = re.compile(r'GC\((\d+)\) Eden regions: (\d+)->(\d+)\((\d+)\)')
psyoung_re = re.compile(r'GC\((\d+)\) PSYoungGen: (\d+)K\(\d+K\)->(\d+)K\((\d+)K\)')
survivor_re = re.compile(r'GC\((\d+)\) Survivor regions: (\d+)->(\d+)')
objcopy_re = re.compile(r'GC\((\d+)\)\s+Evacuate Collection Set: ([\d.]+)ms')
for prefix in prefixes:
    print(f'\n## {prefix}')
    print(f'{"config":22} {"forks":>5} {"meas s":>6} {"pauses":>6} {"/s":>6} {"share%":>6} {"p50ms":>7} {"mean":>7} {"max":>7}  young-before MiB (mean)  surv-after  types')
    for cfg in sorted(os.listdir(os.path.join(run, 'gc'))):
        logs = sorted(glob.glob(os.path.join(run, 'gc', cfg, prefix + '*-[0-9]*.log.gz')))
        logs = [l for l in logs if re.match(re.escape(prefix) + r'(_[^-]*)?-\d+\.log\.gz$', os.path.basename(l))]
        if not logs: continue
        durs = []; types = defaultdict(int); young = []; surv = []; meas = 0.0
        for lg in logs:
            win = open(lg[:-3] + '.window').read().split()
            w = [(float(win[i].split('=')[1]), float(win[i+1].split('=')[1])) for i in range(0, len(win), 2)]
            meas += sum(b - a for a, b in w)
            inwin = set(); edens = {}; ps = {}; sv = {}
            for line in gzip.open(lg, 'rt', errors='replace'):
                m = eden_re.search(line)
                if m: edens[m.group(1)] = int(m.group(2))
                m = psyoung_re.search(line)
                if m: ps[m.group(1)] = int(m.group(2)) / 1024
                m = survivor_re.search(line)
                if m: sv[m.group(1)] = int(m.group(3))
                m = pause_re.search(line)
                if m:
                    t, gcid, kind, dur = float(m.group(1)), m.group(2), m.group(3).strip(), float(m.group(7))
                    start = t - dur / 1000
                    if any(a <= start <= b for a, b in w):
                        durs.append(dur); types[re.sub(r'\s+', ' ', kind)] += 1; inwin.add(gcid)
            young += [edens.get(g, ps.get(g)) for g in inwin if edens.get(g, ps.get(g)) is not None]
            surv += [sv[g] for g in inwin if g in sv]
        if durs:
            print(f'{cfg:22} {len(logs):5} {meas:6.2f} {len(durs):6} {len(durs)/meas:6.1f} {100*sum(durs)/1000/meas:6.2f} {st.median(durs):7.2f} {st.mean(durs):7.2f} {max(durs):7.2f}  {st.mean(young) if young else float("nan"):8.1f}  {st.mean(surv) if surv else float("nan"):8.1f}  {dict(types)}')
        else:
            print(f'{cfg:22} {len(logs):5} {meas:6.2f} {0:6}')
