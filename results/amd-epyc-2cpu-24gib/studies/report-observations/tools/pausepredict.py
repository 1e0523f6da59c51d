#!/usr/bin/env python3
"""Fluid-queue prediction of open-loop p99 from the GC pauses alone.
A request arriving t after a stop-the-world pause of length P began waits max(0, P - (1-rho) t)
(backlog drains at rate 1-rho, rho = offered rate / this configuration's service capacity), so the
time during which arrivals wait more than x is (P - x)+/(1-rho) per pause, and the predicted p-quantile
x solves sum_i (P_i - x)+ = (1-q)(1-rho) T over the measured windows (T = their total length).
Usage: pausepredict.py RUN_DIR BENCH_PREFIX OFFERED_RATE"""
import gzip, re, sys, os, glob, json
run, prefix, rate = sys.argv[1], sys.argv[2], float(sys.argv[3])
runj = json.load(open(os.path.join(run, 'run.json')))
caps = None
for p in runj['offeredLoad']['points']:
    if p['point'].startswith('ServiceLatency.openLoop'):
        caps = p['throughputByConfiguration']; break
pause_re = re.compile(r'^\[([\d.]+)s\]\[info\]\[gc\s*\] GC\(\d+\) Pause .*?([\d.]+)ms$')
def quantile(pauses, T, rho, q):
    target = (1 - q) * (1 - rho) * T
    lo, hi = 0.0, max(pauses + [0.0])
    if sum(pauses) <= target: return 0.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(max(0.0, p - mid) for p in pauses) > target: lo = mid
        else: hi = mid
    return lo
print(f'{"config":22} {"rho":>6} {"pauses":>6} {"share%":>7} {"pred p99 ms":>11} {"pred p99.9":>10}')
for cfg in sorted(os.listdir(os.path.join(run, 'gc'))):
    if cfg.startswith('zgc'): continue
    logs = [l for l in sorted(glob.glob(os.path.join(run, 'gc', cfg, '*.log.gz'))) if re.match(re.escape(prefix) + r'-\d+\.log\.gz$', os.path.basename(l))]
    if not logs: continue
    pauses = []; T = 0.0
    for lg in logs:
        win = open(lg[:-3] + '.window').read().split()
        w = [(float(win[i].split('=')[1]), float(win[i+1].split('=')[1])) for i in range(0, len(win), 2)]
        T += sum(b - a for a, b in w) * 1000
        for line in gzip.open(lg, 'rt', errors='replace'):
            m = pause_re.search(line.rstrip())
            if m:
                dur = float(m.group(2)); start = float(m.group(1)) - dur / 1000
                if any(a <= start <= b for a, b in w): pauses.append(dur)
    rho = min(0.99, rate / caps[cfg]) if caps and cfg in caps else 0.5
    print(f'{cfg:22} {rho:6.3f} {len(pauses):6} {100*sum(pauses)/T:7.2f} {quantile(pauses, T, rho, 0.99):11.3f} {quantile(pauses, T, rho, 0.999):10.3f}')
