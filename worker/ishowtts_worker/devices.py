"""One worker, one GPU: `--device cuda:N` makes that GPU the only one the process can see.

Triton launches its kernels on the *current* CUDA device (device 0 unless set), whatever device the
tensors live on, so a worker computing on cuda:1 failed every CUDA-graph capture; and any stray
`torch.cuda` call would create a context (hundreds of MB) on another worker's card. A process whose
CUDA_VISIBLE_DEVICES names only its own GPU can do neither. `server.main` therefore narrows the
variable before torch is imported (keeping a list the user already set: cuda:N is its N-th entry) and
computes on `cuda:0`, while everything the worker reports (hello, load, logs) names the real `cuda:N`.
This module imports nothing heavy: it runs before torch.
"""

from __future__ import annotations

from dataclasses import dataclass

CPU = "cpu"
LOCAL_CUDA = "cuda:0"


class DeviceError(ValueError):
    """A device name or CUDA_VISIBLE_DEVICES value the worker cannot use."""


def parse_device(name: str) -> int | None:
    """The CUDA index of `cuda[:N]` (`cuda` is cuda:0), None for `cpu`; DeviceError for anything else."""
    name = name.strip()
    if name == CPU:
        return None
    if name == "cuda":
        return 0
    kind, sep, index = name.partition(":")
    if kind == "cuda" and sep and index.isdigit() and index.isascii():
        return int(index)
    raise DeviceError(f"device {name!r} is not cpu or cuda:N")


@dataclass(frozen=True)
class DeviceBinding:
    """The worker's device, as the supervisor names it (`public`) and as this process addresses it (`local`)."""

    public: str  # e.g. "cuda:1": reported in hello, load and the log
    local: str  # e.g. "cuda:0": what torch is given inside the worker
    visible_devices: str | None  # CUDA_VISIBLE_DEVICES to set before torch is imported; None: leave it

    def resolve(self, requested: str | None) -> str:
        """The local name of the device a `load` asks for (None: the worker's own); DeviceError for another GPU."""
        if requested is None or requested.strip() == CPU:
            return self.local if requested is None else CPU
        index = parse_device(requested)
        if self.public != CPU and index == parse_device(self.public):
            return self.local
        raise DeviceError(f"this worker was started for {self.public} and cannot use {requested.strip()}; "
                          f"start a worker with --device {requested.strip()} for it")

    def report(self, local: str) -> str:
        """The name the supervisor knows for a local device name (cpu stays cpu)."""
        return self.public if local == self.local else local

    def describe(self) -> str:
        """One log line's worth: the device and how this process sees it."""
        if self.visible_devices is None:
            return self.public
        return f"{self.public} (CUDA_VISIBLE_DEVICES={self.visible_devices}, {self.local} in this process)"


def bind_device(requested: str, visible: str | None) -> DeviceBinding:
    """The binding for `--device requested` given the inherited CUDA_VISIBLE_DEVICES (None: unset).

    cpu leaves the variable alone. cuda:N narrows it to its N-th comma-separated entry (an index or a
    GPU-/MIG- UUID, kept verbatim) when it is set, else to N; DeviceError when N is past its end.
    """
    index = parse_device(requested)
    if index is None:
        return DeviceBinding(CPU, CPU, None)
    public = f"cuda:{index}"
    if visible is None:
        return DeviceBinding(public, LOCAL_CUDA, str(index))
    entries = [e.strip() for e in visible.split(",")] if visible.strip() else []
    if index >= len(entries):
        seen = f"lists {len(entries)} device(s)" if entries else "is empty (no GPU is visible)"
        raise DeviceError(f"--device {public}: CUDA_VISIBLE_DEVICES={visible!r} {seen}")
    if not entries[index]:
        raise DeviceError(f"--device {public}: entry {index} of CUDA_VISIBLE_DEVICES={visible!r} is empty")
    return DeviceBinding(public, LOCAL_CUDA, entries[index])
