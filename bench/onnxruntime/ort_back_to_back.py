#!/usr/bin/env python3
"""Issue 11: does a Run get slower when another ONNX Runtime session (another copy of the weights) ran just before
it, or when the machine idled? Times Python's InferenceSession on IDSFILE in three situations, interleaved:
  same   : right after a Run of the same session (back to back)
  other  : right after a Run of the C library's session (bench/onnxruntime/ort_run_lib.c) on the same ids
  idle   : after sleeping IDLE_MS
Usage: ort_back_to_back.py ROUNDS NOISEW IDLE_MS IDSFILE"""
import ctypes
import os
import statistics as st
import sys
import time

import numpy as np
import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models/piper/en_US-joe-medium.onnx")
LIB = os.path.join(ROOT, ".deps/onnxruntime/lib/libonnxruntime.so.1")
rounds, noisew, idle = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]) / 1000
ids = np.array([[int(x) for x in open(sys.argv[4]).read().split()]], dtype=np.int64)
lib = ctypes.CDLL("/tmp/libortrun.so")
lib.ortrun_init.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
lib.ortrun_run.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_float, ctypes.POINTER(ctypes.c_int64)]
lib.ortrun_run.restype = ctypes.c_double
assert lib.ortrun_init(LIB.encode(), MODEL.encode(), 2, 0) == 0
so = onnxruntime.SessionOptions()
so.intra_op_num_threads = 2
so.enable_mem_pattern = False
sess = onnxruntime.InferenceSession(MODEL, sess_options=so, providers=["CPUExecutionProvider"])
feed = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64), "scales": np.array([0.667, 1.0, noisew], dtype=np.float32)}
n = ctypes.c_int64()


def py():
    t0 = time.perf_counter()
    sess.run(None, feed)
    return (time.perf_counter() - t0) * 1000


res = {"same": [], "other": [], "idle": []}
for r in range(rounds + 2):
    order = ["same", "other", "idle"]
    order = order[r % 3:] + order[:r % 3]
    for kind in order:
        if kind == "same":
            py()
        elif kind == "other":
            lib.ortrun_run(ids.ctypes.data, ids.shape[1], noisew, ctypes.byref(n))
        else:
            time.sleep(idle)
        ms = py()
        if r >= 2:
            res[kind].append(ms)
for k, v in res.items():
    v = sorted(v)
    print(f"{k:6s} n={len(v)} median {st.median(v):.1f} ms  p10 {v[len(v) // 10]:.1f}  p90 {v[len(v) * 9 // 10]:.1f}")
