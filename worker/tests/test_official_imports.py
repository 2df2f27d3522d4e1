"""The worker imports only what inference needs: einx and torchdiffeq stay deferred until used."""

from __future__ import annotations

import json
import subprocess
import sys

from tests_support import WORKER_ROOT

PROBE = """
import json, sys, torch
import ishowtts_worker.server, ishowtts_worker.official, ishowtts_worker.model_loader
loaded = [m for m in ("torch._dynamo", "sympy", "scipy.integrate", "einx._src", "torchdiffeq._impl") if m in sys.modules]
from f5_tts.model import cfm  # CFM.sample's odeint is the stand-in's, which calls the real one
y = cfm.odeint(lambda t, x: -x, torch.ones(1), torch.tensor([0.0, 1.0]), method="euler")
print(json.dumps({"loaded": loaded, "odeint": y[-1].item(), "real": "torchdiffeq._impl" in sys.modules}))
"""


def test_unused_heavy_imports_are_deferred_until_used() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=WORKER_ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["odeint"] == 0.0 and result["real"]  # one Euler step of dx/dt = -x from 1 over [0, 1]
