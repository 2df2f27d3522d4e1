"""Shared fixtures: a tiny random F5 DiT (official classes, perturbed weights) on the CPU in fp32."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch

WORKER_ROOT = Path(__file__).resolve().parents[1]
if str(WORKER_ROOT) not in sys.path:
    sys.path.insert(0, str(WORKER_ROOT))

from ishowtts_worker import official  # noqa: E402
from ishowtts_worker.configs import build_cfm  # noqa: E402
from ishowtts_worker.engine import Engine  # noqa: E402
from ishowtts_worker.vocoder import load_vocos  # noqa: E402

torch.set_num_threads(2)


def perturb(model: torch.nn.Module, seed: int, scale: float = 0.05) -> None:
    """Add noise to every weight: the official init zeroes AdaLN and output layers, which would make
    every prediction zero and any two samplers trivially equal."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn(p.shape, generator=g) * scale)


@pytest.fixture(scope="session")
def vocab() -> tuple[dict[str, int], int]:
    return official.get_tokenizer(official.example_vocab_path(), "custom")


@pytest.fixture(scope="session")
def tiny_cfm(vocab):
    torch.manual_seed(0)
    cfm = build_cfm("tiny", *vocab)
    perturb(cfm, 1)
    return cfm.eval()


@pytest.fixture(scope="session")
def vocos():
    return load_vocos(None, torch.device("cpu"), seed=0)


@pytest.fixture(scope="session")
def engine(tiny_cfm, vocos, vocab) -> Engine:
    e = Engine(tiny_cfm, vocos, vocab[0], device=torch.device("cpu"), dtype=torch.float32)
    e.keep_mels = True
    return e


def reference_wave(seconds: float, seed: int) -> torch.Tensor:
    """Deterministic speech-like test audio (a few harmonics with noise), RMS about 0.1."""
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(int(24000 * seconds)) / 24000
    wave = sum(torch.sin(2 * np.pi * f * t) / (k + 1) for k, f in enumerate((140.0, 280.0, 420.0)))
    wave = wave + 0.3 * torch.randn(t.shape, generator=g)
    return (wave / wave.pow(2).mean().sqrt() * 0.1).float()
