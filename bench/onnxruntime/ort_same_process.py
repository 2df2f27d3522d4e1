#!/usr/bin/env python3
"""Issue 11: the wheel's libonnxruntime.so (through bench/onnxruntime/ort_run_lib.c, ctypes) against Python's onnxruntime
(statically linked in onnxruntime_pybind11_state) in ONE process, Run calls alternating A,B,B,A,..., same inputs,
same session options.

Usage: ort_same_process.py OUT.tsv ROUNDS THREADS MEMPAT NOISEW GAP_MS IDSFILE...
Writes "variant round sentence ms samples" lines (variant "Clib" or "Pybind"), same format as
bench/onnxruntime/ort_run_compare_driver.py, so `ort_run_compare_driver.py --report OUT.tsv` summarises it.
GAP_MS: sleep between calls, so one pool's spinning threads do not overlap the other's run.
"""
import ctypes
import os
import sys
import time

import numpy as np
import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models/piper/en_US-joe-medium.onnx")
LIB = os.environ.get("LIB", os.path.join(ROOT, ".deps/onnxruntime/lib/libonnxruntime.so.1"))

out, rounds, threads, mempat, noisew, gap = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]) / 1000
files = sys.argv[7:]
run_lib = ctypes.CDLL(os.environ.get("ORTRUN", "/tmp/libortrun.so"))
run_lib.ortrun_init.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
run_lib.ortrun_run.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_float, ctypes.POINTER(ctypes.c_int64)]
run_lib.ortrun_run.restype = ctypes.c_double
assert run_lib.ortrun_init(LIB.encode(), MODEL.encode(), threads, mempat) == 0

so = onnxruntime.SessionOptions()
if threads > 0:
    so.intra_op_num_threads = threads
so.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
so.enable_mem_pattern = bool(mempat)
sess = onnxruntime.InferenceSession(MODEL, sess_options=so, providers=["CPUExecutionProvider"])
sentences = [np.ascontiguousarray(np.array([[int(x) for x in open(f).read().split()]], dtype=np.int64)) for f in files]
scales = np.array([0.667, 1.0, noisew], dtype=np.float32)


def clib(ids):
    n = ctypes.c_int64()
    ms = run_lib.ortrun_run(ids.ctypes.data, ids.shape[1], noisew, ctypes.byref(n))
    return ms, n.value


def pybind(ids):
    feed = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64), "scales": scales}
    t0 = time.perf_counter()
    o = sess.run(None, feed)[0]
    return (time.perf_counter() - t0) * 1000, o.size


with open(out, "a") as f:
    for r in range(-3, rounds):  # 3 warm-up rounds
        for k, ids in enumerate(sentences):
            order = [("Clib", clib), ("Pybind", pybind)]
            if (r + k) % 2:
                order.reverse()
            for name, fn in order:
                time.sleep(gap)
                ms, n = fn(ids)
                if r >= 0:
                    f.write(f"{name} {r} {files[k]} {ms:.3f} {n}\n")
        f.flush()
