#!/usr/bin/env python3
"""Issue 11: how long after another session's Run does a Run stay slow (the other pool's threads spinning)?
Times Python's session on IDSFILE GAP ms after a Run of the C library's session (spinning on or off), interleaved.
Usage: ort_spin_gap.py ROUNDS IDSFILE SPIN(0|1) GAP_MS..."""
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
rounds = int(sys.argv[1])
ids = np.array([[int(x) for x in open(sys.argv[2]).read().split()]], dtype=np.int64)
spin = int(sys.argv[3])
gaps = [float(g) for g in sys.argv[4:]]
if not spin:
    os.environ["ORTRUN_NOSPIN"] = "1"
lib = ctypes.CDLL(os.environ.get("ORTRUN", "/tmp/libortrun.so"))
lib.ortrun_init.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
lib.ortrun_run.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_float, ctypes.POINTER(ctypes.c_int64)]
lib.ortrun_run.restype = ctypes.c_double
assert lib.ortrun_init(LIB.encode(), MODEL.encode(), 2, 0) == 0
so = onnxruntime.SessionOptions()
so.intra_op_num_threads = 2
so.enable_mem_pattern = False
sess = onnxruntime.InferenceSession(MODEL, sess_options=so, providers=["CPUExecutionProvider"])
feed = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64), "scales": np.array([0.667, 1.0, 0.8], dtype=np.float32)}
n = ctypes.c_int64()
res = {g: [] for g in gaps}
for r in range(rounds + 1):
    for g in (gaps[r % len(gaps):] + gaps[:r % len(gaps)]):
        time.sleep(0.3)  # let every pool settle
        lib.ortrun_run(ids.ctypes.data, ids.shape[1], 0.8, ctypes.byref(n))
        t_end = time.perf_counter()
        while (time.perf_counter() - t_end) * 1000 < g:
            time.sleep(0.0002)
        t0 = time.perf_counter()
        sess.run(None, feed)
        if r:
            res[g].append((time.perf_counter() - t0) * 1000)
for g, v in res.items():
    v = sorted(v)
    print(f"gap {g:6.1f} ms: n={len(v)} median {st.median(v):.1f} ms  p10 {v[len(v) // 10]:.1f}  p90 {v[len(v) * 9 // 10]:.1f}")
