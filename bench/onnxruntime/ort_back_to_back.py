#!/usr/bin/env python3
"""Issue 11: does a Run get slower when another ONNX Runtime session (another copy of the weights) ran just before
it, or when the machine idled? Times Python's InferenceSession on IDSFILE in three situations, interleaved:
  same   : right after a Run of the same session (back to back)
  other  : right after a Run of the C library's session (bench/onnxruntime/ort_run_lib.c) on the same ids
  idle   : after sleeping IDLE_MS
Usage: ort_back_to_back.py ROUNDS NOISEW IDLE_MS IDSFILE"""
import statistics as st
import sys
import time

from ort_sessions import c_library_session, feed, python_session, read_ids

rounds, noisew, idle = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]) / 1000
ids = read_ids(sys.argv[4])
c_run = c_library_session()
sess = python_session()
inputs = feed(ids, noisew)


def py():
    t0 = time.perf_counter()
    sess.run(None, inputs)
    return (time.perf_counter() - t0) * 1000


res = {"same": [], "other": [], "idle": []}
for r in range(rounds + 2):
    order = ["same", "other", "idle"]
    order = order[r % 3:] + order[:r % 3]
    for kind in order:
        if kind == "same":
            py()
        elif kind == "other":
            c_run(ids, noisew)
        else:
            time.sleep(idle)
        ms = py()
        if r >= 2:
            res[kind].append(ms)
for k, v in res.items():
    v = sorted(v)
    print(f"{k:6s} n={len(v)} median {st.median(v):.1f} ms  p10 {v[len(v) // 10]:.1f}  p90 {v[len(v) * 9 // 10]:.1f}")
