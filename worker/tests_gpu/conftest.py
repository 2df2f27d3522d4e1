"""GPU test session: refuse to run without CUDA, IEEE fp32 everywhere, one shared `Lab`, and a summary of every
measured error at the end (`make test-gpu`; see gpu_support.py for how the bounds are derived)."""

from __future__ import annotations

import os

import pytest
import torch

import gpu_support
from gpu_support import CONFIG, DEVICE, ON_CUDA, REPORT, Lab

# The suite decides which fused kernels it switches off; an operator's setting must not leak into it.
os.environ.pop("ISHOWTTS_FUSED_OFF", None)


def pytest_configure(config: pytest.Config) -> None:
    if ON_CUDA and not torch.cuda.is_available():
        pytest.exit(
            f"make test-gpu needs a CUDA GPU: torch {torch.__version__} (CUDA build {torch.version.cuda}) sees none. "
            "Run it on a GPU machine (make test-gpu F5_PYTHON=python3 where there is no .venv-f5). To only check that "
            "the code runs elsewhere: ISHOWTTS_GPU_TEST_DEVICE=cpu ISHOWTTS_GPU_TEST_CONFIG=tiny.",
            returncode=2,
        )
    if ON_CUDA:
        torch.cuda.set_device(DEVICE)  # Triton launches on the current device, whatever device the tensors are on
    # Official and ours both compute fp32 as IEEE fp32 (TF32 would make every fp32 comparison a 10-bit one).
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


@pytest.fixture(scope="session")
def lab() -> Lab:
    return Lab(DEVICE, CONFIG)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    tr = terminalreporter
    name = torch.cuda.get_device_name(DEVICE) if ON_CUDA and torch.cuda.is_available() else str(DEVICE)
    tr.section(f"measured errors ({CONFIG} random weights, {name}, torch {torch.__version__})")
    tr.write_line(f"bounds: ours vs reference <= {gpu_support.K_REF:g} x inherent + floor; ours vs official same "
                  f"precision <= {gpu_support.K_REF + 1:g} x inherent + floor; two ways of ours <= "
                  f"{gpu_support.K_SAME:g} x inherent + floor; floor = {gpu_support.FLOOR_ULPS} ulp at the peak (max) "
                  "and at the mean magnitude (mean)")
    for r in REPORT:
        inherent = f" | inherent {r.inherent}" if r.inherent else ""
        tr.write_line(f"{'ok  ' if r.ok else 'OVER'} {r.test}: {r.what}: {r.got} | bound {r.bound}{inherent}")
