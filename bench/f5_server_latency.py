#!/usr/bin/env python3
"""F5-TTS through the whole server, over HTTP, as a user drives it (for docs/BENCHMARKS.md, on the GPU machine).

Starts `ishowtts serve` with an F5 voice (random-init F5TTS_v1_Base on cuda:0, no Piper voice), waits for its
sd_notify READY=1 and for the F5 worker, warms up, then measures:
  - whole file (`POST /api/tts`): seed and chat lines, latency median/p95 and real-time factor;
  - streaming (`POST /api/tts/stream`): time to the first audio byte after the WAV header, chat line;
  - 8 and 32 chat lines at once (whole files): audio seconds per wall second (x real time);
  - before any of that, right after the worker is ready: first audio of 20 different chat lines (cold start);
  - with --recovery: SIGKILL of the serving worker while 8 clients keep sending chat lines, and the time from the
    kill to the first success of a request sent after it (a standby worker takes over; `--standby off` shows a
    cold restart instead).
Each client thread keeps its HTTP connection alive, as a browser or OBS does. Each sequential case also reports
where its time went, from the server's own histograms (`*_breakdown`: response head, admission to first audio, the
batch's round trip to the worker, its time in the worker, the model's compute). Prints one JSON object (and writes
it to --out).

Usage: f5_server_latency.py --server BIN --python PY --worker worker --ref REF.wav [--runs 20] [--out FILE]
       [--devices cuda:0 cuda:1] [--max-batch 16] [--standby auto|on|off] [--workers-per-device 1] [--concurrency 8 32 64 128] [--recovery]
       [--only concurrency|lone]
"""
import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
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


_connections = threading.local()


def post(url: str, body: dict, stream: bool = False):
    """One request on this thread's kept-alive connection (as a browser or OBS keeps one), opened on first use and
    again after a failure."""
    target = urllib.parse.urlsplit(url)
    connection = getattr(_connections, target.netloc, None)
    reused = connection is not None
    if connection is None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        setattr(_connections, target.netloc, connection)
    payload = json.dumps(body).encode()

    def send():
        connection.request("POST", target.path, body=payload, headers={"Content-Type": "application/json"})
        return connection.getresponse()

    started = time.perf_counter()
    try:
        try:
            response = send()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            # The server closed the idle connection (after 30 s): once more on a new one, timed from there.
            connection.close()
            started = time.perf_counter()
            response = send()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {response.read()[:300]!r}")
        if not stream:
            reply = json.loads(response.read())
            return time.perf_counter() - started, reply["waveform_len"] / reply["sample_rate"]
        response.read(44)  # the streaming WAV header
        first = response.read(2)
        first_audio = time.perf_counter() - started
        rest = response.read()
        return first_audio, (len(first) + len(rest)) / 2 / 24000, time.perf_counter() - started
    except Exception:
        connection.close()
        setattr(_connections, target.netloc, None)
        raise


def worker_pids(server_pid: int) -> list[int]:
    """The server's F5 worker processes, oldest first (the first started serves; a standby starts after it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if int(fields[1]) == server_pid and b"ishowtts_worker" in cmdline:
            found.append((int(fields[19]), int(entry)))  # start time in clock ticks
    return [pid for _, pid in sorted(found)]


def f5_health(base: str) -> dict:
    """The F5 engine's entry of /api/health (status, detail naming each worker's state)."""
    with urllib.request.urlopen(base + "/api/health") as r:
        return next(e for e in json.loads(r.read())["engines"] if e["engine"] == "f5")


def all_workers_up(health: dict) -> bool:
    """Whether every F5 worker in the health detail ("worker 0 (cuda:0): ready; worker 1 (cuda:0): standby") is
    serving or standing by."""
    states = [part.split("): ", 1)[1].split(" ")[0] for part in health["detail"].split("; ") if "): " in part]
    return health["status"] == "ok" and all(state in ("ready", "standby") for state in states)


def wait_for(condition, what: str, timeout: float = 300) -> None:
    """Polls `condition` until it holds; exits with a message after `timeout` seconds (a worker that never starts)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            sys.exit(f"gave up waiting for {what} after {timeout:.0f} s; see the server log")
        time.sleep(0.05)


def concurrent(base: str, n: int, text: str) -> dict:
    """n whole-file requests at once: one warm-up round, then the median of three rounds' audio seconds per wall second."""
    rounds = []
    for round_index in range(4):
        outcomes = []
        lock = threading.Lock()

        def one(i):
            try:
                t, a = post(base + "/api/tts", {"text": text + f" Number {i}."})
            except Exception as e:  # noqa: BLE001  (counted: a figure over fewer lines than asked must not pass)
                print(f"request {i} of {n} failed: {e}", file=sys.stderr)
                return
            with lock:
                outcomes.append((t, a))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        if round_index > 0:
            rounds.append({"x_real_time": sum(a for _, a in outcomes) / wall, "wall_s": wall,
                           "failed": n - len(outcomes), "latency": stats([t for t, _ in outcomes])})
    middle = sorted(rounds, key=lambda r: r["x_real_time"])[1]
    return {**middle, "x_real_time_rounds": [r["x_real_time"] for r in rounds],
            "failed": sum(r["failed"] for r in rounds)}


