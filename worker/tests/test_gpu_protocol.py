"""On a CUDA machine: the real worker with random-init F5TTS_v1_Base in fp16, CUDA graphs on."""

from __future__ import annotations

import pytest
import torch

from tests_support import reference_wave
from worker_process import WorkerProcess

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")


def test_gpu_session() -> None:
    worker = WorkerProcess(device="cuda:0")
    try:
        worker.send({"kind": "load", "id": 1, "model": {"mode": "random-init", "config": "F5TTS_v1_Base",
                                                      "device": "cuda:0", "dtype": "fp16", "cuda_graphs": True}})
        loaded, _ = worker.recv()
        assert loaded["kind"] == "ready" and loaded["model"]["cuda_graphs"] is True, loaded
        ref = reference_wave(6.0, 0).numpy()
        worker.send({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000}, ref)
        frames = worker.recv()[0]["frames"]
        assert frames == 562  # 144000 samples // 256
        for rid in (3, 4):  # second request replays the captured graphs
            items = [{"item_id": f"i{k}", "voice_id": "v", "text": "Hello there. " + "word " * (3 + 5 * k),
                      "duration": frames + 100 + 60 * k, "nfe_step": 7, "seed": k} for k in range(3)]
            worker.send({"kind": "synthesize", "id": rid, "items": items})
            audio = {}
            while True:
                header, pcm = worker.recv()
                if header["kind"] == "done":
                    break
                assert header["kind"] == "audio", header
                audio[header["item_id"]] = pcm
            for item in items:
                pcm = audio[item["item_id"]]
                assert len(pcm) == (item["duration"] - frames - 1) * 256 and bool(abs(pcm).max() < 1e3)
        worker.send({"kind": "stats", "id": 5})
        stats = worker.recv()[0]
        print("gpu stats", stats)
        assert stats["graph_captures"] >= 1 and stats["graph_replays"] >= 14 and stats["device_memory_mb"] > 0
        worker.send({"kind": "shutdown", "id": 6})
        assert worker.recv()[0]["kind"] == "done"
        assert worker.wait() == 0
    finally:
        worker.kill()


def test_gpu_warm_up_captures_before_ready_so_the_first_line_captures_nothing() -> None:
    worker = WorkerProcess(device="cuda:0")
    try:
        worker.send({"kind": "load", "id": 1, "model": {"mode": "random-init", "config": "F5TTS_v1_Base",
                                                      "device": "cuda:0", "dtype": "fp16", "cuda_graphs": True}})
        assert worker.recv()[0]["kind"] == "ready"
        ref = reference_wave(6.0, 0).numpy()
        # 562 reference frames; three line lengths in three different 32-frame buckets.
        warm = [562 + 40, 562 + 100, 562 + 200]
        worker.send({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000, "warm_durations": warm}, ref)
        assert worker.recv()[0]["kind"] == "ready"
        worker.send({"kind": "stats", "id": 3})
        captured = worker.recv()[0]["graph_captures"]
        assert captured == 3
        item = {"item_id": "a", "voice_id": "v", "text": "Hello there. Hi chat!", "duration": 562 + 100, "nfe_step": 7}
        worker.send({"kind": "synthesize", "id": 4, "items": [item]})
        while worker.recv()[0]["kind"] != "done":
            pass
        worker.send({"kind": "stats", "id": 5})
        assert worker.recv()[0]["graph_captures"] == captured  # the first line found its graph ready
        worker.send({"kind": "shutdown", "id": 6})
        assert worker.recv()[0]["kind"] == "done"
    finally:
        worker.kill()
