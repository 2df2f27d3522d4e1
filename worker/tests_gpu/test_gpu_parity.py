"""Our sampler equals official `CFM.sample` on the device, in fp32 and in fp16, for the real architecture.

fp32: ours and official fp32 are both compared with official fp64 on the same noise; fp16 (the DiT cast to half as
the official anchor runs it, Vocos in fp32): ours and official fp16 are both compared with official fp32 on the same
noise. The bounds are multiples of the measured error of official itself at that precision (gpu_support.py).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gpu_support import (
    DEVICE,
    K_REF,
    TEXT_A,
    Case,
    Checks,
    err,
    floor,
    initial_noise,
    name,
    run,
)
from gpu_support import HIGHER as higher

CASES = {
    "nfe7-cfg2-sway": Case("a", TEXT_A, 762, 7, 2.0, -1.0, 42),  # what chat lines use
    "nfe16-nocfg": Case("a", TEXT_A, 762, 16, 0.0, None, 7),  # another EPSS grid, no sway, the unguided path
}


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16], ids=["fp32", "fp16"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_sampler_equals_official(lab, dtype, case) -> None:
    checks = Checks(f"parity {name(dtype)} {case.label}")
    [res] = run(lab.engine(dtype), [case])
    same_full, ref_full = lab.official(dtype, case), lab.reference(dtype, case)
    assert res.mel.shape == same_full.shape == ref_full.shape
    ours, same, ref = (lab.generated(case, m) for m in (res.mel, same_full, ref_full))
    assert torch.isfinite(ours).all() and torch.isfinite(same).all()
    # The model really acted: the reference result is far from its initial noise.
    noise = lab.generated(case, initial_noise(case, dtype, DEVICE))
    assert err(ref, noise).max > 0.1

    inherent = err(same, ref)
    hi, lo = name(higher[dtype]), name(dtype)
    checks.bounded(f"mel ours vs official {hi}", err(ours, ref), inherent, K_REF, floor(dtype, ref))
    checks.bounded(f"mel ours vs official {lo}", err(ours, same), inherent, K_REF + 1, floor(dtype, ref))

    wave_same, wave_ref = lab.vocode(case, same_full), lab.vocode(case, ref_full)
    assert res.pcm.shape == wave_ref.shape and np.isfinite(res.pcm).all()
    wave_inherent = err(wave_same, wave_ref)
    checks.bounded(f"wave ours vs official {hi}", err(res.pcm, wave_ref), wave_inherent, K_REF, floor(dtype, wave_ref))
    checks.bounded(f"wave ours vs official {lo}", err(res.pcm, wave_same), wave_inherent, K_REF + 1,
                   floor(dtype, wave_ref))
    checks.assert_all()
