#!/usr/bin/env python3
"""F5-TTS through the whole server, over HTTP, as a user drives it (for docs/BENCHMARKS.md, on the GPU machine).

Starts `ishowtts serve` with an F5 voice (random-init F5TTS_v1_Base on cuda:0, no Piper voice), waits for its
sd_notify READY=1 and for the F5 worker, warms up, then measures:
  - whole file (`POST /api/tts`): seed and chat lines, latency median/p95 and real-time factor;
  - streaming (`POST /api/tts/stream`): time to the first audio byte after the WAV header, chat line;
  - 8 and 32 chat lines at once (whole files): audio seconds per wall second (x real time);
  - before any of that, right after the worker is ready: first audio of 20 different chat lines (cold start).
Prints one JSON object (and writes it to --out).

Usage: f5_server_latency.py --server BIN --python PY --worker worker --ref REF.wav [--runs 20] [--out FILE]
"""
import argparse
import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REF_TEXT = "I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me."
# Twenty different chat lines, short to long, for the first audio right after a cold start.
FIRST_LINES = [
    "hi!", "gg", "lol what", "that was clean", "welcome back everyone", "can you play the next song please?",
    "no way he actually hit that shot", "first time here, love the vibes", "what game are we playing next?",
    "thanks for the raid, everyone, welcome in!", "is the boss fight after the bridge or before it?",
    "big thanks to everyone who subscribed today, you are amazing",
    "I just got here, did I miss the giveaway or is it later tonight?", "pog", "hydrate check, drink some water chat",
    "can we get a replay of that last round please", "my cat just walked across the keyboard lol",
    "what settings do you use for the sensitivity?", "that jump was insane, how many tries did that take you?",
    "good night everyone, see you all tomorrow at the same time!",
]
LINES = {
    "seed": "Hello world, this is a test of the optimized TTS system.",
    "chat": "lol that play was insane, can you do it again?",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, body: dict, stream: bool = False):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        if not stream:
            reply = json.loads(response.read())
            return time.perf_counter() - started, reply["waveform_len"] / reply["sample_rate"]
        response.read(44)  # the streaming WAV header
        first = response.read(2)
        first_audio = time.perf_counter() - started
        rest = response.read()
        return first_audio, (len(first) + len(rest)) / 2 / 24000


def stats(values):
    values = sorted(values)
    return {"median": statistics.median(values), "p95": values[min(len(values) - 1, int(0.95 * len(values)))], "n": len(values)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--worker", required=True)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out")
    ap.add_argument("--log", help="where the server's log goes (default: a temporary folder)")
    args = ap.parse_args()

    work = tempfile.mkdtemp()
    port = free_port()
    config = os.path.join(work, "ishowtts.toml")
    with open(config, "w") as f:
        f.write(f'''bind_addr = "127.0.0.1:{port}"
default_voice = "clone"
[api]
audio_cache_mb = 0  # the benchmark repeats its lines; it measures synthesis, not the cache
[piper]
voices = []
[f5]
enabled = true
python = "{args.python}"
worker_path = "{os.path.abspath(args.worker)}"
mode = "random-init"
model_config = "F5TTS_v1_Base"
devices = ["cuda:0"]
[[f5.voices]]
id = "clone"
reference_audio = "{os.path.abspath(args.ref)}"
reference_text = "{REF_TEXT}"
''')
    notify = os.path.join(work, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(notify)
    env = dict(os.environ, NOTIFY_SOCKET=notify)
    started = time.perf_counter()
    server = subprocess.Popen([args.server, "serve", "--config", config], env=env, stderr=open(args.log or os.path.join(work, "server.log"), "w"))
    sock.settimeout(300)
    while b"READY=1" not in sock.recv(4096):
        pass
    base = f"http://127.0.0.1:{port}"
    result = {"server_ready_s": time.perf_counter() - started}
    while True:  # the F5 worker loads behind the listening server
        with urllib.request.urlopen(base + "/api/health") as r:
            if json.loads(r.read())["status"] == "ok":
                break
        time.sleep(0.5)
    result["f5_ready_s"] = time.perf_counter() - started
    first = [post(base + "/api/tts/stream", {"text": line}, stream=True)[0] for line in FIRST_LINES]
    result["first_20_lines_first_audio_s"] = {"values": first, **stats(first), "max": max(first)}
    for _ in range(3):  # warm-up: graph captures for these lengths
        for text in LINES.values():
            post(base + "/api/tts", {"text": text})
            post(base + "/api/tts/stream", {"text": text}, stream=True)
    for name, text in LINES.items():
        whole = [post(base + "/api/tts", {"text": text}) for _ in range(args.runs)]
        result[f"{name}_whole_s"] = stats([t for t, _ in whole])
        result[f"{name}_whole_rtf"] = stats([t / a for t, a in whole])
        firsts = [post(base + "/api/tts/stream", {"text": text}, stream=True)[0] for _ in range(args.runs)]
        result[f"{name}_stream_first_audio_s"] = stats(firsts)
    for n in (8, 32):
        for _ in range(2):
            outcomes = []
            lock = threading.Lock()

            def one(i):
                t, a = post(base + "/api/tts", {"text": LINES["chat"] + f" Number {i}."})
                with lock:
                    outcomes.append((t, a))

            t0 = time.perf_counter()
            threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
        result[f"concurrent_{n}"] = {"x_real_time": sum(a for _, a in outcomes) / wall, "wall_s": wall,
                                     "latency": stats([t for t, _ in outcomes])}
    server.terminate()
    result["server_exit"] = server.wait(timeout=60)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
