#!/usr/bin/env python3
"""Where piper-tts spends its time per sentence: phonemization, id mapping, ONNX Runtime's run, and the rest.

Usage: piper_breakdown.py MODEL.onnx [RUNS]
Runs the benchmark's chat lines (the ones `ishowtts bench` uses, read from Sources/ishowtts/BenchSentences.swift)
through piper-tts's own steps, sentence by sentence, and prints the median milliseconds of each step per sentence,
for the table in docs/BENCHMARKS.md next to the same breakdown for ishowtts (the "per piece" line `ishowtts bench` prints).
"""
import pathlib
import re
import statistics
import sys
import time

import numpy as np
import onnxruntime
from piper import PiperVoice

ROOT = pathlib.Path(__file__).resolve().parent.parent


def bench_lines() -> list[str]:
    source = (ROOT / "Sources/ishowtts/BenchSentences.swift").read_text(encoding="utf-8")
    return re.findall(r'^\s*"(.+)",\s*$', source, flags=re.MULTILINE)


def main() -> None:
    voice = PiperVoice.load(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    steps: dict[str, list[float]] = {"phonemize": [], "ids": [], "onnx_run": [], "postprocess": []}
    lines = bench_lines()
    for run in range(runs + 1):
        for text in lines:
            t0 = time.perf_counter()
            sentences = voice.phonemize(text)
            t1 = time.perf_counter()
            for phonemes in sentences:
                s0 = time.perf_counter()
                ids = voice.phonemes_to_ids(phonemes)
                s1 = time.perf_counter()
                audio = voice.phoneme_ids_to_audio(ids)
                s2 = time.perf_counter()
                peak = np.max(np.abs(audio))  # what synthesize() does after the run (normalise, clip, int16)
                audio = np.clip(audio / max(peak, 1e-8), -1.0, 1.0).astype(np.float32)
                _ = (audio * 32767).astype(np.int16)
                s3 = time.perf_counter()
                if run == 0:
                    continue  # warm-up
                steps["phonemize"].append((t1 - t0) * 1000 / len(sentences))
                steps["ids"].append((s1 - s0) * 1000)
                steps["onnx_run"].append((s2 - s1) * 1000)
                steps["postprocess"].append((s3 - s2) * 1000)
    print(f"piper-tts (onnxruntime {onnxruntime.__version__}), {len(steps['ids'])} sentences:")
    for name, values in steps.items():
        print(f"  {name:12s} median {statistics.median(values):7.2f} ms   p95 {np.percentile(values, 95):7.2f} ms")


if __name__ == "__main__":
    main()
