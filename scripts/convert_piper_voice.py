#!/usr/bin/env python3
"""Make a Piper voice (.onnx + .onnx.json) loadable by sherpa-onnx.

sherpa-onnx reads a VITS model's settings from ONNX metadata and maps phonemes to ids
through a tokens file. This writes, into OUT_DIR:
  model.onnx   the network, unchanged but for its metadata
  tokens.txt   one "phoneme id" line per entry of the voice's phoneme_id_map
  voice.json   the voice's own config (espeak voice, phoneme_map, inference defaults)

Usage: convert_piper_voice.py VOICE.onnx OUT_DIR   (VOICE.onnx.json must sit beside it)
"""
import json
import shutil
import sys
from pathlib import Path

import onnx


def fail(message: str) -> None:
    print(f"convert_piper_voice: {message}", file=sys.stderr)
    sys.exit(2)


def tokens_lines(phoneme_id_map: dict) -> list[str]:
    lines = []
    for phoneme, ids in phoneme_id_map.items():
        if phoneme == "\n":
            continue  # sherpa-onnx's token reader is line based; Piper never emits it
        ids = ids if isinstance(ids, list) else [ids]
        # tokens.txt holds one id per codepoint; a voice that needs several would be mis-read.
        if len(ids) != 1:
            fail(f"phoneme {phoneme!r} maps to {len(ids)} ids; sherpa-onnx supports exactly one")
        if len(phoneme) != 1:
            fail(f"phoneme {phoneme!r} is not a single codepoint")
        lines.append(f"{phoneme} {ids[0]}")
    for required in ("_", "^", "$"):
        if required not in phoneme_id_map:
            fail(f"phoneme_id_map lacks the {required!r} (pad/bos/eos) symbol")
    return lines


def main() -> None:
    if len(sys.argv) != 3:
        fail(__doc__.strip().splitlines()[-1])
    model_path = Path(sys.argv[1])
    config_path = model_path.with_name(model_path.name + ".json")
    out_dir = Path(sys.argv[2])
    if not model_path.is_file() or not config_path.is_file():
        fail(f"need {model_path} and {config_path}")

    config = json.loads(config_path.read_text(encoding="utf-8"))
    if config.get("phoneme_type", "espeak") != "espeak":
        fail(f"phoneme_type {config.get('phoneme_type')!r} is not supported (espeak only)")

    sample_rate = int(config["audio"]["sample_rate"])
    if sample_rate == 22500:  # a typo some early Piper voices shipped with
        sample_rate = 22050
    language = config.get("language", {})
    metadata = {
        "model_type": "vits",
        "comment": "piper",
        "language": language.get("name_english", language.get("code", "unknown")),
        "voice": config["espeak"]["voice"],
        "version": 1,
        "has_espeak": 1,
        "n_speakers": int(config.get("num_speakers", 1)),
        "sample_rate": sample_rate,
    }

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "tokens.txt").write_text("\n".join(tokens_lines(config["phoneme_id_map"])) + "\n", encoding="utf-8")

    model = onnx.load(str(model_path))
    del model.metadata_props[:]
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    tmp = out_dir / "model.onnx.tmp"
    onnx.save(model, str(tmp))
    tmp.replace(out_dir / "model.onnx")
    shutil.copyfile(config_path, out_dir / "voice.json")
    print(f"wrote {out_dir}/model.onnx, tokens.txt, voice.json ({sample_rate} Hz, espeak voice {metadata['voice']})")


if __name__ == "__main__":
    main()
