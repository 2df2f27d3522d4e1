"""Benchmark on one card: the official F5-TTS path (the anchor) against this worker's path.

    python -m ishowtts_worker.bench --anchor shared/bench/f5_official_anchor.py --ref ref.wav --out result.json

Both use the same random F5TTS_v1_Base weights (the anchor's `build`, seed 0), the same 6.6 s
reference and transcript, the anchor's texts and NFE 7, 8, 16, 32. The worker path applies the
official chunking and duration rules exactly as the Swift side does. Reported: RTF (median of timed
runs after warm-up) for both and their ratio; time to first audio of a chat line (first chunk cut by
the 48-byte rule); aggregate throughput of 8 and 32 concurrent chat lines batched together; one DiT
step eager vs fast vs CUDA graph; and a GPU parity check against official CFM.sample (perturbed
weights, since the official init zeroes the AdaLN/output layers and every prediction would be 0).

    python -m ishowtts_worker.bench --batch-sweep [options of batch_sweep.py]

measures instead the throughput of N chat lines in one synthesize per `max_batch` cap (batch_sweep.py).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np
import torch

from ishowtts_worker import official
from ishowtts_worker.chunking import (
    chunk_text,
    chunks_for_streaming,
    duration_frames,
    max_chunk_bytes,
    ref_text_for_sampling,
)
from ishowtts_worker.engine import Engine, SynthItem
from ishowtts_worker.units import SAMPLE_RATE

TARGET_RMS = 0.1
CROSS_FADE_S = 0.15


def read_wav(path: str) -> np.ndarray:
    """Mono float32 PCM at 24 kHz of a 16-bit WAV (what soundfile would return), resampled as official
    `infer_batch_process` does (torchaudio's Resample) when the file has another rate."""
    with wave.open(path) as w:
        assert w.getsampwidth() == 2, "expects 16-bit PCM"
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768
        mono = data.reshape(-1, w.getnchannels()).mean(axis=1)
    if rate == SAMPLE_RATE:
        return mono
    import torchaudio

    return torchaudio.transforms.Resample(rate, SAMPLE_RATE)(torch.from_numpy(mono)[None]).numpy()[0]


def load_anchor(path: str):
    spec = importlib.util.spec_from_file_location("f5_official_anchor", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_official(anchor: str, ref: str, nfes: list[int], runs: int, warmup: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "official.json"
        cmd = [sys.executable, anchor, "--ref", ref, "--nfe", *map(str, nfes), "--runs", str(runs),
               "--warmup", str(warmup), "--out", str(out)]
        print("official:", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stdout=sys.stderr)
        return json.loads(out.read_text())


def cross_fade(waves: list[np.ndarray]) -> np.ndarray:
    """Official infer_batch_process cross-fade of consecutive chunks (what Swift does)."""
    out = waves[0]
    for nxt in waves[1:]:
        n = min(int(CROSS_FADE_S * SAMPLE_RATE), len(out), len(nxt))
        if n <= 0:
            out = np.concatenate([out, nxt])
            continue
        mixed = out[-n:] * np.linspace(1, 0, n) + nxt[:n] * np.linspace(0, 1, n)
        out = np.concatenate([out[:-n], mixed, nxt[n:]])
    return out


class WorkerPath:
    """Drives an Engine the way the Swift F5Engine will."""

    def __init__(self, engine: Engine, ref_pcm: np.ndarray, ref_text: str) -> None:
        self.engine = engine
        rms = float(np.sqrt(np.mean(ref_pcm**2)))
        self.gain = TARGET_RMS / rms if rms < TARGET_RMS else 1.0
        self.samples = len(ref_pcm)
        self.ref_text_raw = ref_text
        self.ref_text = ref_text_for_sampling(ref_text)
        engine.prepare_voice("ref", ref_pcm * self.gain)
        self.sync = engine.device.type == "cuda"

    def items(self, chunks: list[str], nfe: int, seed0: int = 0) -> list[SynthItem]:
        return [SynthItem(f"c{i}", "ref", self.ref_text + c, duration_frames(self.ref_text, c, self.samples),
                          nfe, 2.0, -1.0, seed0 + i) for i, c in enumerate(chunks)]

    def chunks(self, text: str) -> list[str]:
        return chunk_text(text, max_chunk_bytes(self.ref_text_raw, self.samples))

    def synthesize(self, text: str, nfe: int) -> np.ndarray:
        results = self.engine.run(self.items(self.chunks(text), nfe))
        return cross_fade([r.pcm for r in results]) / self.gain

    def first_chunk(self, text: str) -> str:
        """The short first piece Swift's streaming chunker sends first."""
        return chunks_for_streaming(text, max_chunk_bytes(self.ref_text_raw, self.samples))[0]

    def first_audio(self, text: str, nfe: int) -> np.ndarray:
        first = self.first_chunk(text)
        return self.engine.run(self.items([first], nfe))[0].pcm / self.gain


def timed(fn, runs: int, warmup: int, sync: bool) -> tuple[list[float], object]:
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(runs):
        if sync:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        result = fn()
        if sync:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return times, result


def step_profile(engine: Engine, path: WorkerPath, text: str, official_model, reps: int = 20) -> dict:
    """One CFG-packed DiT forward over the `text` request length: official eager vs fast eager vs graph."""
    from ishowtts_worker.cuda_graphs import allocate_inputs
    from ishowtts_worker.fast_dit import FastDiT

    item = path.items(path.chunks(text), 7)[0]
    n = max(item.duration, engine.voices.get("ref").mel_frames + 1, len(engine.tokenizer.ids(item.text)) + 1)
    dev, sync = engine.device, engine.device.type == "cuda"
    dit = official_model.transformer
    x = torch.randn(1, n, 100, device=dev, dtype=engine.dtype)
    cond = torch.zeros_like(x)
    text_ids = torch.tensor([engine.tokenizer.ids(item.text)], device=dev)
    t = torch.tensor(0.5, device=dev, dtype=engine.dtype)
    out = {"frames": n}

    def bench(fn) -> float:
        with torch.inference_mode():
            for _ in range(3):
                fn()
            if sync:
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            if sync:
                torch.cuda.synchronize()
        return round((time.perf_counter() - t0) / reps * 1000, 3)

    out["official_eager_ms"] = bench(lambda: dit(x=x, cond=cond, text=text_ids, time=t, cfg_infer=True, cache=True))
    dit.clear_cache()
    fast: FastDiT = engine.sampler.fast
    s = allocate_inputs(fast, 1, n, True, masked=False)
    sched = engine.sampler.schedule(7, -1.0)
    s.mods, s.final_mod, s.dt = sched.mods[0], sched.final_mod[0], sched.dt[0]
    out["fast_eager_ms"] = bench(lambda: fast.euler_step(s))
    if engine.sampler.graphs is not None:
        from ishowtts_worker.buckets import length_bucket

        graph, _ = engine.sampler.graphs.get(1, length_bucket(n), True)
        out["fast_graph_ms"] = bench(graph.replay)
        out["graph_frames"] = length_bucket(n)
    return out


def perturbed_copy(model, dtype: torch.dtype, scale: float = 0.02):
    model.transformer.__dict__.pop("_cache_local", None)  # official text cache (thread-local, not copyable)
    m = copy.deepcopy(model).float()
    g = torch.Generator(device="cpu").manual_seed(123)
    with torch.no_grad():
        for p in m.parameters():
            p.add_((torch.randn(p.shape, generator=g) * scale).to(p.device))
    return m.to(dtype)


def gpu_parity(model, vocos, path: WorkerPath, texts: dict[str, str]) -> dict:
    """Official CFM.sample vs this sampler on the device (graphs + buckets on), perturbed weights."""
    dev = path.engine.device
    ref = torch.from_numpy(read_wav_cache["ref"] * path.gain).to(dev)
    report = {}
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    for name, dtype in (("fp32", torch.float32), ("fp16", torch.float16)):
        m = perturbed_copy(model, dtype)
        engine = Engine(m, vocos, model.vocab_char_map, device=dev, dtype=dtype, cuda_graphs=dev.type == "cuda")
        engine.keep_mels = True
        wp = WorkerPath(engine, read_wav_cache["ref"], path.ref_text_raw)
        items = []
        for k, (tname, text) in enumerate(texts.items()):
            items += wp.items(wp.chunks(text)[:1], 7, seed0=100 + k)
        batched = engine.run(items)
        diffs = []
        for item, got in zip(items, batched):
            with torch.inference_mode():
                want, _ = m.sample(cond=ref[None], text=official.convert_char_to_pinyin([item.text]),
                                   duration=item.duration, steps=7, cfg_strength=2.0, sway_sampling_coef=-1.0,
                                   seed=item.seed)
            want = want[0].float()
            [alone] = engine.run([item])
            diffs.append({
                "text": item.text[len(wp.ref_text):][:24], "frames": item.duration,
                "max_abs_vs_official": round((got.mel - want).abs().max().item(), 6),
                "mean_abs_vs_official": round((got.mel - want).abs().mean().item(), 6),
                "max_abs_batched_vs_alone": round((got.mel - alone.mel).abs().max().item(), 6),
                "mel_abs_max": round(want.abs().max().item(), 3),
            })
        report[name] = diffs
        del engine, m
        torch.cuda.empty_cache() if dev.type == "cuda" else None
    torch.backends.cudnn.allow_tf32 = True
    return report


read_wav_cache: dict[str, np.ndarray] = {}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--batch-sweep" in argv:
        from ishowtts_worker import batch_sweep

        return batch_sweep.main([a for a in argv if a != "--batch-sweep"])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anchor", required=True, help="path of f5_official_anchor.py")
    ap.add_argument("--ref", required=True)
    ap.add_argument("--out")
    ap.add_argument("--nfe", type=int, nargs="+", default=[7, 8, 16, 32])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--official-warmup", type=int, default=1)
    ap.add_argument("--skip-official", action="store_true", help="only the worker path (e.g. a CPU smoke run)")
    ap.add_argument("--skip-parity", action="store_true")
    args = ap.parse_args(argv)

    official_result = None if args.skip_official else run_official(
        args.anchor, args.ref, args.nfe, args.runs, args.official_warmup)
    anchor = load_anchor(args.anchor)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, vocos = anchor.build(dev.type)  # the anchor's own random weights (seed 0)
    dtype = torch.float16 if dev.type == "cuda" else torch.float32
    engine = Engine(model, vocos, model.vocab_char_map, device=dev, dtype=dtype, cuda_graphs=dev.type == "cuda")
    read_wav_cache["ref"] = read_wav(args.ref)
    path = WorkerPath(engine, read_wav_cache["ref"], anchor.REF_TEXT)
    sync = dev.type == "cuda"
    result = {"device": torch.cuda.get_device_name() if sync else "cpu", "torch": torch.__version__,
              "dtype": str(dtype), "official": official_result, "worker": [], "ratios": []}

    for nfe in args.nfe:
        for name, text in anchor.TEXTS.items():
            times, wav = timed(lambda: path.synthesize(text, nfe), args.runs, args.warmup, sync)
            audio_s = len(wav) / SAMPLE_RATE
            case = {"impl": "worker", "nfe": nfe, "text": name, "chunks": len(path.chunks(text)),
                    "audio_s": round(audio_s, 3), "median_s": round(statistics.median(times), 4),
                    "min_s": round(min(times), 4), "rtf_median": round(statistics.median(times) / audio_s, 5)}
            result["worker"].append(case)
            print(json.dumps(case), flush=True)
            if official_result:
                off = next(c for c in official_result["cases"] if c["nfe"] == nfe and c["text"] == name)
                result["ratios"].append({"nfe": nfe, "text": name, "official_rtf": off["rtf_median"],
                                         "worker_rtf": case["rtf_median"],
                                         "speedup": round(off["rtf_median"] / case["rtf_median"], 2),
                                         "same_audio_len": abs(off["audio_s"] - audio_s) < 1e-3})

    result["first_audio"] = []
    for name in ("chat", "long"):
        for nfe in (7, 16):
            times, pcm = timed(lambda: path.first_audio(anchor.TEXTS[name], nfe), args.runs, args.warmup, sync)
            first = path.first_chunk(anchor.TEXTS[name])
            entry = {"text": name, "nfe": nfe, "first_chunk": first, "first_audio_s": round(len(pcm) / SAMPLE_RATE, 3),
                     "ttfa_ms_median": round(statistics.median(times) * 1000, 2),
                     "ttfa_ms_min": round(min(times) * 1000, 2)}
            result["first_audio"].append(entry)
            print(json.dumps(entry), flush=True)

    result["throughput"] = []
    chat = anchor.TEXTS["chat"]
    for concurrency in (8, 32):
        for nfe in (7, 16):
            items = [SynthItem(f"u{i}", "ref", path.ref_text + chat, duration_frames(path.ref_text, chat, path.samples),
                               nfe, 2.0, -1.0, i) for i in range(concurrency)]
            times, res = timed(lambda: engine.run(items), args.runs, args.warmup, sync)
            audio_s = sum(len(r.pcm) for r in res) / SAMPLE_RATE
            entry = {"concurrent_chat_lines": concurrency, "nfe": nfe, "audio_s": round(audio_s, 2),
                     "wall_s_median": round(statistics.median(times), 4),
                     "x_realtime": round(audio_s / statistics.median(times), 1)}
            result["throughput"].append(entry)
            print(json.dumps(entry), flush=True)

    try:
        result["step_profile"] = step_profile(engine, path, anchor.TEXTS["seed"], model)
    except Exception as e:  # noqa: BLE001 - keep the numbers measured so far
        result["step_profile"] = {"error": repr(e)}
    print(json.dumps({"step_profile": result["step_profile"]}), flush=True)
    graphs = engine.sampler.graphs
    result["graphs"] = {"captures": graphs.captures, "replays": graphs.replays} if graphs else None
    if sync:
        result["max_memory_allocated_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
    if not args.skip_parity:
        try:
            result["gpu_parity"] = gpu_parity(model, vocos, path, anchor.TEXTS)
        except Exception as e:  # noqa: BLE001
            result["gpu_parity"] = {"error": repr(e)}
        print(json.dumps({"gpu_parity": result["gpu_parity"]}), flush=True)

    print_table(result)
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1))
    return 0


def print_table(r: dict) -> None:
    print(f"\n== {r['device']} torch {r['torch']} ==")
    print(f"{'nfe':>4} {'text':>5} {'audio_s':>8} {'official RTF':>13} {'worker RTF':>11} {'speedup':>8}")
    for c in r["worker"]:
        ratio = next((x for x in r["ratios"] if x["nfe"] == c["nfe"] and x["text"] == c["text"]), None)
        off = f"{ratio['official_rtf']:.4f}" if ratio else "-"
        sp = f"{ratio['speedup']:.1f}x" if ratio else "-"
        print(f"{c['nfe']:>4} {c['text']:>5} {c['audio_s']:>8.2f} {off:>13} {c['rtf_median']:>11.5f} {sp:>8}")
    for f in r["first_audio"]:
        print(f"first audio {f['text']} nfe {f['nfe']}: {f['ttfa_ms_median']} ms ({f['first_audio_s']} s of audio)")
    for t in r["throughput"]:
        print(f"{t['concurrent_chat_lines']} concurrent chat lines nfe {t['nfe']}: {t['x_realtime']}x real time")
    print("one DiT step:", r["step_profile"])


if __name__ == "__main__":
    raise SystemExit(main())
