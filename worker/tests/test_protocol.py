"""The real worker process speaks docs/WORKER_PROTOCOL.md (tiny random-init model, CPU, fp32)."""

from __future__ import annotations

import pytest

from tests_support import reference_wave
from worker_process import WorkerProcess

LOAD = {"mode": "random-init", "config": "tiny", "device": "cpu", "dtype": "fp32", "seed": 0}
REF_TEXT = "I am not in danger, Skyler. "


@pytest.fixture
def worker():
    w = WorkerProcess()
    yield w
    w.kill()


def test_session(worker: WorkerProcess) -> None:
    worker.send({"kind": "hello", "id": 1, "protocol": 1})
    ready, _ = worker.recv()
    assert ready["kind"] == "ready" and ready["id"] == 1 and ready["protocol"] == 1
    assert ready["device"] == "cpu" and ready["model_loaded"] is False and ready["torch"]

    worker.send({"kind": "synthesize", "id": 2, "items": [
        {"item_id": "x", "voice_id": "v", "text": "hi", "duration": 100}]})
    err, _ = worker.recv()
    assert err["kind"] == "error" and err["id"] == 2 and err["code"] == "not_loaded" and "item_id" not in err

    worker.send({"kind": "load", "id": 3, "model": LOAD})
    loaded, _ = worker.recv()
    assert loaded["kind"] == "ready" and loaded["id"] == 3, loaded
    assert loaded["model"]["mode"] == "random-init" and loaded["model"]["config"] == "tiny"
    assert loaded["model"]["dtype"] == "fp32" and loaded["model"]["vocab_size"] > 2000

    ref = reference_wave(1.5, 0).numpy()
    worker.send({"kind": "prepare_voice", "id": 4, "voice_id": "walter", "sample_rate": 24000}, ref)
    voice, _ = worker.recv()
    # 36000 samples span 140 frames (official ref_audio_len = 36000 // 256), the unit of every "frames".
    assert voice == {"kind": "ready", "id": 4, "voice_id": "walter", "frames": 140, "samples": 36000}
    ref_frames = 140

    items = [
        {"item_id": "a", "voice_id": "walter", "text": REF_TEXT + "Hello chat!", "duration": ref_frames + 60,
         "nfe_step": 7, "cfg_strength": 2.0, "sway_sampling_coef": -1.0, "seed": 1},
        {"item_id": "b", "voice_id": "walter", "text": REF_TEXT + "Thanks for the raid, everyone.",
         "duration": ref_frames + 110, "nfe_step": 7, "cfg_strength": 2.0, "sway_sampling_coef": -1.0, "seed": 2},
        {"item_id": "c", "voice_id": "nobody", "text": REF_TEXT + "Who?", "duration": ref_frames + 40,
         "nfe_step": 7, "seed": 3},
    ]
    worker.send({"kind": "synthesize", "id": 5, "items": items})
    replies = []
    while True:
        header, pcm = worker.recv()
        replies.append((header, pcm))
        if header["kind"] == "done":
            break
    assert all(h["id"] == 5 for h, _ in replies)
    errors = [h for h, _ in replies if h["kind"] == "error"]
    assert [(e["item_id"], e["code"]) for e in errors] == [("c", "unknown_voice")]
    audio = {h["item_id"]: (h, pcm) for h, pcm in replies if h["kind"] == "audio"}
    assert set(audio) == {"a", "b"}
    for item in items[:2]:
        header, pcm = audio[item["item_id"]]
        assert header["sample_rate"] == 24000 and header["payload_bytes"] == 4 * len(pcm)
        # 60 and 110 frames generated; the vocoder makes (frames - 1) * 256 samples of them.
        assert (header["frames"], len(pcm)) == {"a": (60, 59 * 256), "b": (110, 109 * 256)}[item["item_id"]]
        assert set(header["timings"]) == {"sample_s", "vocode_s"}
    timings = replies[-1][0]["timings"]
    assert timings["batches"] == 1
    # Its time in the worker, from the frame read to `done`, holds the batch's own compute.
    assert timings["in_worker_s"] >= timings["batch_s"] > 0

    worker.send({"kind": "stats", "id": 6})
    stats, _ = worker.recv()
    assert stats["kind"] == "stats" and stats["batches"] == 1 and stats["items"] == 2 and stats["queued"] == 0
    assert stats["device_memory_mb"] is None and stats["uptime_s"] > 0

    worker.send({"kind": "cancel", "id": 7, "target": 5})
    done, _ = worker.recv()
    assert done == {"kind": "done", "id": 7}

    worker.send({"kind": "frobnicate", "id": 8})
    err, _ = worker.recv()
    assert err["kind"] == "error" and err["code"] == "bad_request"

    worker.send({"kind": "shutdown", "id": 9})
    done, _ = worker.recv()
    assert done == {"kind": "done", "id": 9}
    assert worker.wait() == 0


