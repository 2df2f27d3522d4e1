"""Memory figures of the worker's GPU, so the supervisor can tell whether a standby worker fits on the card.

`total` and `free` come from the driver (cudaMemGetInfo: the whole card, every process counted);
`peak` is this process's high-water mark of memory PyTorch's caching allocator reserved, the part of
the card a worker of this model really needs (what `allocated` shows is only what is in use now).
All in MiB rounded to 0.1; None on the CPU or when CUDA cannot be reached.
"""

from __future__ import annotations

import torch

MIB = 2**20


def _mb(n: int) -> float:
    return round(n / MIB, 1)


def _cuda(device: torch.device | None) -> bool:
    return device is not None and device.type == "cuda" and torch.cuda.is_available()


def device_total_mb(device: torch.device | None) -> float | None:
    """The card's whole memory."""
    return _mb(torch.cuda.mem_get_info(device)[1]) if _cuda(device) else None


def memory_figures(device: torch.device | None, allocated: bool) -> dict[str, float | None]:
    """The `stats` fields: allocated now (only when a model is loaded), card total and free, this process's peak."""
    if not _cuda(device):
        return {"device_memory_mb": None, "device_total_mb": None, "device_free_mb": None, "device_peak_mb": None}
    free, total = torch.cuda.mem_get_info(device)
    return {
        "device_memory_mb": _mb(torch.cuda.memory_allocated(device)) if allocated else None,
        "device_total_mb": _mb(total),
        "device_free_mb": _mb(free),
        "device_peak_mb": _mb(torch.cuda.max_memory_reserved(device)),
    }
