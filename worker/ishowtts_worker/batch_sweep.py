"""`bench --batch-sweep`: throughput of N chat lines sent as one synthesize, for each `max_batch` cap.

    python -m ishowtts_worker.bench --batch-sweep --config F5TTS_v1_Base --ref bench/work/ref.wav --out sweep.json
    python -m ishowtts_worker.bench --batch-sweep --config tiny --device cpu --lines 8 16 --caps 4 8 --runs 1

N lines (20 real-looking chat lines from "gg" to ~120 characters, in a fixed mixed order, repeated)
go as ONE `synthesize` through the worker's own `Server` (random-init model loaded by a `load` frame,
the voice by `prepare_voice`, CUDA graphs as in production); `select_batch` splits the request into
batches of at most `max_batch` items nearest in length. Reported per (N, cap): x real time = seconds
of audio / wall seconds of the whole request, median of `--runs` after `--warmup` runs (which also
capture the CUDA graphs the timed runs replay). Pick the default cap at the knee of the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import struct
import time
from pathlib import Path

import numpy as np
import torch

from ishowtts_worker.chunking import duration_frames, ref_text_for_sampling
from ishowtts_worker.cold_start import reference_pcm
from ishowtts_worker.devices import DeviceBinding
from ishowtts_worker.framing import Frame, FrameWriter
from ishowtts_worker.server import Server
from ishowtts_worker.units import SAMPLE_RATE

REF_TEXT = "I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me."
TARGET_RMS = 0.1
CHAT_LINES = [
    "no way he actually hit that shot",
    "gg",
    "can you play the song from last stream again? it was such a vibe, my whole discord was listening along",
    "hi!",
    "LOL",
    "what rank are you right now?",
    "thanks for the raid everyone, welcome in! grab a snack and get comfy, we are about to start the ranked grind",
    "that was insane",
    "first time here, love the energy",
    "W streamer",
    "chat is this real",
    "how long have you been playing this game? you look like you have thousands of hours in it already",
    "bro really said trust me and then walked straight into the enemy team",
    "pog",
    "happy birthday!!",
    "is the giveaway still going on or did i miss it?",
    "lmaooo the timing on that was perfect",
    "you should try the new map, the rotations are completely different and it punishes aggressive plays a lot",
    "good morning from germany",
    "clip it",
]


class RecordingStream:
    """Where the server's frames go: their headers are kept, audio payloads only counted."""

    def __init__(self) -> None:
        self.headers: list[dict] = []
        self.payload_left = 0  # bytes of the last header's payload still to come (it may arrive in its own write)

    def write(self, data: bytes) -> None:
        if self.payload_left:
            self.payload_left -= len(data)
            return
        (n,) = struct.unpack_from("<I", data)
        header = json.loads(data[4 : 4 + n])
        self.headers.append(header)
        self.payload_left = header.get("payload_bytes", 0) - (len(data) - 4 - n)

    def flush(self) -> None:
        pass

    def take(self) -> list[dict]:
        """The headers written since the last call."""
        out, self.headers = self.headers, []
        return out


def start_server(model: dict, device: str, ref: np.ndarray) -> tuple[Server, RecordingStream]:
    """A Server with the model loaded and the voice `ref` prepared, both through protocol frames."""
    stream = RecordingStream()
    server = Server(FrameWriter(stream), DeviceBinding(device, device, None))
    rms = float(np.sqrt(np.mean(ref**2)))
    pcm = (ref * (TARGET_RMS / rms if rms < TARGET_RMS else 1.0)).astype("<f4")
    for header, payload in (({"kind": "load", "id": 1, "model": model}, b""),
                            ({"kind": "prepare_voice", "id": 2, "voice_id": "ref", "sample_rate": SAMPLE_RATE,
                              "payload_bytes": pcm.nbytes}, pcm.tobytes())):
        server.handle(Frame(header, payload))
        [reply] = stream.take()
        if reply["kind"] != "ready":
            raise RuntimeError(f"{header['kind']} failed: {reply}")
    return server, stream


def chat_items(n: int, samples: int, nfe: int) -> list[dict]:
    """`synthesize.items` for n chat lines, as the Swift side would send them."""
    prefix = ref_text_for_sampling(REF_TEXT)
    lines = [CHAT_LINES[k % len(CHAT_LINES)] for k in range(n)]
    return [{"item_id": f"u{k}", "voice_id": "ref", "text": prefix + line,
             "duration": duration_frames(REF_TEXT, line, samples), "nfe_step": nfe, "cfg_strength": 2.0,
             "sway_sampling_coef": -1.0, "seed": k} for k, line in enumerate(lines)]


