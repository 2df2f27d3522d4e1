#!/usr/bin/env python3
"""Issue 11: how long after another session's Run does a Run stay slow (the other pool's threads spinning)?
Times Python's session on IDSFILE GAP ms after a Run of the C library's session (spinning on or off), interleaved.
Usage: ort_spin_gap.py ROUNDS IDSFILE SPIN(0|1) GAP_MS..."""
import os
import statistics as st
import sys
import time

from ort_sessions import c_library_session, feed, python_session, read_ids

rounds = int(sys.argv[1])
ids = read_ids(sys.argv[2])
spin = int(sys.argv[3])
gaps = [float(g) for g in sys.argv[4:]]
if not spin:
    os.environ["ORTRUN_NOSPIN"] = "1"
c_run = c_library_session()
sess = python_session()
inputs = feed(ids, 0.8)
res = {g: [] for g in gaps}
for r in range(rounds + 1):
    for g in (gaps[r % len(gaps):] + gaps[:r % len(gaps)]):
        time.sleep(0.3)  # let every pool settle
        c_run(ids, 0.8)
        t_end = time.perf_counter()
        while (time.perf_counter() - t_end) * 1000 < g:
            time.sleep(0.0002)
        t0 = time.perf_counter()
        sess.run(None, inputs)
        if r:
            res[g].append((time.perf_counter() - t0) * 1000)
for g, v in res.items():
    v = sorted(v)
    print(f"gap {g:6.1f} ms: n={len(v)} median {st.median(v):.1f} ms  p10 {v[len(v) // 10]:.1f}  p90 {v[len(v) * 9 // 10]:.1f}")
