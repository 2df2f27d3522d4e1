"""A real `python -m ishowtts_worker` child process spoken to through the stdio framing."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np

WORKER_ROOT = Path(__file__).resolve().parents[1]


class WorkerProcess:
    """Spawns the worker and sends/receives frames."""

    def __init__(self, device: str = "cpu") -> None:
        path = os.pathsep.join(p for p in (str(WORKER_ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path, "OMP_NUM_THREADS": "2"}
        self.proc = subprocess.Popen([sys.executable, "-m", "ishowtts_worker", "--device", device],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def send(self, header: dict, pcm: np.ndarray | None = None) -> None:
        payload = b""
        if pcm is not None:
            payload = np.asarray(pcm, dtype="<f4").tobytes()
            header = {**header, "payload_bytes": len(payload)}
        data = json.dumps(header).encode()
        self.send_raw(struct.pack("<I", len(data)) + data + payload)

    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def recv(self) -> tuple[dict, np.ndarray | None]:
        raw = self._read(4)
        (n,) = struct.unpack("<I", raw)
        header = json.loads(self._read(n))
        size = header.get("payload_bytes", 0)
        pcm = np.frombuffer(self._read(size), dtype="<f4") if size else None
        return header, pcm

    def _read(self, n: int) -> bytes:
        data = self.proc.stdout.read(n)
        if len(data) != n:
            err = self.proc.stderr.read().decode(errors="replace")
            raise EOFError(f"worker stdout ended ({len(data)} of {n} bytes); stderr:\n{err}")
        return data

    def wait(self, timeout: float = 30) -> int:
        code = self.proc.wait(timeout=timeout)
        self.proc.stdout.close()
        self.proc.stderr.close()
        self.proc.stdin.close()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
