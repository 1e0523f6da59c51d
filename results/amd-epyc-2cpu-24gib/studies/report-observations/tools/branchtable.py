import json,statistics as st,sys
d=json.load(open(sys.argv[1]))
rows={}
for b in d:
    m=b['benchmark'].split('.')[-1]; p=b['params']
    wall=[st.median(f) for f in b['primaryMetric']['rawData']]
    sec=b.get('secondaryMetrics',{})
    tc=sec.get('task-clock',{}).get('score'); cs=sec.get('context-switches',{}).get('score')
    rows[(m,p['selectivity'],p['order'])]=(wall,tc,cs)
orders=['sorted','sortedScattered','shuffled','shuffledSequential','rotating']
print('CPU time per op (perf task-clock, all threads of the fork, us/op; mean over forks) and [wall us/op fork medians, loaded machine]')
for m in ['pitfallGrowFromDefault','fixPresizeToInputLength','fixCountThenPresize']:
    for s in ['0.5','1.0']:
        cells=[]
        for o in orders:
            r=rows.get((m,s,o))
            if r: cells.append(f"{o}: {r[1]*1000:6.1f} [{'/'.join(f'{x:.0f}' for x in r[0])}]")
        print(f"{m:24} sel={s}  " + "  ".join(cells))
