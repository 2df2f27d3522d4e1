"""Anchor benchmark: the official F5-TTS inference path on a GPU, random weights, real architecture.

Runs f5_tts.infer.utils_infer.infer_process exactly as f5_tts.api.F5TTS.infer does on CUDA
(F5TTS_v1_Base DiT cast to fp16, Vocos in fp32, Euler, cfg 2, sway -1) and prints one JSON line per case:
real-time factor (synthesis seconds / generated audio seconds), median and min of timed runs.

Usage on a GPU machine:
  python3 f5_official_anchor.py --ref REF.wav [--nfe 7 8 16 32] [--runs 5] [--out result.json]
The reference clip only sets the length of the conditioning audio (weights are random). `make bench-f5` makes one
with the project's own Piper voice saying REF_TEXT (about 6 s, close to the 6.6 s clip the original project
benchmarked with), so the benchmark runs from a clone alone.
"""
import argparse, contextlib, io, json, os, statistics, sys, time, types

# Inference needs neither the trainer (wandb, datasets, accelerate) nor downloads nor EnCodec.
for name in ["f5_tts.model.trainer", "f5_tts.model.dataset", "cached_path",
             "encodec", "encodec.model", "encodec.modules", "encodec.utils"]:
    stub = types.ModuleType(name); stub.__spec__ = None; sys.modules[name] = stub
sys.modules["f5_tts.model.trainer"].Trainer = object
sys.modules["cached_path"].cached_path = lambda *a, **k: None
sys.modules["encodec"].EncodecModel = object
sys.modules["encodec.utils"].convert_audio = lambda *a, **k: None

import soundfile as sf
import torch
import torchaudio
from importlib.resources import files
from omegaconf import OmegaConf
from f5_tts.model import CFM, DiT
from f5_tts.model.utils import get_tokenizer
import f5_tts.infer.utils_infer as U
from vocos import Vocos
from vocos.feature_extractors import MelSpectrogramFeatures
from vocos.heads import ISTFTHead
from vocos.models import VocosBackbone


def _load(path):  # torchaudio>=2.9 needs torchcodec for load(); soundfile gives the same tensor for a WAV
    data, sr = sf.read(path, dtype="float32", always_2d=True)
    return torch.from_numpy(data.T.copy()), sr


torchaudio.load = _load

REF_TEXT = "I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me."
TEXTS = {
    "seed": "Hello world, this is a test of the optimized TTS system.",
    "chat": "lol that play was insane, can you do it again?",
    "long": "Thanks for the raid everyone! Welcome in, grab a snack, we are about to start the ranked grind "
            "and I need all the luck I can get tonight. Let's go!",
}


def build(dev):
    torch.manual_seed(0)
    cfg = OmegaConf.load(str(files("f5_tts").joinpath("configs/F5TTS_v1_Base.yaml")))
    arch = OmegaConf.to_container(cfg.model.arch)
    vocab, vocab_size = get_tokenizer(str(files("f5_tts").joinpath("infer/examples/vocab.txt")), "custom")
    model = CFM(transformer=DiT(**arch, text_num_embeds=vocab_size, mel_dim=100),
                mel_spec_kwargs=dict(n_fft=1024, hop_length=256, win_length=1024, n_mel_channels=100,
                                     target_sample_rate=24000, mel_spec_type="vocos"),
                odeint_kwargs=dict(method="euler"), vocab_char_map=vocab).to(dev)
    model = model.to(torch.float16 if dev == "cuda" else torch.float32).eval()
    voc = Vocos(feature_extractor=MelSpectrogramFeatures(sample_rate=24000, n_fft=1024, hop_length=256,
                                                         n_mels=100, padding="center"),
                backbone=VocosBackbone(input_channels=100, dim=512, intermediate_dim=1536, num_layers=8),
                head=ISTFTHead(dim=512, n_fft=1024, hop_length=256, padding="center")).to(dev).eval()
    return model, voc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", required=True)
    ap.add_argument("--ref-text", default=REF_TEXT)
    ap.add_argument("--nfe", type=int, nargs="+", default=[7, 8, 16, 32])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--out")
    args = ap.parse_args()
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    model, voc = build(dev)
    sync = torch.cuda.synchronize if dev == "cuda" else (lambda: None)
    result = {"device": torch.cuda.get_device_name() if dev == "cuda" else "cpu", "torch": torch.__version__,
              "params_M": round(sum(p.numel() for p in model.parameters()) / 1e6, 1), "cases": []}
    quiet = lambda *a, **k: None
    for nfe in args.nfe:
        for name, text in TEXTS.items():
            def once():
                with contextlib.redirect_stdout(io.StringIO()):
                    return U.infer_process(args.ref, args.ref_text, text, model, voc, nfe_step=nfe,
                                           show_info=quiet, progress=None, device=dev)
            for _ in range(args.warmup):
                once()
            times = []
            for _ in range(args.runs):
                sync(); t0 = time.perf_counter()
                wav, sr, _ = once()
                sync(); times.append(time.perf_counter() - t0)
            audio_s = len(wav) / sr
            case = {"impl": "official", "nfe": nfe, "text": name, "audio_s": round(audio_s, 3),
                    "median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
                    "rtf_median": round(statistics.median(times) / audio_s, 4)}
            result["cases"].append(case)
            print(json.dumps(case), flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
