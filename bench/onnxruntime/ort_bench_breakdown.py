#!/usr/bin/env python3
"""Issue 11: per line of an `ishowtts bench --reference-python` run, ours vs piper-tts (total, audio, RTF), and how
much of our total is ONNX Runtime Run (from the LD_PRELOAD spy log, bench/onnxruntime/ort_run_spy.c).
Usage: ort_bench_breakdown.py BENCH.json SPY.log"""
import json
import statistics as st
import sys

d = json.load(open(sys.argv[1]))
ours, theirs = d["summaries"][0]["samples"], d["summaries"][1]["samples"]
spy = [float(l.split()[1]) for l in open(sys.argv[2])]
texts = list(dict.fromkeys(s["text"] for s in ours))
per_pass = len(spy) // (len(ours) // len(texts) + 1)  # pieces per pass (one warm-up pass)
timed = spy[per_pass:]
# pieces per line: from the count of pieces in the log; assume each pass has the same piece structure
n_passes = len(ours) // len(texts)
# split the timed Runs into lines using the piece count per line, inferred by matching total Run time <= total
counts = []
k = 0
first = ours[:len(texts)]
for s in first:
    c, acc = 0, 0.0
    while k < per_pass and acc + timed[k] / 1000 <= s["total_s"] + 1e-6:
        acc += timed[k] / 1000; k += 1; c += 1
    counts.append(c)
print(f"pieces per pass {per_pass}, per line {counts}")
rows = []
print(f"{'line':34s} {'pcs':>3} {'ours ms':>8} {'Run ms':>7} {'outside':>7} {'py ms':>7} {'aud o/p':>7} {'RTF o/p':>7}")
tot = [0, 0, 0, 0, 0]
for i, t in enumerate(texts):
    o = [s for s in ours if s["text"] == t]
    y = [s for s in theirs if s["text"] == t]
    start = sum(counts[:i])
    runs = [sum(timed[p * per_pass + start: p * per_pass + start + counts[i]]) for p in range(n_passes)]
    to, ty = st.median(s["total_s"] for s in o) * 1000, st.median(s["total_s"] for s in y) * 1000
    ao, ay = st.median(s["audio_s"] for s in o), st.median(s["audio_s"] for s in y)
    r = st.median(runs)
    rtf = st.median(so["total_s"] / so["audio_s"] for so in o) / st.median(sy["total_s"] / sy["audio_s"] for sy in y)
    print(f"{t[:34]:34s} {counts[i]:3d} {to:8.1f} {r:7.1f} {to - r:7.2f} {ty:7.1f} {ao / ay:7.3f} {rtf:7.3f}")
    tot = [tot[0] + to, tot[1] + r, tot[2] + ty, tot[3] + ao, tot[4] + ay]
print(f"sum: ours {tot[0]:.0f} ms (Run {tot[1]:.0f} ms), piper-tts {tot[2]:.0f} ms; time o/p {tot[0] / tot[2]:.3f}, audio o/p {tot[3] / tot[4]:.3f}")
