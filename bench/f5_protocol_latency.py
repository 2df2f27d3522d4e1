#!/usr/bin/env python3
"""The F5 worker over its stdio protocol, as the Swift supervisor drives it, without the server (docs/BENCHMARKS.md).

Spawns `python -m ishowtts_worker --device DEVICE`, loads random-init F5TTS_v1_Base (fp16, CUDA graphs), prepares the
reference with the server's loudness rule, warms up, then times `synthesize` from the frame written to the last
`audio` frame read: the seed line as a whole file (its official chunks) and a chat line's short first chunk (what a
stream sends first). Separates what the server adds to a request from what the worker and its pipes take.

Usage: PYTHONPATH=worker f5_protocol_latency.py --ref REF.wav [--device cuda:0] [--runs 20] [--out FILE]
"""
import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import time

import numpy as np

from ishowtts_worker.bench import TARGET_RMS, read_wav
from ishowtts_worker.chunking import (chunk_text, chunks_for_streaming, duration_frames, max_chunk_bytes,
                                      ref_text_for_sampling)

REF_TEXT = "I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me."
LINES = {"seed": "Hello world, this is a test of the optimized TTS system.",
         "chat": "lol that play was insane, can you do it again?"}


class Worker:
    """The child process and its frames."""

    def __init__(self, device: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "ishowtts_worker", "--device", device],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ)
        self.next_id = 1

    def call(self, header: dict, pcm: np.ndarray | None = None) -> list[dict]:
        """Send one request; read frames until its `ready`/`done`/`error`; return every header."""
        rid = self.next_id
        self.next_id += 1
        payload = b"" if pcm is None else np.asarray(pcm, dtype="<f4").tobytes()
        header = {**header, "id": rid, **({"payload_bytes": len(payload)} if payload else {})}
        data = json.dumps(header).encode()
        self.proc.stdin.write(struct.pack("<I", len(data)) + data + payload)
        self.proc.stdin.flush()
        replies = []
        while True:
            (n,) = struct.unpack("<I", self.proc.stdout.read(4))
            reply = json.loads(self.proc.stdout.read(n))
            self.proc.stdout.read(reply.get("payload_bytes", 0))
            reply["_at"] = time.perf_counter()
            replies.append(reply)
            if reply.get("id") == rid and (reply["kind"] in ("ready", "done") or
                                           (reply["kind"] == "error" and "item_id" not in reply)):
                return replies


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", required=True)
    ap.add_argument("--device", default="cuda:0")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--config", default="F5TTS_v1_Base", help="tiny (with --dtype fp32) for a CPU smoke run")
    ap.add_argument("--dtype", default="fp16")
    ap.add_argument("--ref-samples", type=int, help="keep only this many reference samples (the server trims the "
                    "clip at a pause: 152782 of ../shared/bench/ref.wav), so the lengths match the server's")
    ap.add_argument("--out")
    args = ap.parse_args()

    ref = read_wav(args.ref)[:args.ref_samples]
    rms = float(np.sqrt(np.mean(ref ** 2)))
    ref = ref * (TARGET_RMS / rms if rms < TARGET_RMS else 1.0)
    ref_text = ref_text_for_sampling(REF_TEXT)
    budget = max_chunk_bytes(REF_TEXT, len(ref))
    worker = Worker(args.device)
    worker.call({"kind": "hello", "protocol": 1})
    worker.call({"kind": "load", "model": {"mode": "random-init", "config": args.config, "device": args.device,
                                           "dtype": args.dtype, "cuda_graphs": True, "seed": 0}})  # the server's weights
    worker.call({"kind": "prepare_voice", "voice_id": "ref", "sample_rate": 24000}, ref)

    def items(chunks):
        return [{"item_id": f"c{i}", "voice_id": "ref", "text": ref_text + c, "nfe_step": 7, "seed": i,
                 "duration": duration_frames(ref_text, c, len(ref))} for i, c in enumerate(chunks)]

    cases = {"seed_whole": items(chunk_text(LINES["seed"], budget)),
             "chat_whole": items(chunk_text(LINES["chat"], budget)),
             "chat_first_chunk": items(chunks_for_streaming(LINES["chat"], budget)[:1])}
    result = {"device": args.device}
    for name, batch in cases.items():
        times, in_worker, compute = [], [], []
        for run in range(3 + args.runs):
            sent = time.perf_counter()
            replies = worker.call({"kind": "synthesize", "items": batch})
            audio = [r["_at"] for r in replies if r["kind"] == "audio"]
            assert len(audio) == len(batch), replies
            if run >= 3:
                times.append(max(audio) - sent)
                timings = replies[-1]["timings"]  # the `done`: the worker's own view, as the server's metrics show it
                in_worker.append(timings["in_worker_s"])
                compute.append(timings["batch_s"])
        times.sort()
        result[name] = {"median_ms": round(statistics.median(times) * 1000, 2),
                        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, 2),
                        "in_worker_ms": round(statistics.mean(in_worker) * 1000, 2),
                        "worker_compute_ms": round(statistics.mean(compute) * 1000, 2),
                        "chunks": len(batch)}
    worker.proc.stdin.close()
    worker.proc.wait(timeout=30)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
