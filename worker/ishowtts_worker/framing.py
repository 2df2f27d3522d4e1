"""Frames of the stdio protocol: uint32 LE header length, UTF-8 JSON header, optional float32 payload."""

from __future__ import annotations

import json
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np

MAX_HEADER = 1 << 20
MAX_PAYLOAD = 256 << 20


class MalformedFrame(Exception):
    """The byte stream is broken (bad JSON, limits exceeded, EOF mid-frame): the worker must exit 3."""


@dataclass
class Frame:
    """One decoded frame."""

    header: dict
    payload: bytes = b""
    received_at: float = field(default_factory=time.perf_counter)  # when the frame was read whole (or made)

    def pcm(self) -> np.ndarray:
        """The payload as float32 samples (little endian)."""
        return np.frombuffer(self.payload, dtype="<f4").astype(np.float32)


def _read_exact(stream: BinaryIO, n: int, what: str, at_boundary: bool = False) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            if at_boundary and got == 0:
                return None
            raise MalformedFrame(f"EOF in the middle of a frame ({what}: {got} of {n} bytes)")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> Frame | None:
    """Read one frame; None on a clean EOF between frames; MalformedFrame when the stream is broken."""
    raw = _read_exact(stream, 4, "length", at_boundary=True)
    if raw is None:
        return None
    (length,) = struct.unpack("<I", raw)
    if length == 0 or length > MAX_HEADER:
        raise MalformedFrame(f"header length {length} outside 1...{MAX_HEADER}")
    data = _read_exact(stream, length, "header")
    try:
        header = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise MalformedFrame(f"header is not UTF-8 JSON: {e}") from None
    if not isinstance(header, dict):
        raise MalformedFrame("header is not a JSON object")
    size = header.get("payload_bytes", 0)
    if not isinstance(size, int) or isinstance(size, bool) or size < 0 or size > MAX_PAYLOAD or size % 4:
        raise MalformedFrame(f"bad payload_bytes {size!r}")
    payload = _read_exact(stream, size, "payload") if size else b""
    return Frame(header, payload)


class FrameWriter:
    """Writes frames atomically (one lock) to the protocol stream."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.lock = threading.Lock()

    def write(self, header: dict, pcm: np.ndarray | None = None) -> None:
        """Send one frame; a pcm array becomes the float32 LE payload and sets payload_bytes."""
        payload = b""
        if pcm is not None:
            payload = np.ascontiguousarray(pcm, dtype="<f4").tobytes()
            header = {**header, "payload_bytes": len(payload)}
        data = json.dumps(header, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
        with self.lock:
            self.stream.write(struct.pack("<I", len(data)) + data)
            if payload:  # written on its own: no copy of the audio into one joined bytes object
                self.stream.write(payload)
            self.stream.flush()