def recovery(base: str, server_pid: int) -> dict:
    """Kill the serving worker under load; time from the kill to the first success of a request sent after it."""
    pids = worker_pids(server_pid)
    stop = threading.Event()
    lock = threading.Lock()
    log = []  # (sent, finished, ok)

    def client(i):
        k = 0
        while not stop.is_set():
            sent = time.perf_counter()
            try:
                post(base + "/api/tts", {"text": LINES["chat"] + f" Client {i}, line {k}."})
                ok = True
            except Exception:  # noqa: BLE001  (a 503 for requests the dead worker held)
                ok = False
            with lock:
                log.append((sent, time.perf_counter(), ok))
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(2)
    killed = time.perf_counter()
    os.kill(pids[0], signal.SIGKILL)
    deadline = killed + 120
    while time.perf_counter() < deadline:
        with lock:
            after = [end for sent, end, ok in log if ok and sent > killed]
        if after:
            break
        time.sleep(0.005)
    time.sleep(1)
    stop.set()
    for t in threads:
        t.join()
    with lock:
        failed = sum(1 for _, end, ok in log if not ok)
        first_ok = min((end for sent, end, ok in log if ok and sent > killed), default=None)
    return {"workers_before": len(pids), "failed_requests": failed,
            "kill_to_next_success_s": None if first_ok is None else first_ok - killed}


# Where a request's time goes, from the server's own histograms (sum and count differences around a case): the
# response head, admission to first audio, a batch's round trip to the worker, and the worker's own compute.
STAGES = {
    "http_head_ms": ("ishowtts_http_request_duration_seconds", "route=\"{route}\""),
    "admitted_to_first_audio_ms": ("ishowtts_time_to_first_audio_seconds", 'engine="f5"'),
    "batch_round_trip_ms": ("ishowtts_f5_batch_round_trip_seconds", ""),
    "in_worker_ms": ("ishowtts_f5_worker_batch_seconds", ""),
    "worker_compute_ms": ("ishowtts_f5_worker_compute_seconds", ""),
}


def metric_totals(base: str, route: str) -> dict:
    """(sum, count) of each stage's histogram now, over every label set that matches."""
    with urllib.request.urlopen(base + "/metrics") as r:
        lines = r.read().decode().splitlines()
    totals = {}
    for stage, (name, selector) in STAGES.items():
        selector = selector.format(route=route)
        picked = [line for line in lines if line.startswith(name + "_") and selector in line]
        total = sum(float(line.rsplit(" ", 1)[1]) for line in picked if line.startswith(name + "_sum"))
        count = sum(float(line.rsplit(" ", 1)[1]) for line in picked if line.startswith(name + "_count"))
        totals[stage] = (total, count)
    return totals


def totals_after(base: str, route: str, before: dict) -> dict:
    """`metric_totals` once every batch of what ran since `before` has reported (a stream can end before its last
    batch's `done` is read, and a request can have more than one batch): at least one more, then none for 50 ms."""
    deadline = time.perf_counter() + 5
    after, settled_at = metric_totals(base, route), None
    while time.perf_counter() < deadline:
        time.sleep(0.01)
        latest = metric_totals(base, route)
        grew = latest["batch_round_trip_ms"][1] != after["batch_round_trip_ms"][1]
        after = latest
        if grew or after["batch_round_trip_ms"][1] <= before["batch_round_trip_ms"][1]:
            settled_at = None
        elif settled_at is None:
            settled_at = time.perf_counter()
        elif time.perf_counter() - settled_at >= 0.05:
            break
    return after


