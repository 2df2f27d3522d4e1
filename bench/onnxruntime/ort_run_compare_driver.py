#!/usr/bin/env python3
"""Issue 11: interleaves variants of ONNX Runtime Run timing (C harness vs Python InferenceSession, ...).

Usage: ort_run_compare_driver.py OUT.tsv ROUNDS WARMUP RUNS NOISEW VARIANT...
VARIANT = name=command prefix (the harness arguments THREADS MEMPAT WARMUP RUNS NOISEW IDS... are appended by
the variant itself through {threads} {mempat}); see the defaults below. Each round runs every variant once, in an
order rotated by round, so drift and load cancel. Appends lines "variant round sentence ms samples" to OUT.tsv.
Then `ort_run_compare_driver.py --report OUT.tsv` prints medians/p95 per variant and sentence.
"""
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models/piper/en_US-joe-medium.onnx")
LIB = os.environ.get("LIB", os.path.join(ROOT, ".deps/onnxruntime/lib/libonnxruntime.so.1"))
IDS = os.environ.get("IDSFILES", "/tmp/ids_s23.txt /tmp/ids_s57.txt /tmp/ids_s139.txt").split()
CBIN = os.environ.get("CBIN", "/tmp/ort_cmp")
PY = os.path.join(ROOT, ".venv/bin/python")


def cmd(kind, threads, mempat, warm, runs, noisew, env_extra=None):
    tail = [str(threads), str(mempat), str(warm), str(runs), str(noisew)] + IDS
    if kind == "C":
        return [CBIN, LIB, MODEL] + tail
    return [PY, os.path.join(ROOT, "bench/onnxruntime/ort_run_compare.py"), MODEL] + tail


def pct(v, p):
    v = sorted(v)
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def report(path):
    rows = [l.split() for l in open(path)]
    data = {}
    for variant, rnd, sent, ms, samples in rows:
        data.setdefault((variant, os.path.basename(sent)), []).append((int(rnd), float(ms), int(samples)))
    variants = sorted({v for v, _ in data})
    sents = sorted({s for _, s in data}, key=lambda s: IDS_ORDER.get(s, 9))
    print(f"| sentence | variant | n | median ms | p5–p95 ms | IQR ms | median ms per 10k samples | median samples |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in sents:
        for v in variants:
            d = data.get((v, s))
            if not d:
                continue
            ms = [x[1] for x in d]
            norm = [x[1] / x[2] * 1e4 for x in d]
            print(f"| {s} | {v} | {len(ms)} | {statistics.median(ms):.2f} | {pct(ms,5):.1f}–{pct(ms,95):.1f} | "
                  f"{pct(ms,75)-pct(ms,25):.2f} | {statistics.median(norm):.3f} | {statistics.median([x[2] for x in d]):.0f} |")
    # paired per-round ratio of per-round medians for every pair of variants against the first
    base = variants[0]
    print()
    print("Per-round paired ratio (variant / %s) of per-round median ms, median and [p10, p90] over rounds:" % base)
    for s in sents:
        for v in variants[1:]:
            a = {}
            b = {}
            for r, ms, _ in data.get((base, s), []):
                a.setdefault(r, []).append(ms)
            for r, ms, _ in data.get((v, s), []):
                b.setdefault(r, []).append(ms)
            ratios = [statistics.median(b[r]) / statistics.median(a[r]) for r in a if r in b]
            if ratios:
                print(f"  {s:14s} {v:18s} {statistics.median(ratios):.3f}  [{pct(ratios,10):.3f}, {pct(ratios,90):.3f}]  rounds={len(ratios)}")


IDS_ORDER = {os.path.basename(p): i for i, p in enumerate(IDS)}

if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2])
        sys.exit(0)
    out, rounds, warm, runs, noisew = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    specs = []
    for spec in sys.argv[6:]:
        # name:KIND:THREADS:MEMPAT[:ENV=VAL,...]
        parts = spec.split(":")
        env = dict(os.environ)
        if len(parts) > 4 and parts[4]:
            for kv in parts[4].split(","):
                k, v = kv.split("=", 1)
                env[k] = v
        specs.append((parts[0], cmd(parts[1], parts[2], parts[3], warm, runs, noisew), env))
    with open(out, "a") as f:
        for r in range(rounds):
            order = specs[r % len(specs):] + specs[: r % len(specs)]
            if r % 2:
                order = order[::-1]
            for name, c, env in order:
                res = subprocess.run(c, capture_output=True, text=True, env=env)
                if res.returncode:
                    print(name, res.stderr, file=sys.stderr)
                    continue
                for line in res.stdout.splitlines():
                    if line.startswith("RUN "):
                        _, sent, ms, samples = line.split()
                        f.write(f"{name} {r} {sent} {ms} {samples}\n")
                f.flush()
            print(f"round {r} done; load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
