#!/usr/bin/env python3
"""G1 young-collection pauses (Normal / Concurrent Start / Prepare Mixed / Mixed) in the measured windows:
pause length against the eden size it collected, with the phase times. Usage: g1young.py RUN_DIR PREFIX"""
import gzip, re, sys, os, glob, statistics as st
run, prefix = sys.argv[1], sys.argv[2]
for cfg in ['g1-1.5x', 'g1-2x', 'g1-2x-pause5', 'g1-4x', 'container-explicit']:
    logs = [l for l in sorted(glob.glob(os.path.join(run, 'gc', cfg, '*.log.gz'))) if re.match(re.escape(prefix) + r'-\d+\.log\.gz$', os.path.basename(l))]
    rows = []
    for lg in logs:
        win = open(lg[:-3] + '.window').read().split()
        w = [(float(win[i].split('=')[1]), float(win[i+1].split('=')[1])) for i in range(0, len(win), 2)]
        cur = {}
        for line in gzip.open(lg, 'rt', errors='replace'):
            m = re.search(r'GC\((\d+)\)\s+(Pre Evacuate Collection Set|Merge Heap Roots|Evacuate Collection Set|Post Evacuate Collection Set): ([\d.]+)ms', line)
            if m: cur.setdefault(m.group(1), {})[m.group(2)] = float(m.group(3))
            m = re.search(r'GC\((\d+)\) Eden regions: (\d+)->', line)
            if m: cur.setdefault(m.group(1), {})['eden'] = int(m.group(2))
            m = re.search(r'GC\((\d+)\) Survivor regions: (\d+)->(\d+)', line)
            if m: cur.setdefault(m.group(1), {})['surv'] = int(m.group(3))
            m = re.search(r'^\[([\d.]+)s\]\[info\]\[gc\s*\] GC\((\d+)\) Pause Young \(([^)]*)\).*?([\d.]+)ms$', line.rstrip())
            if m:
                t, g, kind, d = float(m.group(1)), m.group(2), m.group(3), float(m.group(4))
                if any(a <= t - d/1000 <= b for a, b in w):
                    rows.append((kind, d, cur.get(g, {})))
    if not rows: continue
    print(f'{cfg}: {len(rows)} young pauses in the windows')
    for kind in sorted(set(r[0] for r in rows)):
        rs = [r for r in rows if r[0] == kind]
        f = lambda k: st.mean([r[2].get(k, 0) for r in rs])
        print(f'  {kind:16} n={len(rs):3} pause mean {st.mean([r[1] for r in rs]):6.2f} ms  eden {f("eden"):6.1f} MiB  survivors after {f("surv"):5.1f}  merge roots {f("Merge Heap Roots"):5.2f}  evacuate {f("Evacuate Collection Set"):5.2f}  post {f("Post Evacuate Collection Set"):5.2f}')
