"""Cold-start benchmark: spawn a real worker and time each phase until it can speak.

    python -m ishowtts_worker.cold_start --config F5TTS_v1_Base --device cuda:0 --runs 3 --out cold.json

Phases, each the wall time the supervisor sees: spawn -> hello reply (interpreter, imports, device),
hello -> load reply (model built and on the device), load -> prepare_voice reply (a 6 s reference's mel,
plus graph capture and one warm-up item when `--warm` is given on CUDA). Reported per run and as medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from ishowtts_worker.framing import FrameWriter, read_frame
from ishowtts_worker.units import SAMPLE_RATE

PHASES = ("spawn_to_hello_s", "hello_to_load_s", "load_to_voice_s", "total_s")


def reference_pcm(seconds: float = 6.0) -> np.ndarray:
    """Speech-like test audio (harmonics plus noise) at RMS 0.1, as the tests use (no torch needed)."""
    rng = np.random.default_rng(0)
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    wave = sum(np.sin(2 * np.pi * f * t) / (k + 1) for k, f in enumerate((140.0, 280.0, 420.0)))
    wave = wave + 0.3 * rng.standard_normal(t.shape)
    return (wave / np.sqrt(np.mean(wave**2)) * 0.1).astype(np.float32)


def one_run(model: dict, device: str, warm: list[int]) -> dict:
    """Spawn a worker, time hello, load and prepare_voice, shut it down."""
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ishowtts_worker", "--device", device, "--log-level", "WARNING"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    writer = FrameWriter(proc.stdin)

    def ask(header: dict, pcm: np.ndarray | None = None) -> dict:
        writer.write(header, pcm)
        reply = read_frame(proc.stdout)
        if reply is None or reply.header.get("kind") != "ready":
            raise RuntimeError(f"worker answered {reply and reply.header}")
        return reply.header

    try:
        ask({"kind": "hello", "id": 1, "protocol": 1})
        t1 = time.perf_counter()
        loaded = ask({"kind": "load", "id": 2, "model": model})
        t2 = time.perf_counter()
        ask({"kind": "prepare_voice", "id": 3, "voice_id": "v", "sample_rate": SAMPLE_RATE, "warm_durations": warm},
            reference_pcm())
        t3 = time.perf_counter()
        writer.write({"kind": "shutdown", "id": 4})
        read_frame(proc.stdout)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    return {"spawn_to_hello_s": t1 - t0, "hello_to_load_s": t2 - t1, "load_to_voice_s": t3 - t2,
            "total_s": t3 - t0, "worker_load_s": loaded["model"]["load_s"]}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the medians (and write every run as JSON with --out)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="tiny", help="tiny or F5TTS_v1_Base (random-init)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--dtype", help="fp16, bf16 or fp32 (default: the worker's)")
    ap.add_argument("--checkpoint", help="a checkpoint (then --vocab is needed too) instead of random-init")
    ap.add_argument("--vocab")
    ap.add_argument("--vocoder", help="a Vocos folder instead of random-init Vocos")
    ap.add_argument("--warm", type=int, nargs="*", default=[], help="warm_durations for prepare_voice")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    model = {"mode": "checkpoint" if args.checkpoint else "random-init", "config": args.config, "device": args.device,
             "checkpoint": args.checkpoint, "vocab": args.vocab, "vocoder": args.vocoder, "dtype": args.dtype}
    model = {k: v for k, v in model.items() if v is not None}
    runs = []
    for k in range(args.runs):
        runs.append({k2: round(v, 3) for k2, v in one_run(model, args.device, args.warm).items()})
        print(f"run {k + 1}: " + "  ".join(f"{name} {value:.3f}" for name, value in runs[-1].items()), flush=True)
    medians = {name: round(statistics.median(r[name] for r in runs), 3) for name in (*PHASES, "worker_load_s")}
    print("median:", "  ".join(f"{name} {value:.3f}" for name, value in medians.items()))
    if args.out:
        Path(args.out).write_text(json.dumps({"model": model, "runs": runs, "median": medians}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
