"""The fused half-precision kernels (Triton rotary and residual+LayerNorm, GELU in the GEMM epilogue,
FlashAttention with per-row key lengths) give what the plain torch ops give.

The switch is the fast DiT's own: `FastDiT.use_<part>` for the parts in gpu_support.FUSED_PARTS (what
`ISHOWTTS_FUSED_OFF=flash,rope_kernel,add_ln,gelu_epilogue` sets when the worker starts). Both engines run eager on
the same fp16 weights; their distance is bounded by K_SAME times the inherent fp16 error of the same item.
"""

from __future__ import annotations

import numpy as np
import torch

from gpu_support import BATCH, DEVICE, FUSED_PARTS, K_SAME, ON_CUDA, TEXT_A, Case, Checks, err, floor, run

# Beyond FastDiT.flash_max_frames (1024) attention is SDPA with a mask; the other fused parts still run.
LONG = Case("b", TEXT_A, 1200, 7, 2.0, -1.0, 5)


def test_fused_kernels_equal_torch_ops_fp16(lab) -> None:
    dtype = torch.float16
    checks = Checks("fused kernels fp16")
    fused, plain = lab.engine(dtype), lab.engine(dtype, fused=False)
    on = {p: getattr(fused.fast, "use_" + p) for p in FUSED_PARTS}
    if ON_CUDA:
        assert all(on.values()), f"the fused path is not in use on this machine (Triton missing?): {on}"
    else:  # ISHOWTTS_GPU_TEST_DEVICE=cpu: the kernels exist only on CUDA; this only checks that the test runs
        print(f"no fused kernels on {DEVICE}: torch ops compared with themselves")
    assert not any(getattr(plain.fast, "use_" + p) for p in FUSED_PARTS)
    for cases in (BATCH, BATCH[:1], [LONG]):
        for case, a, b in zip(cases, run(fused, cases), run(plain, cases)):
            assert np.isfinite(a.pcm).all() and np.isfinite(b.pcm).all()
            ref = lab.generated(case, lab.reference(dtype, case))
            inherent = err(lab.generated(case, lab.official(dtype, case)), ref)
            checks.bounded(f"batch of {len(cases)}, {case.label}: mel fused vs torch ops",
                           err(lab.generated(case, a.mel), lab.generated(case, b.mel)), inherent, K_SAME,
                           floor(dtype, ref))
            wave_ref = lab.vocode(case, lab.reference(dtype, case))
            wave_inherent = err(lab.vocode(case, lab.official(dtype, case)), wave_ref)
            checks.bounded(f"batch of {len(cases)}, {case.label}: wave fused vs torch ops", err(a.pcm, b.pcm),
                           wave_inherent, K_SAME, floor(dtype, wave_ref))
    checks.assert_all()
