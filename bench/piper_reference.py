#!/usr/bin/env python3
"""Times the Python reference implementation (PyPI `piper-tts`) line by line, for `ishowtts bench`.

Usage: piper_reference.py MODEL.onnx
Prints one JSON line {"implementation": "piper-tts X"} once the voice is loaded; then, for every line of
text read from stdin, synthesises it and prints one JSON line {"text", "first_audio_s", "total_s", "audio_s"}.
The benchmark alternates lines between this process and its own engine, so both see the same machine load.
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
    for chunk in voice.synthesize(text):
        if first is None:
            first = time.perf_counter() - started
        samples += len(chunk.audio_float_array)
    total = time.perf_counter() - started
    return {"text": text, "first_audio_s": first if first is not None else total, "total_s": total,
            "audio_s": samples / voice.config.sample_rate}


def main() -> None:
    voice = PiperVoice.load(sys.argv[1])
    print(json.dumps({"implementation": f"piper-tts {version('piper-tts')}"}), flush=True)
    for line in sys.stdin:
        text = line.rstrip("\n")
        if text:
            print(json.dumps(time_one(voice, text)), flush=True)


if __name__ == "__main__":
    main()