def breakdown(before: dict, after: dict) -> dict:
    """Mean milliseconds per event of each stage between two `metric_totals`."""
    return {stage: round((after[stage][0] - before[stage][0]) / (after[stage][1] - before[stage][1]) * 1000, 2)
            for stage in STAGES if after[stage][1] > before[stage][1]}


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
    ap.add_argument("--devices", nargs="+", default=["cuda:0"])
    ap.add_argument("--model-config", default="F5TTS_v1_Base", help="tiny for a CPU smoke run of this script")
    ap.add_argument("--dtype", default="fp16")
    ap.add_argument("--max-batch", type=int, default=None, help="[f5] max_batch (default: the server's)")
    ap.add_argument("--standby", default="auto", choices=["auto", "on", "off"])
    ap.add_argument("--workers-per-device", type=int, default=1)
    ap.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--recovery", action="store_true")
    ap.add_argument("--only", choices=["concurrency", "lone"], help="skip the other measurements")
    args = ap.parse_args()

    work = tempfile.mkdtemp()
    port = free_port()
    config = os.path.join(work, "ishowtts.toml")
    with open(config, "w") as f:
        f.write(f'''bind_addr = "127.0.0.1:{port}"
default_voice = "clone"
[api]
audio_cache_mb = 0  # the benchmark repeats its lines; it measures synthesis, not the cache
max_syntheses_per_client = 1024  # every request comes from this one address
[piper]
voices = []
[f5]
enabled = true
python = "{args.python}"
worker_path = "{os.path.abspath(args.worker)}"
mode = "random-init"
model_config = "{args.model_config}"
dtype = "{args.dtype}"
devices = {json.dumps(args.devices)}
standby = "{args.standby}"
workers_per_device = {args.workers_per_device}
{f"max_batch = {args.max_batch}" if args.max_batch else ""}
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
    result = {"server_ready_s": time.perf_counter() - started, "devices": args.devices, "standby": args.standby,
              "max_batch": args.max_batch, "workers_per_device": args.workers_per_device}
    wait_for(lambda: ": ready" in f5_health(base)["detail"], "a serving F5 worker")  # it loads behind the server
    result["f5_ready_s"] = time.perf_counter() - started
    if args.only != "concurrency":
        first, parts = [], []
        for line in FIRST_LINES:  # each line's own breakdown: is a slow one slow in the worker or around it?
            before = metric_totals(base, "/api/tts/stream")
            first.append(post(base + "/api/tts/stream", {"text": line}, stream=True)[0])
            parts.append(breakdown(before, totals_after(base, "/api/tts/stream", before)))
        result["first_20_lines_first_audio_s"] = {"values": first, **stats(first), "max": max(first), "breakdowns": parts}
    # The warm figures wait for every worker, standbys included: a standby starting shares the card. (Health is
    # `ok` as soon as every serving worker is up; the detail names each worker's state.)
    wait_for(lambda: all_workers_up(f5_health(base)), "every F5 worker, standbys included")
    result["all_workers_ready_s"] = time.perf_counter() - started
    if args.only == "lone":
        lone = [post(base + "/api/tts/stream", {"text": LINES["chat"]}, stream=True)[0] for _ in range(args.runs)]
        result["chat_stream_first_audio_s"] = stats(lone)
        finish(server, result, args.out)
        return
    for _ in range(3):  # warm-up: graph captures for these lengths
        for text in LINES.values():
            post(base + "/api/tts", {"text": text})
            post(base + "/api/tts/stream", {"text": text}, stream=True)
    for name, text in LINES.items() if args.only is None else []:
        before = metric_totals(base, "/api/tts")
        whole = [post(base + "/api/tts", {"text": text}) for _ in range(args.runs)]
        result[f"{name}_whole_s"] = stats([t for t, _ in whole])
        result[f"{name}_whole_rtf"] = stats([t / a for t, a in whole])
        result[f"{name}_whole_breakdown"] = parts = breakdown(before, totals_after(base, "/api/tts", before))
        # Against the worker in this same server, process and card: its batch round trip over the protocol.
        if "batch_round_trip_ms" in parts:
            result[f"{name}_whole_vs_worker_round_trip"] = round(result[f"{name}_whole_s"]["median"] * 1000 / parts["batch_round_trip_ms"], 3)
        before = metric_totals(base, "/api/tts/stream")
        streams = [post(base + "/api/tts/stream", {"text": text}, stream=True) for _ in range(args.runs)]
        result[f"{name}_stream_breakdown"] = breakdown(before, totals_after(base, "/api/tts/stream", before))
        result[f"{name}_stream_first_audio_s"] = stats([first for first, _, _ in streams])
        # The same audio as raw PCM: what the whole-file answer's WAV, base64 and JSON add.
        result[f"{name}_stream_total_s"] = stats([total for _, _, total in streams])
    for n in args.concurrency:
        result[f"concurrent_{n}"] = concurrent(base, n, LINES["chat"])
    if args.recovery:
        if args.standby != "off":  # the standby starts after the first worker is ready
            wait_for(lambda: ": standby" in f5_health(base)["detail"], "a standby worker")
        result["recovery"] = recovery(base, server.pid)
    finish(server, result, args.out)


def finish(server, result: dict, out: str | None) -> None:
    server.terminate()
    result["server_exit"] = server.wait(timeout=60)
    text = json.dumps(result, indent=1)
    print(text)
    if out:
        with open(out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
