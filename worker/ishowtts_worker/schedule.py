"""The time grid of the Euler ODE solve: official EPSS for low NFE, uniform otherwise, then sway.

Empirically Pruned Step Sampling (F5-TTS v1.1) spends few steps where the flow is nearly straight.
The table is copied from `f5_tts.model.utils.get_epss_timesteps` (f5-tts 1.1.22); a test keeps it equal.
Sway sampling (F5-TTS paper, eq. 7) bends the grid towards t=0 for coef < 0.
"""

from __future__ import annotations

import math

import torch

EPSS_STEPS_OF_32: dict[int, list[int]] = {
    5: [0, 2, 4, 8, 16, 32],
    6: [0, 2, 4, 6, 8, 16, 32],
    7: [0, 2, 4, 6, 8, 16, 24, 32],
    10: [0, 2, 4, 6, 8, 12, 16, 20, 24, 28, 32],
    12: [0, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32],
    16: [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32],
}


def epss_timesteps(nfe: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """nfe+1 time points in [0, 1]: the EPSS table when it has `nfe`, else uniform (as official)."""
    steps = EPSS_STEPS_OF_32.get(nfe)
    if steps is None:
        return torch.linspace(0, 1, nfe + 1, dtype=dtype)
    return (1 / 32) * torch.tensor(steps, dtype=dtype)


def time_grid(nfe: int, sway_coef: float | None, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """The grid `CFM.sample` integrates over: EPSS/uniform, then sway sampling when coef is given."""
    t = epss_timesteps(nfe, dtype)
    if sway_coef is not None:
        t = t + sway_coef * (torch.cos(math.pi / 2 * t) - 1 + t)
    return t
