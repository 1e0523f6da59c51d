#!/usr/bin/env python3
"""Reads an async-profiler (3.x/4.x) flame-graph HTML and prints total samples, the top frames by
self and by total share, and optional substring sums. Usage: flame.py FILE [N] [--match a,b,c]"""
import re, sys, ast
path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 15
matches = []
if '--match' in sys.argv:
    matches = sys.argv[sys.argv.index('--match') + 1].split(',')
html = open(path, encoding='utf-8').read()
m = re.search(r'const cpool = \[(.*?)\n\];', html, re.S)
pool = []
for line in m.group(1).split('\n'):
    line = line.strip().rstrip(',')
    if line:
        pool.append(ast.literal_eval(line))
for i in range(1, len(pool)):
    pool[i] = pool[i - 1][:ord(pool[i][0]) - 32] + pool[i][1:]
body = html[m.end():]
body = body[body.index('unpack(cpool);') + len('unpack(cpool);'):]
body = body[:body.index('</script>')]
frames = []  # (level, left, width, name)
level0 = left0 = width0 = 0
for call in re.finditer(r'([fun])\(([^)]*)\)', body):
    kind, args = call.group(1), [int(x) for x in call.group(2).split(',') if x.strip()]
    if kind == 'f':
        key, level, left = args[0], args[1], args[2]
        width = args[3] if len(args) > 3 and args[3] else None
    elif kind == 'u':
        key, level, left = args[0], level0 + 1, 0
        width = args[1] if len(args) > 1 and args[1] else None
    else:
        key, level, left = args[0], level0, width0
        width = args[1] if len(args) > 1 and args[1] else None
    level0 = level
    left0 += left
    width0 = width if width else width0
    frames.append((level, left0, width0, pool[key >> 3]))
if '--under' in sys.argv:
    anc_name = sys.argv[sys.argv.index('--under') + 1]
    roots = [(l, le, w) for (l, le, w, n) in frames if n == anc_name]
    keep = []
    for fr in frames:
        l, le, w, n = fr
        if any(rl <= l and rle <= le < rle + rw for (rl, rle, rw) in roots): keep.append(fr)
    under_total = sum(w for (l, le, w) in roots if not any(ol < l and ole <= le < ole + ow for (ol, ole, ow) in roots))
    frames = [frames[0][:2] + (under_total, 'all')] + keep
total = frames[0][2]
# self = width minus children widths
from collections import defaultdict
selfw = defaultdict(int); totw = defaultdict(int)
bylevel = defaultdict(list)
for fr in frames: bylevel[fr[0]].append(fr)
for lv, frs in bylevel.items():
    kids = bylevel.get(lv + 1, [])
    for (l, left, w, name) in frs:
        c = sum(kw for (_, kl, kw, _) in kids if kl >= left and kl < left + w)
        selfw[name] += w - c
# total per name: avoid double count of recursion: count a frame only if no ancestor has same name
stack = []
for (l, left, w, name) in sorted(frames, key=lambda f: (f[1], f[0])):
    pass
# simpler total: for each frame, add width if name not among its ancestors (ancestors = frames at lower level covering it)
anc = {}
for (l, left, w, name) in frames:
    covered = any(al < l and aleft <= left < aleft + aw and an == name for (al, aleft, aw, an) in frames if al < l and an == name)
    if not covered: totw[name] += w
print(f'{path}\ntotal samples: {total}')
print('top self:')
for name, w in sorted(selfw.items(), key=lambda x: -x[1])[:top]:
    print(f'  {100*w/total:5.1f}%  {name}')
print('top total:')
for name, w in sorted(totw.items(), key=lambda x: -x[1])[:top]:
    print(f'  {100*w/total:5.1f}%  {name}')
for mt in matches:
    s = sum(w for n, w in selfw.items() if mt in n)
    t = sum(w for n, w in totw.items() if mt in n)
    print(f'match {mt!r}: self {100*s/total:.1f}%  (max single-frame total {100*max([w for n,w in totw.items() if mt in n] or [0])/total:.1f}%)')