def test_cancel_drops_queued_items(worker: WorkerProcess) -> None:
    worker.send({"kind": "load", "id": 1, "model": LOAD})
    assert worker.recv()[0]["kind"] == "ready"
    worker.send({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000},
                reference_wave(1.0, 1).numpy())
    frames = worker.recv()[0]["frames"]
    # Two schedules -> two batches; the cancel arrives while the first batch runs.
    items = [{"item_id": f"i{k}", "voice_id": "v", "text": REF_TEXT + "one two three", "duration": frames + 80,
              "nfe_step": 7 if k == 0 else 32, "seed": k} for k in range(2)]
    worker.send({"kind": "synthesize", "id": 3, "items": items})
    worker.send({"kind": "cancel", "id": 4, "target": 3})
    replies = []
    while not any(h["kind"] == "done" and h["id"] == 3 for h in replies):
        replies.append(worker.recv()[0])
    assert {h["id"] for h in replies if h["kind"] == "done"} == {3, 4}
    answers = [(h["item_id"], h["kind"], h.get("code")) for h in replies if "item_id" in h]
    # Each item is answered exactly once; i1 (second batch) is always dropped, i0 only if the cancel
    # was read before its batch started.
    assert sorted(a[0] for a in answers) == ["i0", "i1"]
    assert ("i1", "error", "cancelled") in answers
    assert ("i0", "audio", None) in answers or ("i0", "error", "cancelled") in answers
    worker.send({"kind": "shutdown", "id": 5})
    assert worker.recv()[0] == {"kind": "done", "id": 5}
    assert worker.wait() == 0


def test_malformed_frame_exits_3(worker: WorkerProcess) -> None:
    worker.send({"kind": "hello", "id": 1, "protocol": 1})
    assert worker.recv()[0]["kind"] == "ready"
    bad = b"{not json"
    worker.send_raw(len(bad).to_bytes(4, "little") + bad)
    assert worker.wait() == 3


def test_oversized_header_exits_3(worker: WorkerProcess) -> None:
    worker.send_raw((5 << 20).to_bytes(4, "little") + b"{}")
    assert worker.wait() == 3


def test_prepare_voice_checks_warm_durations_and_warms_nothing_without_cuda_graphs(worker: WorkerProcess) -> None:
    worker.send({"kind": "load", "id": 1, "model": LOAD})
    assert worker.recv()[0]["kind"] == "ready"
    ref = reference_wave(1.0, 1).numpy()
    for bad in (["x"], [0], [True], list(range(1, 70)), "600"):
        worker.send({"kind": "prepare_voice", "id": 2, "voice_id": "v", "sample_rate": 24000, "warm_durations": bad}, ref)
        err = worker.recv()[0]
        assert err["kind"] == "error" and err["code"] == "bad_request" and "warm_durations" in err["message"], err
    worker.send({"kind": "prepare_voice", "id": 3, "voice_id": "v", "sample_rate": 24000, "warm_durations": [130, 200]}, ref)
    assert worker.recv()[0] == {"kind": "ready", "id": 3, "voice_id": "v", "frames": 93, "samples": 24000}
    worker.send({"kind": "stats", "id": 4})
    assert worker.recv()[0]["graph_captures"] == 0  # CPU: no CUDA graphs to capture


def test_warm_checks_its_voice_and_durations_and_warms_nothing_without_cuda_graphs(worker: WorkerProcess) -> None:
    worker.send({"kind": "load", "id": 1, "model": LOAD})
    assert worker.recv()[0]["kind"] == "ready"
    worker.send({"kind": "warm", "id": 2, "voice_id": "v", "durations": [200]})
    err = worker.recv()[0]
    assert err["kind"] == "error" and err["code"] == "unknown_voice", err
    worker.send({"kind": "warm", "id": 2, "voice_id": 7, "durations": [200]})
    err = worker.recv()[0]
    assert err["kind"] == "error" and err["code"] == "bad_request" and "voice_id" in err["message"], err
    worker.send({"kind": "prepare_voice", "id": 3, "voice_id": "v", "sample_rate": 24000}, reference_wave(1.0, 1).numpy())
    assert worker.recv()[0]["kind"] == "ready"
    for bad in (["x"], [0], list(range(1, 70)), 200):
        worker.send({"kind": "warm", "id": 4, "voice_id": "v", "durations": bad})
        err = worker.recv()[0]
        assert err["kind"] == "error" and err["code"] == "bad_request" and "durations" in err["message"], err
    worker.send({"kind": "warm", "id": 5, "voice_id": "v", "durations": [130, 200]})
    assert worker.recv()[0] == {"kind": "ready", "id": 5, "voice_id": "v", "graphs_captured": 0}  # CPU: no graphs
