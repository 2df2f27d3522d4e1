#!/usr/bin/env python3
"""Issue 11: paired ratio B/A of per-round median Run time from an ort_run_compare_driver / ort_same_process TSV,
with a bootstrap 95 % interval of the median ratio, and the geometric mean ratio.
Usage: ort_pair_ratio.py OUT.tsv A B"""
import math
import os
import random
import statistics
import sys

path, A, B = sys.argv[1:4]
per = {}
for line in open(path):
    v, r, s, ms, n = line.split()
    per.setdefault((os.path.basename(s), v, int(r)), []).append(float(ms))
sents = sorted({k[0] for k in per}, key=lambda s: int("".join(c for c in s if c.isdigit()) or 0))
random.seed(1)
for s in sents + ["ALL"]:
    ratios = []
    for (ss, v, r), ms in per.items():
        if v != A or (s != "ALL" and ss != s):
            continue
        b = per.get((ss, B, r))
        if b:
            ratios.append(statistics.median(b) / statistics.median(ms))
    if not ratios:
        continue
    boots = sorted(statistics.median(random.choices(ratios, k=len(ratios))) for _ in range(2000))
    gm = math.exp(statistics.mean(math.log(x) for x in ratios))
    print(f"  {s:14s} {B}/{A}: median {statistics.median(ratios):.3f}  95% CI [{boots[50]:.3f}, {boots[1949]:.3f}]  geomean {gm:.3f}  pairs={len(ratios)}")
