#!/usr/bin/env python3
"""Issue 11: Python counterpart of bench/onnxruntime/ort_run_compare.c (same arguments minus LIB, same output lines).

Usage: ort_run_compare.py MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDSFILE...
Runs the model through onnxruntime.InferenceSession (the pybind module piper-tts uses) with the same session options.
"""
import sys
import time

from ort_sessions import feed, python_session, read_ids

model, threads, mempat, warm, runs, noisew = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
files = sys.argv[7:]
sess = python_session(model, threads, bool(mempat))
sentences = [read_ids(f) for f in files]
for r in range(warm + runs):
    for f, ids in zip(files, sentences):
        inputs = feed(ids, noisew)
        t0 = time.perf_counter()
        out = sess.run(None, inputs)[0]
        dt = time.perf_counter() - t0
        if r >= warm:
            print(f"RUN {f} {dt * 1000:.3f} {out.size}", flush=True)
