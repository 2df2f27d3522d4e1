"""Writes Tests/PiperEngineTests/Fixtures/piper_phoneme_ids.json: piper-tts's own phonemes and ids for a few lines.

The Swift engine frames phonemes into model ids itself (PiperPhonemeIDs); this fixture, made by the reference
implementation, is what its test compares against. Run with the project's Python after `scripts/setup.sh bench`:

    .venv/bin/python scripts/piper_phoneme_ids_fixture.py
"""

import json
import pathlib

from piper import PiperVoice

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINES = [
    "Hello chat, thanks for the follow!",
    "That was the cleanest clutch I have ever seen.",
    "Wait... what? 12:30, okay!",
    "Zażółć gęślą jaźń.",
]

voice = PiperVoice.load(str(ROOT / "models/piper/en_US-joe-medium.onnx"))
rows = []
for text in LINES:
    for phonemes in voice.phonemize(text):
        rows.append({"text": text, "phonemes": "".join(phonemes), "ids": voice.phonemes_to_ids(phonemes)})
fixture = {"source": "piper-tts PiperVoice.phonemize + phonemes_to_ids, en_US-joe-medium", "rows": rows}
out = ROOT / "Tests/PiperEngineTests/Fixtures/piper_phoneme_ids.json"
out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(rows)} rows to {out}")
