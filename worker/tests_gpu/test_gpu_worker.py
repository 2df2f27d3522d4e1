"""The real worker process over its stdio protocol on CUDA devices: random-init model in fp16, CUDA graphs on.

A worker started with `--device cuda:N` (what the Swift supervisor does) must report cuda:N in `hello`, use only
that device, return audio of exactly the protocol's length, capture graphs on first use and replay them after.
With two or more devices, workers on the first and the last device run at once and give identical audio when the
GPUs are of one model: model_loader builds random-init weights (DiT and Vocos) after `torch.manual_seed(seed)`, on
the worker's device, which each worker sees as its only one, so both draw the same random stream with the same
kernels. (Different GPU models may launch the random and compute kernels differently: then only correctness is
checked.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import torch

from gpu_support import CONFIG, ON_CUDA, WORKER_ROOT, reference_wave, requires_cuda
from ishowtts_worker import PROTOCOL_VERSION
from worker_process import WorkerProcess

COUNT = torch.cuda.device_count() if ON_CUDA and torch.cuda.is_available() else 0
INDICES = sorted({0, max(COUNT - 1, 0)})
NFE = 7
REF = reference_wave(6.0, 0).numpy()
REF_FRAMES = REF.shape[0] // 256  # 562
ITEMS = [{"item_id": f"i{k}", "voice_id": "v", "text": "Hello there. " + "word " * (3 + 5 * k),
          "duration": REF_FRAMES + 100 + 60 * k, "nfe_step": NFE, "seed": k} for k in range(3)]


class DeviceWorker(WorkerProcess):
    """The worker on `device` with its log in a file (a pipe nobody reads fills up and blocks the worker),
    killed after `timeout` seconds so that a hang fails the test instead of stalling the run."""

    def __init__(self, device: str, timeout: float = 300) -> None:
        path = os.pathsep.join(p for p in (str(WORKER_ROOT), os.environ.get("PYTHONPATH", "")) if p)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, "-m", "ishowtts_worker", "--device", device],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     env={**os.environ, "PYTHONPATH": path})
        self.watchdog = threading.Timer(timeout, self.kill)
        self.watchdog.daemon = True
        self.watchdog.start()

    def _read(self, n: int) -> bytes:
        data = self.proc.stdout.read(n)
        if len(data) != n:
            self.log.seek(0)
            log = self.log.read().decode(errors="replace")
            raise EOFError(f"worker stdout ended ({len(data)} of {n} bytes); its log:\n{log}")
        return data

    def request(self, header: dict, pcm: np.ndarray | None = None) -> dict:
        self.send(header, pcm)
        return self.recv()[0]

    def synthesize(self, rid: int, items: list[dict]) -> dict[str, tuple[dict, np.ndarray]]:
        self.send({"kind": "synthesize", "id": rid, "items": items})
        audio = {}
        while True:
            header, pcm = self.recv()
            if header["kind"] == "done":
                return audio
            assert header["kind"] == "audio", header
            audio[header["item_id"]] = (header, pcm)

    def shutdown(self) -> int:
        assert self.request({"kind": "shutdown", "id": 999})["kind"] == "done"
        return self.proc.wait(timeout=60)

    def close(self) -> None:
        self.watchdog.cancel()
        self.kill()
        self.log.close()


def load_spec(device: str) -> dict:
    return {"mode": "random-init", "config": CONFIG, "device": device, "dtype": "fp16", "cuda_graphs": True, "seed": 0}


def check_audio(items: list[dict], audio: dict[str, tuple[dict, np.ndarray]], ref_frames: int) -> None:
    """Every item answered with (duration - reference frames - 1) * 256 finite, audible samples."""
    assert set(audio) == {it["item_id"] for it in items}
    for item in items:
        header, pcm = audio[item["item_id"]]
        frames = item["duration"] - ref_frames
        assert header["frames"] == frames, header
        assert pcm is not None and len(pcm) == (frames - 1) * 256, (item, None if pcm is None else len(pcm))
        assert np.isfinite(pcm).all()
        assert np.abs(pcm).max() > 1e-3 and pcm.std() > 1e-4, "silent"
        assert np.abs(pcm).max() < 1e3


def session(index: int, on_loaded=None, barrier: threading.Barrier | None = None) -> dict:
    """hello, load, hello, prepare_voice, the same synthesize twice (capture, then replay), stats, shutdown."""
    device = f"cuda:{index}"
    w = DeviceWorker(device)
    try:
        hello = w.request({"kind": "hello", "id": 1, "protocol": PROTOCOL_VERSION})
        assert hello["kind"] == "ready" and hello["device"] == device, hello
        loaded = w.request({"kind": "load", "id": 2, "model": load_spec(device)})
        assert loaded["kind"] == "ready" and loaded["model"]["cuda_graphs"] is True, loaded
        if on_loaded is not None:
            on_loaded(loaded)
        again = w.request({"kind": "hello", "id": 3, "protocol": PROTOCOL_VERSION})
        assert again["device"] == device and again["model_loaded"] is True, again
        voice = w.request({"kind": "prepare_voice", "id": 4, "voice_id": "v", "sample_rate": 24000}, REF)
        assert voice["kind"] == "ready" and voice["frames"] == REF_FRAMES, voice
        stats = [w.request({"kind": "stats", "id": 5})]
        if barrier is not None:
            barrier.wait(timeout=300)  # both workers synthesize at the same time
        runs = []
        for rid in (10, 11):
            runs.append(w.synthesize(rid, ITEMS))
            check_audio(ITEMS, runs[-1], REF_FRAMES)
            stats.append(w.request({"kind": "stats", "id": rid + 10}))
        print(f"{device} stats", stats[-1])
        s0, s1, s2 = stats
        assert s1["graph_captures"] > s0["graph_captures"], "the first request captures its graphs"
        assert s1["graph_replays"] - s0["graph_replays"] == NFE * (s1["batches"] - s0["batches"]) > 0
        assert s2["graph_captures"] == s1["graph_captures"], "the same request again captures nothing"
        assert s2["graph_replays"] - s1["graph_replays"] == NFE * (s2["batches"] - s1["batches"]) > 0
        assert s2["device_memory_mb"] > 0
        for item in ITEMS:  # same graphs, same inputs: the same audio
            assert np.array_equal(runs[0][item["item_id"]][1], runs[1][item["item_id"]][1]), item
        assert w.shutdown() == 0
        return {"hello": hello, "model": loaded["model"], "audio": runs[1], "stats": s2}
    except BaseException:
        if barrier is not None:
            barrier.abort()  # the other session stops waiting at once
        raise
    finally:
        w.close()


def used_mib() -> list[float]:
    """Memory in use on every device (all processes), as the driver reports it."""
    return [(total - free) / 2**20 for free, total in (torch.cuda.mem_get_info(i) for i in range(COUNT))]


@requires_cuda
@pytest.mark.parametrize("index", INDICES, ids=lambda i: "first-device" if i == 0 else "last-device")
def test_session_on_device(index: int) -> None:
    before = used_mib()
    grown: list[float] = []
    result = session(index, on_loaded=lambda _: grown.extend(a - b for a, b in zip(used_mib(), before)))
    weights_mib = result["model"]["params_m"] * 1e6 * 2 / 2**20  # fp16
    print(f"cuda:{index}: memory grown per device after load (MiB): {[round(g) for g in grown]}, "
          f"fp16 weights {weights_mib:.0f} MiB")
    assert grown[index] >= 0.9 * weights_mib, "the model is not on the device the worker was started for"
    others = {i: g for i, g in enumerate(grown) if i != index}
    assert all(g < 128 for g in others.values()), f"the worker on cuda:{index} also used other devices: {others}"


@requires_cuda
@pytest.mark.skipif(COUNT < 2, reason=f"needs two or more CUDA devices (this machine has {COUNT})")
def test_first_and_last_device_at_once() -> None:
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        first, last = pool.map(lambda i: session(i, barrier=barrier), (0, COUNT - 1))
    assert (first["hello"]["device"], last["hello"]["device"]) == ("cuda:0", f"cuda:{COUNT - 1}")
    names = first["hello"]["device_name"], last["hello"]["device_name"]
    if names[0] != names[1]:
        pytest.skip(f"both devices answered correctly; their audio is not compared (different GPUs: {names}, "
                    "so different kernels)")
    for item in ITEMS:  # same weights, seeds, GPU model and kernels: identical audio
        a, b = first["audio"][item["item_id"]][1], last["audio"][item["item_id"]][1]
        assert np.array_equal(a, b), f"{item['item_id']}: max abs diff {np.abs(a - b).max():.2e}"


@requires_cuda
def test_warm_up_captures_before_ready_so_the_first_line_captures_nothing() -> None:
    w = DeviceWorker("cuda:0")
    try:
        assert w.request({"kind": "load", "id": 1, "model": load_spec("cuda:0")})["kind"] == "ready"
        # 562 reference frames; three line lengths in three different 32-frame buckets.
        warm = [REF_FRAMES + 40, REF_FRAMES + 100, REF_FRAMES + 200]
        reply = w.request({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000,
                           "warm_durations": warm}, REF)
        assert reply["kind"] == "ready"
        captured = w.request({"kind": "stats", "id": 3})["graph_captures"]
        assert captured == 3
        item = {"item_id": "a", "voice_id": "v", "text": "Hello there. Hi chat!", "duration": REF_FRAMES + 100,
                "nfe_step": NFE}
        check_audio([item], w.synthesize(4, [item]), REF_FRAMES)
        assert w.request({"kind": "stats", "id": 5})["graph_captures"] == captured  # its graph was ready
        assert w.shutdown() == 0
    finally:
        w.close()


@requires_cuda
def test_warm_steps_capture_later_what_prepare_voice_skipped() -> None:
    """A standby prepares its voices cold and warms up one duration at a time (`warm`): each step captures its graph
    once, and a line of that length then captures nothing."""
    w = DeviceWorker("cuda:0")
    try:
        assert w.request({"kind": "load", "id": 1, "model": load_spec("cuda:0")})["kind"] == "ready"
        assert w.request({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000}, REF)["kind"] == "ready"
        assert w.request({"kind": "stats", "id": 3})["graph_captures"] == 0
        first = w.request({"kind": "warm", "id": 4, "voice_id": "v", "durations": [REF_FRAMES + 100]})
        again = w.request({"kind": "warm", "id": 5, "voice_id": "v", "durations": [REF_FRAMES + 100]})
        assert (first["graphs_captured"], again["graphs_captured"]) == (1, 0)
        item = {"item_id": "a", "voice_id": "v", "text": "Hello there. Hi chat!", "duration": REF_FRAMES + 100,
                "nfe_step": NFE}
        check_audio([item], w.synthesize(6, [item]), REF_FRAMES)
        assert w.request({"kind": "stats", "id": 7})["graph_captures"] == 1  # its graph was ready
        assert w.shutdown() == 0
    finally:
        w.close()
