"""The time grid equals official CFM.sample's (EPSS table + sway), taken from the official code itself."""

import importlib
import math

import pytest
import torch

from ishowtts_worker import official
from ishowtts_worker.schedule import epss_timesteps, time_grid


def official_grid(cfm: torch.nn.Module, nfe: int, coef: float | None, monkeypatch: pytest.MonkeyPatch) -> torch.Tensor:
    """The grid official `CFM.sample` hands its ODE solver, captured there (the network never runs)."""
    captured: dict[str, torch.Tensor] = {}

    def record(_fn, y0: torch.Tensor, t: torch.Tensor, **_kwargs) -> torch.Tensor:
        captured["t"] = t.clone()
        return y0[None]

    monkeypatch.setattr(importlib.import_module(type(cfm).__module__), "odeint", record)
    cfm.sample(torch.zeros(1, 8, 100), ["a"], 16, steps=nfe, sway_sampling_coef=coef)
    return captured["t"]


@pytest.mark.parametrize("nfe", [1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 16, 24, 32, 64])
def test_epss_equals_official(nfe: int) -> None:
    want = official.get_epss_timesteps(nfe, device="cpu", dtype=torch.float32)
    assert torch.equal(epss_timesteps(nfe), want)


@pytest.mark.parametrize("nfe,coef", [(7, -1.0), (16, -1.0), (32, -0.5), (8, None), (9, -1.0)])
def test_grid_equals_official_sample(tiny_cfm, monkeypatch: pytest.MonkeyPatch, nfe: int, coef: float | None) -> None:
    assert torch.equal(time_grid(nfe, coef), official_grid(tiny_cfm, nfe, coef, monkeypatch))
    assert time_grid(nfe, coef)[0] == 0 and math.isclose(float(time_grid(nfe, coef)[-1]), 1.0, abs_tol=1e-6)
