#!/usr/bin/env python3
"""Issue 11: Python counterpart of bench/onnxruntime/ort_run_compare.c (same arguments minus LIB, same output lines).

Usage: ort_run_compare.py MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDSFILE...
Runs the model through onnxruntime.InferenceSession (the pybind module piper-tts uses) with the same session options.
"""
import sys
import time

import numpy as np
import onnxruntime

model, threads, mempat, warm, runs, noisew = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
files = sys.argv[7:]
so = onnxruntime.SessionOptions()
if threads > 0:
    so.intra_op_num_threads = threads
so.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
so.enable_mem_pattern = bool(mempat)
sess = onnxruntime.InferenceSession(model, sess_options=so, providers=["CPUExecutionProvider"])
sentences = [np.array([[int(x) for x in open(f).read().split()]], dtype=np.int64) for f in files]
scales = np.array([0.667, 1.0, noisew], dtype=np.float32)
for r in range(warm + runs):
    for f, ids in zip(files, sentences):
        feed = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64), "scales": scales}
        t0 = time.perf_counter()
        out = sess.run(None, feed)[0]
        dt = time.perf_counter() - t0
        if r >= warm:
            print(f"RUN {f} {dt * 1000:.3f} {out.size}", flush=True)
