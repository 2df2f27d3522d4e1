"""Golden fixtures for the Swift F5-TTS text and reference-audio pipeline, computed by the OFFICIAL f5-tts code.

Writes
  Tests/TextPrepTests/Fixtures/f5_text_golden.json       chunk_text, max_chars, the transcript rules, and the
                                                         text + duration that model.sample receives per chunk
  Tests/F5EngineTests/Fixtures/f5_reference_golden.json  preprocess_ref_audio_text clip lengths and RMS, and
                                                         remove_silence_for_generated_wav lengths

Re-run (from the repository root) with any Python that has f5-tts==1.1.22, numpy, pydub, soundfile, rjieba,
pypinyin and torch, e.g. the F5 worker's venv:
  scripts/setup.sh f5 && .venv-f5/bin/python scripts/f5_golden_fixtures.py
A venv with only `torch` (CPU) `numpy pydub soundfile rjieba pypinyin tqdm matplotlib` and `f5-tts --no-deps`
works too: modules the measured functions never call (transformers, huggingface_hub, vocos, cached_path, the
model backbones, and torchaudio when it is not installable) are replaced by stubs, and the JSON names them.

What is real and what stands in:
  * The official functions run unmodified: utils_infer.chunk_text, preprocess_ref_audio_text, infer_process,
    infer_batch_process (its RMS rule, ref_text rule, fix_duration allocation and duration formula),
    remove_silence_for_generated_wav, all on pydub.
  * RecordingModel stands in for the CFM network: its `sample(...)` records the `text` and `duration` it is
    given and returns zeros, so no weights are needed; StandInVocoder returns silence of the right length.
  * chunk_text and convert_char_to_pinyin are wrapped (the real function is called) to record max_chars and
    the string `ref_text + gen_text` before pinyin conversion.
  * Reference clips are synthesised tones and silences written as 16-bit WAV (pydub needs no ffmpeg for WAV);
    the JSON holds their recipe, so the Swift tests rebuild identical samples.
"""
import contextlib
import importlib.util
import io
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import types

import numpy as np
import soundfile as sf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUBBED = []


def _stub(name, **attrs):
    module = types.ModuleType(name)
    module.__spec__ = None
    for key, value in attrs.items():
        setattr(module, key, value)
    sys.modules[name] = module
    STUBBED.append(name)
    return module


def _importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _load_soundfile(path):
    # torchaudio>=2.9 needs torchcodec for load(); soundfile yields the same float tensor for a WAV.
    import torch

    data, sr = sf.read(path, dtype="float32", always_2d=True)
    return torch.from_numpy(data.T.copy()), sr


def _install_stubs():
    """Stub heavy modules that the measured functions never call, only where they are not installed."""
    never_called = {
        "transformers": dict(pipeline=None),
        "huggingface_hub": dict(hf_hub_download=None),
        "vocos": dict(Vocos=object),
        "cached_path": dict(cached_path=None),
    }
    for name, attrs in never_called.items():
        if not _importable(name):
            _stub(name, **attrs)
    if not _importable("torchaudio"):

        class _Resample:  # only used when the reference is not 24 kHz; the text fixtures use 24 kHz WAVs
            def __init__(self, *a, **k):
                raise RuntimeError("torchaudio stub: resampling not available")

        _stub("torchaudio", load=_load_soundfile, transforms=types.SimpleNamespace(Resample=_Resample))
    # The model package's __init__ imports the backbones and the trainer (x_transformers, wandb, datasets...);
    # utils_infer needs only CFM (a type it never instantiates here) and model/utils.py (loaded for real).
    try:
        import f5_tts.model  # noqa: F401
    except ImportError:
        import f5_tts

        for name in [n for n in sys.modules if n.startswith("f5_tts.model")]:
            del sys.modules[name]  # drop the half-imported package
        _stub("f5_tts.model", CFM=object, __path__=[os.path.join(list(f5_tts.__path__)[0], "model")])


_install_stubs()

import torch  # noqa: E402
import torchaudio  # noqa: E402
from pydub import AudioSegment  # noqa: E402

import f5_tts.infer.utils_infer as U  # noqa: E402

torchaudio.load = _load_soundfile
SR = 24000
HOP = 256
SILENT = lambda *a, **k: None  # noqa: E731  (show_info)


# MARK: stand-ins for the network


class RecordingModel:
    """Stands in for CFM: records what `sample` receives and returns a zero mel of the requested length."""

    def __init__(self):
        self.calls = []
        self.lock = threading.Lock()

    def sample(self, cond, text, duration, steps, cfg_strength, sway_sampling_coef):
        with self.lock:
            self.calls.append(
                dict(
                    text=_pinyin_input.value,
                    model_text=text[0],
                    duration=int(duration),
                    cond_samples=int(cond.shape[-1]),
                    cond_rms=float(torch.sqrt(torch.mean(torch.square(cond)))),
                )
            )
        return torch.zeros(1, max(int(duration), 0), 100), None


