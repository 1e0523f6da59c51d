import json,glob,statistics as st,re
for i in range(1,7):
    row=[]
    for k in ('quick','scaled','long'):
        try: d=json.load(open(f'p{i}-{k}.json'))
        except Exception: row.append(f'{k}: -'); continue
        e=d[0]; raw=e['primaryMetric']['rawData']; u=e['primaryMetric']['scoreUnit']
        fm=[st.mean(f) for f in raw]
        row.append(f"{k}: forks {' '.join('%.3g'%x for x in fm)} {u}")
        name=e['benchmark'].split('.')[-2]+'.'+e['benchmark'].split('.')[-1]+str(e.get('params'))
    print(name); [print('   ',r) for r in row]
