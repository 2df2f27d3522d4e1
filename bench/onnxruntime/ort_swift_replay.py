#!/usr/bin/env python3
"""Issue 11: Run time of the Swift engine (ishowtts bench under the LD_PRELOAD spy bench/onnxruntime/ort_run_spy.c) against the
C harness (bench/onnxruntime/ort_run_compare.c) and Python's InferenceSession (bench/onnxruntime/ort_run_compare.py) replaying the very same
pieces (phoneme ids captured from the engine), same options (2 intra-op threads, memory patterns off), processes
interleaved round by round.

Usage: ort_swift_replay.py OUT.tsv ROUNDS PASSES PIECEFILE...   (PIECEFILEs in the engine's order)
Writes "variant round piece ms samples" lines; summarise with bench/onnxruntime/ort_pair_ratio.py and ort_run_compare_driver.py --report.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models/piper/en_US-joe-medium.onnx")
LIB = os.path.join(ROOT, ".deps/onnxruntime/lib/libonnxruntime.so.1")
out, rounds, passes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pieces = sys.argv[4:]
lengths = [len(open(p).read().split()) for p in pieces]
EXTRA = os.environ.get("SWIFT_ENV", "")


def swift(r):
    log = f"/tmp/i11_spy_round.log"
    if os.path.exists(log):
        os.remove(log)
    env = dict(os.environ, ORT_SPY_LOG=log, LD_PRELOAD="/tmp/libortspy.so")
    subprocess.run([os.path.join(ROOT, ".build/release/ishowtts"), "bench", "--runs", str(passes), "--warmup", "1",
                    "--output", "/tmp/i11_swift_bench.json", "--log-level", "error"], env=env, capture_output=True, check=True)
    rows = [l.split() for l in open(log)]
    rows = rows[len(pieces):]  # warm-up pass
    res = []
    for i, row in enumerate(rows):
        k = i % len(pieces)
        if int(row[3]) != lengths[k]:
            raise SystemExit(f"piece {k}: {row[3]} ids, expected {lengths[k]} (phonemization changed?)")
        res.append((pieces[k], float(row[1]), int(row[2])))
    return res


def harness(cmd):
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return [(l.split()[1], float(l.split()[2]), int(l.split()[3])) for l in res.stdout.splitlines() if l.startswith("RUN ")]


tail = ["2", "0", "1", str(passes), "0.8"] + pieces
variants = [
    ("Swift", swift),
    ("C2off", lambda r: harness(["/tmp/ort_cmp", LIB, MODEL] + tail)),
    ("P2off", lambda r: harness([os.path.join(ROOT, ".venv/bin/python"), os.path.join(ROOT, "bench/onnxruntime/ort_run_compare.py"), MODEL] + tail)),
]
with open(out, "a") as f:
    for r in range(rounds):
        order = variants[r % 3:] + variants[: r % 3]
        if r % 2:
            order.reverse()
        for name, fn in order:
            for piece, ms, n in fn(r):
                f.write(f"{name} {r} {piece} {ms:.3f} {n}\n")
            f.flush()
        print(f"round {r}; load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