class StandInVocoder:
    """Stands in for Vocos: returns silence, 256 samples per mel frame."""

    def decode(self, mel):
        return torch.zeros(1, mel.shape[-1] * HOP)


_pinyin_input = threading.local()
_real_convert = U.convert_char_to_pinyin


def _recording_convert(text_list, *args, **kwargs):
    _pinyin_input.value = text_list[0]
    return _real_convert(text_list, *args, **kwargs)


U.convert_char_to_pinyin = _recording_convert
_max_chars_seen = []
_real_chunk_text = U.chunk_text


def _recording_chunk_text(text, max_chars=135):
    _max_chars_seen.append(max_chars)
    return _real_chunk_text(text, max_chars=max_chars)


U.chunk_text = _recording_chunk_text


# MARK: synthetic audio


def render(recipe):
    """Float samples in [-1, 1] of a recipe: [{"tone": ms, "hz": f, "amp": a} | {"silence": ms}], 16-bit quantised."""
    sr = recipe["sample_rate"]
    parts = []
    for part in recipe["parts"]:
        if "silence" in part:
            parts.append(np.zeros(int(part["silence"] * sr // 1000)))
        else:
            n = int(part["tone"] * sr // 1000)
            t = np.arange(n, dtype=np.float64)
            parts.append(part["amp"] * np.sin(2 * math.pi * part["hz"] * t / sr))
    x = np.concatenate(parts) if parts else np.zeros(0)
    return np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16)


def write_wav(path, recipe):
    sf.write(path, render(recipe), recipe["sample_rate"], subtype="PCM_16")


def pydub_ms(path):
    return len(AudioSegment.from_file(path))


def file_rms(path):
    audio, _ = _load_soundfile(path)
    audio = torch.mean(audio, dim=0, keepdim=True) if audio.shape[0] > 1 else audio
    return float(torch.sqrt(torch.mean(torch.square(audio))))  # the line infer_batch_process uses


# MARK: text fixtures

REF_TEXTS = [
    "Some call me nature, others call me mother nature",
    "I am not in danger, Skyler. I am the danger.",
    "This one already ends properly. ",
    "Trailing space but no period ",
    "Is it a question?",
    "对，这就是我，万人敬仰的太乙真人。",
    "虽然有点婴儿肥，但也掩不住我逼人的帅气",
    "Mixed 中文 and English text!",
    "Emoji at the end 🎉",
]

GEN_TEXTS = {
    "english": "Hello world, this is a test of the optimized TTS system.",
    "english_multi": "Thanks for the raid everyone! Welcome in, grab a snack, we are about to start the ranked grind "
    "and I need all the luck I can get tonight. Let's go! Did you see that play? Absolutely insane; "
    "I still can't believe it: three headshots in a row.",
    "chinese": "今天天气真不错，我们一起去公园散步吧。你觉得怎么样？好的！那我们下午三点见；别迟到：记得带水。",
    "mixed": "我今天买了一个 iPhone 15 Pro，真的很好用。Apple 的 design 一直都很 amazing！你呢？",
    "emoji": "lol that play was insane 😂😂 can you do it again? 🔥 GG everyone! 👍🏽 👨‍👩‍👧",
    "numbers": "The total is 1,234.56 dollars, paid on 2024-03-15 at 10:30. Call 555-0199, or 1.800.FLOWERS now!",
    "no_punctuation": "this is a very long message without any punctuation at all that just keeps going and going "
    "like chat messages often do when people type fast and never stop to breathe or use a full stop ever",
    "short": "Hi!",
    "short_cjk": "好的",
    "nine_bytes": "123456789",
    "ten_bytes": "1234567890",
    "whitespace": "First line.\n\nSecond\tline!   Third?\u00a0Fourth,\u3000fifth; sixth:\n seventh.",
    "cjk_punct_space": "你好。 世界！ 再见， 朋友。",
    "trailing_punct": "Ends with punctuation and spaces.   ",
    "very_long": " ".join(
        [
            "Chapter one begins on a cold morning, when the streamer wakes up far too early.",
            "The coffee machine is broken; the chat is already awake: hundreds of messages scroll by!",
            "Who would have thought that a simple speedrun could draw such a crowd?",
            "长时间的直播需要很多耐心，也需要很多咖啡。",
        ]
        * 6
    ),
}

# (ref index, ref seconds of tone, gen key, speed, fix_duration)
INFER_CASES = []
for gen_key in GEN_TEXTS:
    INFER_CASES.append((0, 6.0, gen_key, 1.0, None))
for gen_key in ["english_multi", "chinese", "mixed", "very_long", "short"]:
    INFER_CASES.append((5, 9.5, gen_key, 1.0, None))
    INFER_CASES.append((1, 3.2, gen_key, 0.7, None))
    INFER_CASES.append((7, 11.0, gen_key, 1.5, None))
for ref_index in range(len(REF_TEXTS)):
    INFER_CASES.append((ref_index, 5.0, "english", 1.0, None))
    INFER_CASES.append((ref_index, 5.0, "chinese", 1.0, None))
for gen_key, fix in [("english", 8.0), ("english_multi", 20.0), ("chinese", 15.0), ("very_long", 60.0),
                     ("short", 7.0), ("english_multi", 3.0), ("mixed", 12.5)]:
    INFER_CASES.append((2, 6.0, gen_key, 1.0, fix))
    INFER_CASES.append((6, 4.0, gen_key, 0.8, fix))

CHUNK_CASES = [(key, mc) for key in GEN_TEXTS for mc in (0, 10, 30, 48, 135, 300)]


def text_fixture(workdir):
    rows = []
    ref_cache = {}
    for ref_index, ref_seconds, gen_key, speed, fix in INFER_CASES:
        raw_ref = REF_TEXTS[ref_index]
        key = (ref_index, ref_seconds)
        if key not in ref_cache:
            wav = os.path.join(workdir, f"ref_{ref_index}_{ref_seconds}.wav")
            # A steady tone: nothing to clip or trim, so the processed clip is the tone + 50 ms of silence.
            write_wav(wav, dict(sample_rate=SR, parts=[dict(tone=int(ref_seconds * 1000), hz=220 + 20 * ref_index, amp=0.3)]))
            ref_cache[key] = U.preprocess_ref_audio_text(wav, raw_ref, show_info=SILENT)
        ref_audio, ref_text = ref_cache[key]
        model = RecordingModel()
        _max_chars_seen.clear()
        U.infer_process(ref_audio, ref_text, GEN_TEXTS[gen_key], model, StandInVocoder(), show_info=SILENT,
                        progress=None, speed=speed, fix_duration=fix, device="cpu")
        max_chars = _max_chars_seen[0]
        chunks = _real_chunk_text(GEN_TEXTS[gen_key], max_chars=max_chars)
        final_ref = ref_text + " " if len(ref_text[-1].encode("utf-8")) == 1 else ref_text
        # infer_batch_process runs chunks on a thread pool: put the recorded calls back in chunk order.
        pending = list(model.calls)
        ordered = []
        for chunk in chunks:
            call = next(c for c in pending if c["text"] == final_ref + chunk)
            pending.remove(call)
            ordered.append(call)
        rows.append(
            dict(
                name=f"{gen_key}/ref{ref_index}/{ref_seconds}s/speed{speed}/fix{fix}",
                raw_ref_text=raw_ref,
                ref_text_after_preprocess=ref_text,
                ref_text_final=final_ref,
                ref_samples=int(ordered[0]["cond_samples"]) if ordered else int(_load_soundfile(ref_audio)[0].shape[-1]),
                ref_sample_rate=SR,
                gen_text=GEN_TEXTS[gen_key],
                speed=speed,
                fix_duration=fix,
                max_chars=max_chars,
                chunks=chunks,
                sample_calls=[dict(text=c["text"], duration=c["duration"], model_text=c["model_text"]) for c in ordered],
            )
        )
    chunk_rows = [dict(text=GEN_TEXTS[k], max_chars=mc, chunks=_real_chunk_text(GEN_TEXTS[k], max_chars=mc))
                  for k, mc in CHUNK_CASES]
    return dict(infer=rows, chunk_text=chunk_rows)


# MARK: reference-audio fixtures


def tone(ms, amp=0.3, hz=330):
    return dict(tone=ms, hz=hz, amp=amp)


def gap(ms):
    return dict(silence=ms)


AUDIO_CASES = {
    "short_with_edges": dict(sample_rate=SR, parts=[gap(300), tone(4000), gap(700)]),
    "pass1_long_pauses": dict(sample_rate=SR, parts=[gap(200)] + [tone(3000), gap(1500)] * 5 + [tone(2000)]),
    "pass1_keeps_pause_halves": dict(sample_rate=SR, parts=[tone(2500), gap(2500), tone(2500), gap(1200), tone(2500), gap(3000)]),
    "pass2_short_pauses": dict(sample_rate=SR, parts=[tone(1800), gap(300)] * 10),
    "pass3_no_pause": dict(sample_rate=SR, parts=[tone(20000)]),
    "pass2_quiet_pauses": dict(sample_rate=SR, parts=[tone(2500), tone(1500, amp=0.008)] * 5),  # pauses at -45 dBFS
    "quiet_speech_rms_up": dict(sample_rate=SR, parts=[gap(500), tone(3000, amp=0.02), gap(400), tone(2500, amp=0.03), gap(600)]),
    "loud_speech_rms_kept": dict(sample_rate=SR, parts=[tone(5000, amp=0.5, hz=200)]),
    "pass1_at_44k": dict(sample_rate=44100, parts=[gap(250)] + [tone(3000), gap(1500)] * 5),
    "pass1_at_16k": dict(sample_rate=16000, parts=[tone(4000), gap(1200), tone(5000), gap(1100), tone(6000)]),
    "fade_edges_below_42db": dict(sample_rate=SR, parts=[tone(400, amp=0.005), tone(3000), tone(400, amp=0.005)]),
}

LONG_SILENCE_CASES = {
    "two_long_pauses": dict(sample_rate=SR, parts=[tone(1000), gap(3000), tone(1000), gap(1500), tone(800)]),
    "short_pauses_kept": dict(sample_rate=SR, parts=[tone(700), gap(600), tone(900), gap(999), tone(500)]),
    "leading_trailing": dict(sample_rate=SR, parts=[gap(2500), tone(1200), gap(2200)]),
    "quiet_not_silent": dict(sample_rate=SR, parts=[tone(1000), tone(2000, amp=0.006), tone(1000)]),  # -47 dBFS
    "quiet_below_threshold": dict(sample_rate=SR, parts=[tone(1000), tone(2000, amp=0.004), tone(1000)]),  # -51 dBFS
    "all_silent": dict(sample_rate=SR, parts=[gap(3000)]),
    "blips_in_silence": dict(sample_rate=SR, parts=[tone(1000), gap(1400), tone(20), gap(1400), tone(1000)]),
}


def reference_fixture(workdir):
    rows = []
    for name, recipe in AUDIO_CASES.items():
        wav = os.path.join(workdir, f"clip_{name}.wav")
        write_wav(wav, recipe)
        messages = []
        processed, _ = U.preprocess_ref_audio_text(wav, "A transcript.", show_info=messages.append)
        data, sr = sf.read(processed, dtype="float32", always_2d=True)
        model = RecordingModel()
        if sr == SR:  # infer_batch_process would resample other rates with torchaudio, which may be a stub here
            U.infer_process(processed, "A transcript. ", "Hello there, chat.", model, StandInVocoder(),
                            show_info=SILENT, progress=None, device="cpu")
        rows.append(
            dict(
                name=name,
                recipe=recipe,
                input_ms=pydub_ms(wav),
                output_ms=pydub_ms(processed),
                clipped=any("clipping short" in m for m in messages),  # upstream's "Audio is over 12s, clipping short."
                output_samples=int(data.shape[0]),
                output_sample_rate=int(sr),
                original_rms=file_rms(processed),
                normalised_rms=model.calls[0]["cond_rms"] if sr == SR else None,
                ref_frames=model.calls[0]["cond_samples"] // HOP if sr == SR else None,
            )
        )
    long_rows = []
    for name, recipe in LONG_SILENCE_CASES.items():
        wav = os.path.join(workdir, f"gen_{name}.wav")
        write_wav(wav, recipe)
        before = pydub_ms(wav)
        copy = wav + ".out.wav"
        shutil.copy(wav, copy)
        U.remove_silence_for_generated_wav(copy)
        out = AudioSegment.from_file(copy)
        long_rows.append(dict(name=name, recipe=recipe, input_ms=before, output_ms=len(out),
                              output_samples=int(out.frame_count())))
    return dict(preprocess=rows, remove_silence_for_generated_wav=long_rows)


def main():
    from importlib.metadata import version

    meta = dict(
        generator="scripts/f5_golden_fixtures.py",
        f5_tts_version=version("f5-tts"),
        pydub_version=version("pydub"),
        stubbed_modules=sorted(set(STUBBED)),
        stand_ins="RecordingModel (records model.sample's text and duration, returns zeros), "
        "StandInVocoder (returns silence)",
    )
    # The official functions print progress to stdout; keep it out of the way.
    with tempfile.TemporaryDirectory() as workdir, contextlib.redirect_stdout(io.StringIO()):
        text = dict(meta=meta, **text_fixture(workdir))
        audio = dict(meta=meta, **reference_fixture(workdir))
    outputs = {
        os.path.join(ROOT, "Tests/TextPrepTests/Fixtures/f5_text_golden.json"): text,
        os.path.join(ROOT, "Tests/F5EngineTests/Fixtures/f5_reference_golden.json"): audio,
    }
    for path, payload in outputs.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)
    print(f"f5-tts {meta['f5_tts_version']}; stubbed: {meta['stubbed_modules'] or 'none'}; "
          f"{len(text['infer'])} infer rows, {len(text['chunk_text'])} chunk_text rows, "
          f"{len(audio['preprocess'])} reference clips, {len(audio['remove_silence_for_generated_wav'])} long-silence clips",
          file=sys.stderr)


if __name__ == "__main__":
    main()
