"""The stdio worker: a reader thread feeds frames into a queue, the main thread answers them and runs
batches; between batches it answers `cancel`, `stats` and new requests, so those never wait for a
whole request. stdout carries frames only (everything printed by libraries goes to stderr, the log).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import queue
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import BinaryIO

from ishowtts_worker import PROTOCOL_VERSION, __version__
from ishowtts_worker.batching import DEFAULT_MAX_BATCH, select_batch
from ishowtts_worker.devices import DeviceBinding, DeviceError, bind_device
from ishowtts_worker.framing import Frame, FrameWriter, MalformedFrame, read_frame
from ishowtts_worker.units import SAMPLE_RATE

log = logging.getLogger("ishowtts_worker")

EXIT_MALFORMED = 3
_EOF = object()


class RequestError(Exception):
    """Answer the current request with an `error` frame of this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Job:
    """One synthesize request: its queued items and what it has used so far."""

    id: int
    queued: list = field(default_factory=list)  # SynthItem, not started
    running: int = 0  # items in the batch on the device
    batch_s: float = 0.0
    batches: int = 0
    received_at: float = 0.0  # when its frame was read (time.perf_counter())


def claim_stdout() -> BinaryIO:
    """Keep the real stdout for frames and point fd 1 and sys.stdout at stderr for everything else."""
    sys.stdout.flush()
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "wb")


def read_loop(stream: BinaryIO, inbox: "queue.Queue[object]", writer: FrameWriter) -> None:
    """Reader thread: frames into the inbox; a broken stream ends the process with status 3 at once."""
    while True:
        try:
            frame = read_frame(stream)
        except MalformedFrame as e:
            log.error("malformed frame: %s; exiting with status %d", e, EXIT_MALFORMED)
            with writer.lock:  # never cut a reply in half
                logging.shutdown()
                os._exit(EXIT_MALFORMED)
        except OSError as e:
            log.error("stdin failed: %s", e)
            frame = None
        if frame is None:
            inbox.put(_EOF)
            return
        inbox.put(frame)


