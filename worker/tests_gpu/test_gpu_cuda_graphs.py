"""Replaying captured CUDA graphs gives what the eager step gives.

The first run of a shape captures its graph (padded to the batch and length buckets), the second replays it: the
two are identical bit for bit (same graph, same inputs), and both equal eager (no padding) within K_SAME times the
inherent error of the precision (the padded frames are masked; only reduction shapes differ).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gpu_support import BATCH, K_SAME, Checks, err, floor, name, requires_cuda, run


@requires_cuda
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16], ids=["fp32", "fp16"])
def test_graph_replay_equals_eager(lab, dtype) -> None:
    checks = Checks(f"cuda graphs {name(dtype)}")
    graphed, eager = lab.engine(dtype, cuda_graphs=True), lab.engine(dtype)
    graphs = graphed.sampler.graphs
    assert graphs is not None and eager.sampler.graphs is None
    for cases in (BATCH, BATCH[:1]):
        nfe = cases[0].nfe
        captures, replays = graphs.captures, graphs.replays
        first = run(graphed, cases)
        assert (graphs.captures, graphs.replays) == (captures + 1, replays + nfe), "the first run captures one graph"
        second = run(graphed, cases)
        assert (graphs.captures, graphs.replays) == (captures + 1, replays + 2 * nfe), "the second run only replays"
        plain = run(eager, cases)
        for case, a, b, e in zip(cases, first, second, plain):
            assert torch.equal(a.mel, b.mel) and np.array_equal(a.pcm, b.pcm), f"replay differs from capture run: {case}"
            ref = lab.generated(case, lab.reference(dtype, case))
            inherent = err(lab.generated(case, lab.official(dtype, case)), ref)
            checks.bounded(f"batch of {len(cases)}, {case.label}: mel graph vs eager",
                           err(lab.generated(case, a.mel), lab.generated(case, e.mel)), inherent, K_SAME,
                           floor(dtype, ref))
            wave_ref = lab.vocode(case, lab.reference(dtype, case))
            wave_inherent = err(lab.vocode(case, lab.official(dtype, case)), wave_ref)
            checks.bounded(f"batch of {len(cases)}, {case.label}: wave graph vs eager", err(a.pcm, e.pcm),
                           wave_inherent, K_SAME, floor(dtype, wave_ref))
    checks.assert_all()
