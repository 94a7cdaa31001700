#!/usr/bin/env python3
"""Scaling probe: hostile shapes of input at n and 4n, timed end to end through `gov-report check`.
A ratio far above 4 marks a super-linear path (it found three: heading lines, a line of label
cells, nested tables). Wall-clock, so noisy: a lead to follow with a profiler, not a test.

    cargo build --release -p report-cli && python3 benches/probe.py [n]
"""
import subprocess, time, sys
B='target/release/gov-report'
H='三、收到和处理政府信息公开申请情况\n'
gens = {
 'pipe-labels': lambda n: H+'一、本年新收政府信息公开申请数量'+'| 规章 '*n+'|\n',
 'tab-labels': lambda n: H+'一、本年新收'+'\t规章'*n+'\n',
 'space-labels': lambda n: H+'一、本年新收'+' 规章 1'*n+'\n',
 'glued-labels': lambda n: H+'规章1'*n+'\n',
 'numbering-inline': lambda n: H+'（一）予以公开 1 '*n+'\n',
 'headings-inline': lambda n: '二、主动公开政府信息情况 '*n+'\n',
 'headings-lines': lambda n: '二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n'*n,
 'label-lines': lambda n: H+'（一）予以公开\n'*n,
 'value-lines': lambda n: H+'一、本年新收政府信息公开申请数量\n'+'7\n'*n,
 'mixed-lines': lambda n: H+''.join(f'{i%10}.属于国家秘密\n{i}\n' for i in range(n)),
 'md-rows': lambda n: H+'|---|---|\n'+'| 规章 | 1 |\n'*n,
 'parens': lambda n: H+'('*n+'规章'+')'*n+'\n',
 'numerals': lambda n: H+'一二三四五六七八九十'*n+'\n',
 'dash-page': lambda n: H+'- 3 - '*n+'\n',
 'masks': lambda n: H+'一、****'+'**** '*n+'\n',
 'narrative': lambda n: '一、总体情况\n'+'本年收到申请3件，'*n+'\n',
 'html-cells': lambda n: '<table>'+'<td>规章</td>'*n+'</table>',
 'html-nested': lambda n: '<table><tr><td>'*n+'x'+'</td></tr></table>'*n,
 'html-unclosed-td': lambda n: '<table><tr>'+'<td>1'*n+'</table>',
}
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
for name, g in gens.items():
    ts = []
    for k in (n, 4*n):
        open('target/probe.txt','w').write(g(k))
        t = time.time()
        r = subprocess.run([B, 'check', 'target/probe.txt'], capture_output=True, timeout=300)
        ts.append(time.time() - t)
    flag = '  <-- SUPERLINEAR' if ts[1] > 8*max(ts[0], 0.02) else ''
    print(f'{name:18} {ts[0]:7.3f}s {ts[1]:7.3f}s  x{ts[1]/max(ts[0],1e-3):5.1f}{flag}', flush=True)
