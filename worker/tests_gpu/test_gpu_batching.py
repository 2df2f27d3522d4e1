"""Items of different voices, lengths, texts and CFG strengths in one batch give what each gives alone.

Batching pads rows to the longest item and masks the padding out of attention and the conv position embedding, so
the only differences left are reduction shapes: rounding at the DiT's precision, bounded by K_SAME times the
measured inherent error of that precision for the same item (gpu_support.py). Each batched item is also held to
official `CFM.sample` run alone.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gpu_support import BATCH, K_REF, K_SAME, Checks, err, floor, name, run


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16], ids=["fp32", "fp16"])
def test_batched_equals_alone(lab, dtype) -> None:
    checks = Checks(f"batched {name(dtype)}")
    engine = lab.engine(dtype)
    batched = run(engine, BATCH)
    for case, got in zip(BATCH, batched):
        [alone] = run(engine, [case])
        assert got.mel.shape == alone.mel.shape and got.pcm.shape == alone.pcm.shape
        assert np.isfinite(got.pcm).all()
        ref = lab.generated(case, lab.reference(dtype, case))
        same = lab.generated(case, lab.official(dtype, case))
        inherent = err(same, ref)
        fl = floor(dtype, ref)
        mel_b, mel_a = lab.generated(case, got.mel), lab.generated(case, alone.mel)
        checks.bounded(f"{case.label}: mel batched vs alone", err(mel_b, mel_a), inherent, K_SAME, fl)
        checks.bounded(f"{case.label}: mel batched vs official {name(dtype)} alone", err(mel_b, same), inherent,
                       K_REF + 1, fl)
        wave_ref = lab.vocode(case, lab.reference(dtype, case))
        wave_inherent = err(lab.vocode(case, lab.official(dtype, case)), wave_ref)
        checks.bounded(f"{case.label}: wave batched vs alone", err(got.pcm, alone.pcm), wave_inherent, K_SAME,
                       floor(dtype, wave_ref))
    checks.assert_all()
