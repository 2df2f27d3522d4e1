"""The worker process reports the device it was started for and refuses work on any other (CPU-runnable).

cuda:97 exists on no machine, so these hold on CUDA machines too: narrowed to it, the process sees no GPU.
"""

from __future__ import annotations

import pytest

from worker_process import WorkerProcess

TINY = {"mode": "random-init", "config": "tiny", "dtype": "fp32", "seed": 0}


def ask(worker: WorkerProcess, header: dict) -> dict:
    worker.send(header)
    return worker.recv()[0]


def test_a_gpu_worker_names_its_real_device_and_refuses_another(monkeypatch) -> None:
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    worker = WorkerProcess(device="cuda:97")
    try:
        hello = ask(worker, {"kind": "hello", "id": 1, "protocol": 1})
        assert hello["device"] == "cuda:97" and hello["device_name"] is None and hello["device_total_mb"] is None
        err = ask(worker, {"kind": "load", "id": 2, "model": {**TINY, "device": "cuda:0"}})
        assert err["code"] == "bad_request" and "started for cuda:97 and cannot use cuda:0" in err["message"], err
        err = ask(worker, {"kind": "load", "id": 3, "model": {**TINY, "device": 97}})
        assert err["code"] == "bad_request" and "model.device must be a string" in err["message"], err
        err = ask(worker, {"kind": "load", "id": 4, "model": {**TINY, "device": "cuda:97"}})
        assert err["code"] == "bad_request", err
        assert "cuda:97 is not available" in err["message"] and "CUDA_VISIBLE_DEVICES=97" in err["message"], err
        loaded = ask(worker, {"kind": "load", "id": 5, "model": {**TINY, "device": "cpu"}})
        assert loaded["kind"] == "ready" and loaded["model"]["device"] == "cpu", loaded
        assert ask(worker, {"kind": "shutdown", "id": 6}) == {"kind": "done", "id": 6}
        assert worker.wait() == 0
    finally:
        worker.kill()


def test_cpu_worker_reports_no_gpu_memory() -> None:
    worker = WorkerProcess(device="cpu")
    try:
        assert ask(worker, {"kind": "hello", "id": 1, "protocol": 1})["device_total_mb"] is None
        err = ask(worker, {"kind": "load", "id": 2, "model": {**TINY, "device": "cuda:0"}})
        assert err["code"] == "bad_request" and "started for cpu" in err["message"], err
        assert ask(worker, {"kind": "load", "id": 3, "model": TINY})["model"]["device"] == "cpu"
        stats = ask(worker, {"kind": "stats", "id": 4})
        assert {k: stats[k] for k in ("device_memory_mb", "device_total_mb", "device_free_mb", "device_peak_mb")} == {
            "device_memory_mb": None, "device_total_mb": None, "device_free_mb": None, "device_peak_mb": None}
    finally:
        worker.kill()


@pytest.mark.parametrize("device, visible, message", [
    ("cuda:5", "0,1", "CUDA_VISIBLE_DEVICES='0,1' lists 2 device"),
    ("gpu:0", None, "not cpu or cuda:N"),
])
def test_an_unusable_device_argument_exits_2(monkeypatch, device: str, visible: str | None, message: str) -> None:
    if visible is not None:
        monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
    worker = WorkerProcess(device=device)
    try:
        assert worker.proc.wait(timeout=30) == 2
        assert message in worker.proc.stderr.read().decode()
    finally:
        worker.kill()


def test_out_of_memory_errors_name_the_real_device() -> None:
    import io

    import torch

    from ishowtts_worker.devices import bind_device
    from ishowtts_worker.framing import FrameWriter
    from ishowtts_worker.server import Server

    server = Server(FrameWriter(io.BytesIO()), bind_device("cuda:1", "4,5"))
    code, message = server.failure(torch.OutOfMemoryError("CUDA out of memory. GPU 0 has a total capacity of 140 GiB"))
    assert code == "out_of_memory"
    assert message.startswith("OutOfMemoryError on cuda:1 (CUDA_VISIBLE_DEVICES=5, cuda:0 in this process): CUDA out")
    assert server.failure(ValueError("boom")) == ("internal", "ValueError: boom")