class Server:
    """Protocol state machine around an Engine (created by `load`)."""

    def __init__(self, writer: FrameWriter, device: DeviceBinding) -> None:
        self.writer = writer
        self.device = device
        self.engine = None
        self.max_batch = DEFAULT_MAX_BATCH  # the loaded model's `max_batch`
        self.jobs: dict[int, Job] = {}
        self.started = time.monotonic()
        self.handlers = {
            "hello": self.on_hello, "load": self.on_load, "prepare_voice": self.on_prepare_voice,
            "warm": self.on_warm, "synthesize": self.on_synthesize, "cancel": self.on_cancel, "stats": self.on_stats,
        }

    # ---- main loop -------------------------------------------------------------------------------

    def serve(self, inbox: "queue.Queue[object]") -> int:
        """Answer frames until shutdown (0) or EOF (0)."""
        while True:
            msg = inbox.get() if not self.queued_count() else self._poll(inbox)
            if msg is not None:
                code = self.handle(msg)
                if code is not None:
                    return code
                continue
            self.run_next_batch()

    @staticmethod
    def _poll(inbox: "queue.Queue[object]") -> object | None:
        try:
            return inbox.get_nowait()
        except queue.Empty:
            return None

    def handle(self, msg: object) -> int | None:
        """Dispatch one frame; returns an exit status when the worker must stop."""
        if msg is _EOF:
            log.info("stdin closed; exiting")
            return 0
        assert isinstance(msg, Frame)
        header = msg.header
        rid, kind = header.get("id"), header.get("kind")
        if not isinstance(rid, int) or isinstance(rid, bool) or not isinstance(kind, str):
            self.send_error(rid if isinstance(rid, int) else None, "bad_request", "a header needs integer id and string kind")
            return None
        if kind == "shutdown":
            self.cancel_all()
            self.writer.write({"kind": "done", "id": rid})
            log.info("shutdown")
            return 0
        handler = self.handlers.get(kind)
        if handler is None:
            self.send_error(rid, "bad_request", f"unknown kind {kind!r}")
            return None
        try:
            handler(rid, header, msg)
        except RequestError as e:
            self.send_error(rid, e.code, str(e))
        except Exception as e:  # noqa: BLE001 - every failure must become an answer, never a hang
            code, message = self.failure(e)
            log.error("%s %d failed: %s", kind, rid, traceback.format_exc())
            self.send_error(rid, code, message)
        return None

    # ---- requests --------------------------------------------------------------------------------

    def on_hello(self, rid: int, header: dict, _frame: Frame) -> None:
        import torch

        from ishowtts_worker.device_memory import device_total_mb

        if header.get("protocol") != PROTOCOL_VERSION:
            log.warning("supervisor speaks protocol %r, worker speaks %d", header.get("protocol"), PROTOCOL_VERSION)
        device = self.current_device()
        self.writer.write({
            "kind": "ready", "id": rid, "protocol": PROTOCOL_VERSION, "worker_version": __version__,
            "python": platform.python_version(), "torch": torch.__version__,
            "device": self.device.report(str(device)), "device_name": _device_name(device),
            "device_total_mb": device_total_mb(device), "model_loaded": self.engine is not None,
        })

    def on_load(self, rid: int, header: dict, _frame: Frame) -> None:
        from ishowtts_worker.model_loader import LoadError, load_engine

        spec = header.get("model")
        if not isinstance(spec, dict):
            raise RequestError("bad_request", "load needs a model object")
        requested = spec.get("device")
        if requested is not None and not isinstance(requested, str):
            raise RequestError("bad_request", "model.device must be a string such as cuda:0 or cpu")
        try:
            local = self.device.resolve(requested)
        except DeviceError as e:
            raise RequestError("bad_request", str(e)) from None
        old_voices = self.engine.voices.voices if self.engine is not None else {}
        self.engine = None  # free the old model first
        _empty_cache()
        try:
            engine, echo = load_engine(spec, local, self.device.public)
        except LoadError as e:
            raise RequestError("bad_request", str(e)) from None
        echo["device"] = self.device.report(echo["device"])
        self.max_batch = echo["max_batch"]
        for voice in old_voices.values():  # mels depend only on the (fixed) mel front end
            voice.mel = voice.mel.to(engine.device)
            engine.voices.voices[voice.voice_id] = voice
        self.engine = engine
        self.writer.write({"kind": "ready", "id": rid, "model": echo})

    def on_prepare_voice(self, rid: int, header: dict, frame: Frame) -> None:
        engine = self.require_engine()
        voice_id = header.get("voice_id")
        if not isinstance(voice_id, str) or not voice_id:
            raise RequestError("bad_request", "voice_id must be a non-empty string")
        if header.get("sample_rate") != SAMPLE_RATE:
            raise RequestError("bad_request", f"sample_rate must be {SAMPLE_RATE}")
        pcm = frame.pcm()
        if pcm.size < 1024:
            raise RequestError("bad_request", "the reference audio is missing or shorter than 1024 samples")
        warm = self.durations(header, "warm_durations")
        voice = engine.prepare_voice(voice_id, pcm)
        log.info("voice %s: %d samples, %d frames", voice_id, voice.samples, voice.ref_audio_len)
        if warm:
            self.warm_up(voice_id, warm)
        # Protocol frames are `samples // 256` (official ref_audio_len), not the mel's row count.
        self.writer.write({"kind": "ready", "id": rid, "voice_id": voice_id, "frames": voice.ref_audio_len,
                           "samples": voice.samples})

    def on_warm(self, rid: int, header: dict, _frame: Frame) -> None:
        """Warm up for a prepared voice's likely durations later, in steps the server sends when nothing else runs."""
        engine = self.require_engine()
        voice_id = header.get("voice_id")
        if not isinstance(voice_id, str) or not voice_id:
            raise RequestError("bad_request", "voice_id must be a non-empty string")
        if engine.voices.get(voice_id) is None:
            raise RequestError("unknown_voice", f"voice {voice_id!r} was not prepared")
        captured = self.warm_up(voice_id, self.durations(header, "durations"))
        self.writer.write({"kind": "ready", "id": rid, "voice_id": voice_id, "graphs_captured": captured})

    @staticmethod
    def durations(header: dict, key: str) -> list[int]:
        """The item durations under `key` (absent: none); at most 64, each in 1...65536."""
        from ishowtts_worker.engine import is_duration

        durations = header.get(key, [])
        if not isinstance(durations, list) or len(durations) > 64 or not all(is_duration(d) for d in durations):
            raise RequestError("bad_request", f"{key} must be at most 64 integers in 1...65536")
        return durations

    def warm_up(self, voice_id: str, durations: list[int]) -> int:
        """Capture the graphs of `voice_id`'s `durations` longer than its reference; returns how many were new."""
        voice = self.engine.voices.get(voice_id)
        started = time.perf_counter()
        captured = self.engine.warm_up(voice_id, [d for d in durations if d > voice.ref_audio_len])
        if captured:
            log.info("voice %s warmed up: %d graphs captured in %.2f s", voice_id, captured, time.perf_counter() - started)
        return captured

    def on_synthesize(self, rid: int, header: dict, frame: Frame) -> None:
        from ishowtts_worker.engine import BadItem, SynthItem

        engine = self.require_engine()
        raw = header.get("items")
        if not isinstance(raw, list) or not raw:
            raise RequestError("bad_request", "items must be a non-empty array")
        if rid in self.jobs:
            raise RequestError("bad_request", f"request id {rid} is already running")
        ids = [it.get("item_id") if isinstance(it, dict) else None for it in raw]
        if any(not isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
            raise RequestError("bad_request", "every item needs a unique string item_id")
        job = Job(rid, received_at=frame.received_at)
        for obj in raw:
            try:
                item = SynthItem.from_json(obj)
            except BadItem as e:
                self.send_error(rid, "bad_request", str(e), obj["item_id"])
                continue
            if engine.voices.get(item.voice_id) is None:
                self.send_error(rid, "unknown_voice", f"voice {item.voice_id!r} was not prepared", item.item_id)
                continue
            job.queued.append(item)
        self.jobs[rid] = job
        self.finish_if_done(job)

    def on_cancel(self, rid: int, header: dict, _frame: Frame) -> None:
        job = self.jobs.get(header.get("target"))
        if job is not None:
            self.drop(job)
        self.writer.write({"kind": "done", "id": rid})
        if job is not None:
            self.finish_if_done(job)

    def on_stats(self, rid: int, _header: dict, _frame: Frame) -> None:
        from ishowtts_worker.device_memory import memory_figures

        e = self.engine
        graphs = e.sampler.graphs if e is not None else None
        self.writer.write({
            "kind": "stats", "id": rid,
            "batches": e.batches if e else 0, "items": e.items if e else 0,
            "graph_captures": graphs.captures if graphs else 0, "graph_replays": graphs.replays if graphs else 0,
            "queued": self.queued_count(), **memory_figures(self.current_device(), allocated=e is not None),
            "uptime_s": round(time.monotonic() - self.started, 3),
        })

    # ---- batches ---------------------------------------------------------------------------------

    def queued_count(self) -> int:
        """Items waiting for a batch."""
        return sum(len(j.queued) for j in self.jobs.values())

    def run_next_batch(self) -> None:
        """Run the oldest queued item together with the compatible followers nearest in length, answer each item."""
        pairs = [(job, item) for job in self.jobs.values() for item in job.queued]
        chosen = [pairs[i] for i in select_batch([item for _, item in pairs], self.max_batch)]
        jobs = {id(job): job for job, _ in chosen}
        for job, item in chosen:
            job.queued.remove(item)
            job.running += 1
        t0 = time.perf_counter()
        try:
            results = self.engine.run([item for _, item in chosen])
        except Exception as e:  # noqa: BLE001
            code, message = self.failure(e)
            log.error("batch of %d failed: %s", len(chosen), traceback.format_exc())
            if code == "out_of_memory":
                self.engine.sampler.graphs and self.engine.sampler.graphs.clear()
                _empty_cache()
            for job, item in chosen:
                self.send_error(job.id, code, message, item.item_id)
            results = None
        elapsed = time.perf_counter() - t0
        if results is not None:
            for (job, _), audio in zip(chosen, results):
                self.writer.write({
                    "kind": "audio", "id": job.id, "item_id": audio.item_id, "sample_rate": SAMPLE_RATE,
                    "frames": audio.frames,
                    "timings": {"sample_s": round(audio.sample_s, 5), "vocode_s": round(audio.vocode_s, 5)},
                }, audio.pcm)
        for job in jobs.values():
            job.running = 0
            job.batch_s += elapsed
            job.batches += 1
            self.finish_if_done(job)

    def finish_if_done(self, job: Job) -> None:
        """Send the request's `done` once none of its items is queued or running."""
        if not job.queued and not job.running and job.id in self.jobs:
            del self.jobs[job.id]
            in_worker = time.perf_counter() - job.received_at
            self.writer.write({"kind": "done", "id": job.id, "timings": {
                "batch_s": round(job.batch_s, 5), "batches": job.batches, "in_worker_s": round(in_worker, 5)}})

    def drop(self, job: Job) -> None:
        """Answer every not-started item of a job with `cancelled`."""
        for item in job.queued:
            self.send_error(job.id, "cancelled", "cancelled before it started", item.item_id)
        job.queued.clear()

    def cancel_all(self) -> None:
        """Drop all queued work (shutdown)."""
        for job in list(self.jobs.values()):
            self.drop(job)
            self.finish_if_done(job)

    # ---- helpers ---------------------------------------------------------------------------------

    def current_device(self) -> "torch.device":
        """The torch device in use: the loaded model's, else the worker's own (local name)."""
        import torch

        return self.engine.device if self.engine is not None else torch.device(self.device.local)

    def require_engine(self):
        """The loaded engine, or a `not_loaded` error."""
        if self.engine is None:
            raise RequestError("not_loaded", "no model loaded; send load first")
        return self.engine

    def failure(self, e: Exception) -> tuple[str, str]:
        """The error code and message of an unexpected exception; an out-of-memory one names the real device
        (PyTorch's text calls it GPU 0 when CUDA_VISIBLE_DEVICES was narrowed)."""
        if _is_oom(e):
            return "out_of_memory", f"{type(e).__name__} on {self.device.describe()}: {e}"
        return "internal", f"{type(e).__name__}: {e}"

    def send_error(self, rid: int | None, code: str, message: str, item_id: str | None = None) -> None:
        """Write an `error` frame (with item_id when it concerns one item)."""
        header = {"kind": "error", "id": rid, "code": code, "message": message}
        if item_id is not None:
            header["item_id"] = item_id
        self.writer.write(header)


def _is_oom(e: BaseException) -> bool:
    import torch

    return isinstance(e, torch.OutOfMemoryError)


def _empty_cache() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def _device_name(device) -> str | None:
    """The device's marketing name; None for a CUDA device this process cannot reach."""
    import torch

    if device.type == "cuda":
        return torch.cuda.get_device_name(device) if torch.cuda.is_available() else None
    return platform.processor() or platform.machine() or "cpu"


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m ishowtts_worker`."""
    parser = argparse.ArgumentParser(prog="ishowtts_worker", description=__doc__)
    parser.add_argument("--device", help="the one device this worker uses, cpu or cuda:N (default: cuda:0 if "
                                         "available, else cpu); cuda:N becomes the only GPU the process sees")
    parser.add_argument("--log-level", default=os.environ.get("ISHOWTTS_WORKER_LOG", "INFO"))
    args = parser.parse_args(argv)
    binding = None
    if args.device is not None:
        try:
            binding = bind_device(args.device, os.environ.get("CUDA_VISIBLE_DEVICES"))
        except DeviceError as e:
            parser.error(str(e))
        if binding.visible_devices is not None:  # before torch is imported: CUDA reads it once
            os.environ["CUDA_VISIBLE_DEVICES"] = binding.visible_devices
    out = claim_stdout()
    logging.basicConfig(stream=sys.stderr, level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s worker[%(process)d] %(message)s")
    writer = FrameWriter(out)
    inbox: "queue.Queue[object]" = queue.Queue()
    threading.Thread(target=read_loop, args=(sys.stdin.buffer, inbox, writer), name="frame-reader",
                     daemon=True).start()
    import torch  # after the reader is running, so a broken stream is noticed even while torch imports

    import ishowtts_worker.official  # noqa: F401  (installs stubs, imports f5_tts once, up front)

    if binding is None:
        default = "cuda:0" if torch.cuda.is_available() else "cpu"
        binding = DeviceBinding(default, default, None)
    log.info("ishowtts worker %s (protocol %d), torch %s, device %s", __version__, PROTOCOL_VERSION,
             torch.__version__, binding.describe())
    code = Server(writer, binding).serve(inbox)
    # The reader thread may sit in a blocking stdin read; a normal interpreter shutdown would then
    # abort on the stdin buffer lock. Everything is flushed (frames are flushed per write), so leave now.
    with writer.lock:
        writer.stream.flush()
        logging.shutdown()
        os._exit(code)