def run_request(server: Server, stream: RecordingStream, rid: int, items: list[dict]) -> tuple[float, float, int]:
    """One synthesize through the server's own loop: (wall seconds, audio seconds, batches)."""
    t0 = time.perf_counter()
    server.handle(Frame({"kind": "synthesize", "id": rid, "items": items}))
    while server.queued_count():
        server.run_next_batch()
    wall = time.perf_counter() - t0
    replies = stream.take()
    errors = [h for h in replies if h["kind"] == "error"]
    if errors:
        raise RuntimeError(f"synthesize failed: {errors[0]}")
    audio = sum(h["payload_bytes"] for h in replies if h["kind"] == "audio") / 4 / SAMPLE_RATE
    return wall, audio, replies[-1]["timings"]["batches"]


def sweep(server: Server, stream: RecordingStream, samples: int, lines: list[int], caps: list[int], nfe: int,
          runs: int, warmup: int) -> list[dict]:
    """Every (N, cap): median x real time over the timed runs."""
    graphs = server.engine.sampler.graphs
    results, rid = [], 10
    for cap in caps:
        server.max_batch = cap
        for n in lines:
            items = chat_items(n, samples, nfe)
            walls, audio, batches = [], 0.0, 0
            for k in range(warmup + runs):
                captures = graphs.captures if graphs else 0
                rid += 1
                wall, audio, batches = run_request(server, stream, rid, items)
                if k >= warmup:
                    walls.append(wall)
            entry = {"lines": n, "max_batch": cap, "batches": batches, "audio_s": round(audio, 2),
                     "wall_s_median": round(statistics.median(walls), 4),
                     "x_realtime": round(audio / statistics.median(walls), 1),
                     "captures_in_last_run": (graphs.captures - captures) if graphs else 0}
            results.append(entry)
            print(json.dumps(entry), flush=True)
    return results


def print_table(results: list[dict], lines: list[int], caps: list[int]) -> None:
    """x real time, one row per N, one column per cap; the best cap per N last."""
    cell = {(r["lines"], r["max_batch"]): r["x_realtime"] for r in results}
    print("\nx real time (audio s / wall s) of N chat lines in one synthesize, per max_batch")
    print(f"{'N':>5} " + " ".join(f"{'cap ' + str(c):>9}" for c in caps) + f" {'best':>6}")
    for n in lines:
        best = max(caps, key=lambda c: cell[(n, c)])
        print(f"{n:>5} " + " ".join(f"{cell[(n, c)]:>9.1f}" for c in caps) + f" {best:>6}")


def main(argv: list[str] | None = None) -> int:
    """Load, sweep, print the table, write JSON with --out."""
    ap = argparse.ArgumentParser(prog="ishowtts_worker.bench --batch-sweep", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="F5TTS_v1_Base", help="F5TTS_v1_Base or tiny (random-init)")
    ap.add_argument("--device", default="cuda:0" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--dtype", help="fp16, bf16 or fp32 (default: the worker's, fp16 on CUDA)")
    ap.add_argument("--ref", help="16-bit WAV of REF_TEXT (default: 6.6 s of synthetic speech-like audio)")
    ap.add_argument("--lines", type=int, nargs="+", default=[8, 16, 32, 64, 128])
    ap.add_argument("--caps", type=int, nargs="+", default=[8, 16, 24, 32, 48, 64])
    ap.add_argument("--nfe", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--out")
    args = ap.parse_args(argv)

    from ishowtts_worker.bench import read_wav

    ref = read_wav(args.ref) if args.ref else reference_pcm(6.6)  # as long as bench/work/ref.wav
    model = {"mode": "random-init", "config": args.config, "device": args.device, "seed": 0}
    if args.dtype:
        model["dtype"] = args.dtype
    server, stream = start_server(model, args.device, ref)
    results = sweep(server, stream, len(ref), args.lines, args.caps, args.nfe, args.runs, args.warmup)
    print_table(results, args.lines, args.caps)
    device = torch.cuda.get_device_name(server.engine.device) if server.engine.device.type == "cuda" else "cpu"
    if args.out:
        Path(args.out).write_text(json.dumps({
            "device": device, "torch": torch.__version__, "config": args.config, "nfe": args.nfe,
            "dtype": str(server.engine.dtype), "runs": args.runs, "warmup": args.warmup, "results": results,
        }, indent=1))
    return 0
