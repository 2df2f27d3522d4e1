#!/usr/bin/env python3
"""Issue 11: the wheel's libonnxruntime.so (through bench/onnxruntime/ort_run_lib.c, ctypes) against Python's onnxruntime
(statically linked in onnxruntime_pybind11_state) in ONE process, Run calls alternating A,B,B,A,..., same inputs,
same session options.

Usage: ort_same_process.py OUT.tsv ROUNDS THREADS MEMPAT NOISEW GAP_MS IDSFILE...
Writes "variant round sentence ms samples" lines (variant "Clib" or "Pybind"), same format as
bench/onnxruntime/ort_run_compare_driver.py, so `ort_run_compare_driver.py --report OUT.tsv` summarises it.
GAP_MS: sleep between calls, so one pool's spinning threads do not overlap the other's run.
"""
import sys
import time

from ort_sessions import c_library_session, feed, python_session, read_ids

out, rounds, threads, mempat, noisew, gap = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]) / 1000
files = sys.argv[7:]
c_run = c_library_session(threads, bool(mempat))
sess = python_session(threads=threads, mempat=bool(mempat))
sentences = [read_ids(f) for f in files]


def clib(ids):
    return c_run(ids, noisew)


def pybind(ids):
    inputs = feed(ids, noisew)
    t0 = time.perf_counter()
    o = sess.run(None, inputs)[0]
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
