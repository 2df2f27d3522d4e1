#!/usr/bin/env python3
"""Times the Python reference implementation (PyPI `piper-tts`) on the benchmark's sentences.

Reads JSON from stdin: {"model": PATH, "sentences": [...], "runs": N, "warmup": N}
Writes JSON to stdout: {"implementation": "piper-tts X", "results": [{"text", "first_audio_s", "total_s", "audio_s"}...]}
Every sentence is timed `runs` times after `warmup` untimed passes over the whole set, as the Swift side does.
"""
import json
import sys
import time
from importlib.metadata import version

from piper import PiperVoice


def time_one(voice: PiperVoice, text: str) -> dict:
    started = time.perf_counter()
    first = None
    samples = 0
    sample_rate = voice.config.sample_rate
    for chunk in voice.synthesize(text):
        if first is None:
            first = time.perf_counter() - started
        samples += len(chunk.audio_float_array)
    total = time.perf_counter() - started
    return {"text": text, "first_audio_s": first, "total_s": total, "audio_s": samples / sample_rate}


def main() -> None:
    request = json.load(sys.stdin)
    voice = PiperVoice.load(request["model"])
    for _ in range(request.get("warmup", 1)):
        for text in request["sentences"]:
            time_one(voice, text)
    results = [time_one(voice, text) for _ in range(request["runs"]) for text in request["sentences"]]
    json.dump({"implementation": f"piper-tts {version('piper-tts')}", "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
