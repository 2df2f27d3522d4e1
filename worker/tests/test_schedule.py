"""The time grid equals official CFM.sample's (EPSS table + sway)."""

import math

import pytest
import torch

from ishowtts_worker import official
from ishowtts_worker.schedule import epss_timesteps, time_grid


@pytest.mark.parametrize("nfe", [1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 16, 24, 32, 64])
def test_epss_equals_official(nfe: int) -> None:
    want = official.get_epss_timesteps(nfe, device="cpu", dtype=torch.float32)
    assert torch.equal(epss_timesteps(nfe), want)


@pytest.mark.parametrize("nfe,coef", [(7, -1.0), (16, -1.0), (32, -0.5), (8, None)])
def test_sway_equals_official(nfe: int, coef: float | None) -> None:
    t = official.get_epss_timesteps(nfe, device="cpu", dtype=torch.float32)
    if coef is not None:
        t = t + coef * (torch.cos(torch.pi / 2 * t) - 1 + t)
    assert torch.equal(time_grid(nfe, coef), t)
    assert time_grid(nfe, coef)[0] == 0 and math.isclose(float(time_grid(nfe, coef)[-1]), 1.0, abs_tol=1e-6)
