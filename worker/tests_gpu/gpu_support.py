"""What the GPU tests share: the real F5TTS_v1_Base with seeded random weights on the device, our engines over it,
memoised official `CFM.sample` runs, and error bounds derived from measured precision errors.

How the tolerances are justified (every number is printed at the end of the run, see conftest.py):

* The reference of a run at precision P is official `CFM.sample` at the next higher precision, on exactly the same
  initial noise (drawn in P by the seeded generator, then widened): fp64 for fp32, fp32 for fp16. Its distance from
  official at P is the *inherent* error of running this model at P: rounding, amplified by 22 layers and the ODE.
* Parity: our sampler at P is another computation of the same function at P (reordered, fused, some parts in higher
  precision), so it must be about as close to the reference as official at P is: within K_REF times the inherent
  error. By the triangle inequality it is then within (K_REF + 1) times the inherent error of official at P.
* Batched = alone, CUDA graph = eager, fused kernels = torch ops: two computations of ours at P that differ only in
  reduction shapes and kernels. Each is about as close to the reference as official at P, so their distance is at
  most twice the inherent error (K_SAME = 2, the triangle inequality); in practice it is far smaller.
* Every bound adds an absolute floor of FLOOR_ULPS units in the last place of P (at the reference's peak for the max,
  at its mean magnitude for the mean), so a bound never falls to 0 when an inherent error happens to be tiny: even an
  exact computation rounded to P at the end differs by half an ulp, and official at fp16 keeps its ODE state in fp16
  where ours keeps it in fp32.
* fp32 means IEEE fp32 here: conftest.py turns TF32 off for matmuls and cuDNN in this process (official and ours).
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch

WORKER_ROOT = Path(__file__).resolve().parents[1]
for _p in (WORKER_ROOT, WORKER_ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from ishowtts_worker import official  # noqa: E402
from ishowtts_worker.configs import build_cfm  # noqa: E402
from ishowtts_worker.engine import Engine, ItemAudio, SynthItem  # noqa: E402
from ishowtts_worker.vocoder import load_vocos  # noqa: E402

_threads = torch.get_num_threads()
from tests_support import perturb, reference_wave  # noqa: E402

torch.set_num_threads(_threads)  # tests_support pins 2 threads for the CPU suite; the GPU machine has more cores

# Overrides, for running the suite where there is no GPU (ISHOWTTS_GPU_TEST_DEVICE=cpu ISHOWTTS_GPU_TEST_CONFIG=tiny):
# only to check that the code runs; `make test-gpu` itself fails without CUDA (conftest.py).
DEVICE = torch.device(os.environ.get("ISHOWTTS_GPU_TEST_DEVICE", "cuda:0"))
CONFIG = os.environ.get("ISHOWTTS_GPU_TEST_CONFIG", "F5TTS_v1_Base")
ON_CUDA = DEVICE.type == "cuda"
requires_cuda = pytest.mark.skipif(not ON_CUDA, reason=f"needs CUDA (ISHOWTTS_GPU_TEST_DEVICE={DEVICE})")

K_REF = 3.0
K_SAME = 2.0
FLOOR_ULPS = 4
# Weight noise on top of the official init (which zeroes AdaLN and output layers, so every prediction would be 0).
# 0.02 is what bench.py's parity uses on F5TTS_v1_Base (larger values push 22 fp16 layers towards overflow).
PERTURB_SCALE = {"F5TTS_v1_Base": 0.02, "tiny": 0.05}
HIGHER = {torch.float16: torch.float32, torch.bfloat16: torch.float32, torch.float32: torch.float64}
DTYPE_NAMES = {torch.float16: "fp16", torch.bfloat16: "bf16", torch.float32: "fp32", torch.float64: "fp64"}

REF_TEXT = "I am not in danger, Skyler. I am the danger. "
TEXT_A = REF_TEXT + "Hello world, this is a test of the optimized TTS system."
TEXT_B = REF_TEXT + "你好，欢迎来到直播间！lol that play was insane."
TEXT_C = REF_TEXT + "Short one!"
VOICE_SECONDS = {"a": 6.0, "b": 3.5}  # 562 and 328 protocol frames


@dataclass(frozen=True)
class Case:
    """One synthesis item (the same for ours and official)."""

    voice: str
    text: str
    duration: int
    nfe: int
    cfg: float
    sway: float | None
    seed: int

    def item(self, item_id: str) -> SynthItem:
        return SynthItem(item_id, self.voice, self.text, self.duration, self.nfe, self.cfg, self.sway, self.seed)

    @property
    def label(self) -> str:
        return f"voice {self.voice} {self.duration} fr nfe {self.nfe} cfg {self.cfg:g} sway {self.sway}"


# Three voices/lengths/texts/CFG strengths that share one schedule, so they can share a batch; all at most 1024
# frames, so the fp16 fused path uses FlashAttention with per-row key lengths.
BATCH = [
    Case("a", TEXT_A, 762, 7, 2.0, -1.0, 1),
    Case("b", TEXT_B, 520, 7, 2.5, -1.0, 2),
    Case("a", TEXT_C, 640, 7, 2.0, -1.0, 3),
]


@dataclass(frozen=True)
class Err:
    """Max and mean absolute difference."""

    max: float
    mean: float

    def __str__(self) -> str:
        return f"max {self.max:.2e} mean {self.mean:.2e}"


def err(a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray) -> Err:
    a = torch.as_tensor(a, dtype=torch.float64, device="cpu")
    b = torch.as_tensor(b, dtype=torch.float64, device="cpu")
    assert a.shape == b.shape, (a.shape, b.shape)
    d = (a - b).abs()
    return Err(d.max().item(), d.mean().item())


def floor(dtype: torch.dtype, reference: torch.Tensor | np.ndarray) -> Err:
    """FLOOR_ULPS units in the last place of `dtype`: at the reference's peak magnitude (for the max) and at its
    mean magnitude (for the mean; rounding errors scale with the magnitude of what is rounded)."""
    magnitude = torch.as_tensor(reference, dtype=torch.float64).abs()
    ulp = FLOOR_ULPS * torch.finfo(dtype).eps
    return Err(ulp * magnitude.max().item(), ulp * magnitude.mean().item())


@dataclass
class Row:
    """One measured comparison, for the summary at the end of the run."""

    test: str
    what: str
    got: Err
    inherent: Err | None
    bound: Err
    ok: bool


REPORT: list[Row] = []


class Checks:
    """Records comparisons against bounds; `assert_all` fails after all of a test's numbers are recorded."""

    def __init__(self, test: str) -> None:
        self.test = test
        self.failed: list[str] = []

    def bounded(self, what: str, got: Err, inherent: Err, k: float, floor_: Err) -> None:
        """got <= k * inherent + floor, for both the max and the mean."""
        bound = Err(k * inherent.max + floor_.max, k * inherent.mean + floor_.mean)
        self._add(what, got, inherent, bound)

    def _add(self, what: str, got: Err, inherent: Err | None, bound: Err) -> None:
        ok = got.max <= bound.max and got.mean <= bound.mean
        REPORT.append(Row(self.test, what, got, inherent, bound, ok))
        line = f"{self.test}: {what}: {got} (bound {bound}" + (f", inherent {inherent})" if inherent else ")")
        print(line)
        if not ok:
            self.failed.append(line)

    def assert_all(self) -> None:
        assert not self.failed, "over the bound:\n" + "\n".join(self.failed)


@contextlib.contextmanager
def noise_drawn_in(dtype: torch.dtype):
    """Make official CFM.sample draw its initial noise in `dtype` (then widen it to the model's dtype), so a
    higher-precision reference starts from exactly the noise a lower-precision run draws from the same seed."""
    real = torch.randn

    def randn(*size, **kwargs):
        want = kwargs.pop("dtype", None) or torch.get_default_dtype()
        return real(*size, dtype=dtype, **kwargs).to(want)

    torch.randn = randn
    try:
        yield
    finally:
        torch.randn = real


class Lab:
    """One set of seeded random weights, at every precision the tests need, with engines and official runs."""

    def __init__(self, device: torch.device, config: str) -> None:
        self.device = device
        self.config = config
        vocab_char_map, vocab_size = official.get_tokenizer(official.example_vocab_path(), "custom")
        self.vocab_char_map = vocab_char_map
        torch.manual_seed(0)
        master = build_cfm(config, vocab_char_map, vocab_size)
        perturb(master, seed=123, scale=PERTURB_SCALE.get(config, 0.02))
        self.master = master.eval()  # on the CPU in fp32, never run (so deepcopy-able: no official text cache)
        self.vocos = load_vocos(None, device, seed=0)  # Vocos runs in fp32, as official
        self.waves = {v: reference_wave(s, i) for i, (v, s) in enumerate(VOICE_SECONDS.items())}
        self._cfms: dict[torch.dtype, torch.nn.Module] = {}
        self._engines: dict[tuple, Engine] = {}
        self._official: dict[tuple, torch.Tensor] = {}

    def cfm(self, dtype: torch.dtype) -> torch.nn.Module:
        """The weights on the device in `dtype` (all of CFM cast, as the official anchor runs half precision)."""
        if dtype not in self._cfms:
            self._cfms[dtype] = copy.deepcopy(self.master).to(self.device).to(dtype).eval()
        return self._cfms[dtype]

    def engine(self, dtype: torch.dtype, cuda_graphs: bool = False, fused: bool = True) -> Engine:
        """Our engine over `cfm(dtype)`, both voices prepared. fused=False turns the fast DiT's fused kernels off."""
        key = (dtype, cuda_graphs, fused)
        if key not in self._engines:
            e = Engine(self.cfm(dtype), self.vocos, self.vocab_char_map, device=self.device, dtype=dtype,
                       cuda_graphs=cuda_graphs)
            if not fused:
                for part in FUSED_PARTS:
                    setattr(e.fast, "use_" + part, False)
            e.keep_mels = True
            for vid, wave in self.waves.items():
                e.prepare_voice(vid, wave.numpy())
            self._engines[key] = e
        return self._engines[key]

    def official(self, dtype: torch.dtype, case: Case, noise_dtype: torch.dtype | None = None) -> torch.Tensor:
        """Official CFM.sample's full mel [frames, 100] (fp32, on the CPU) at `dtype`; noise drawn in `noise_dtype`."""
        noise_dtype = noise_dtype or dtype
        key = (dtype, noise_dtype, case)
        if key not in self._official:
            cfm = self.cfm(dtype)
            wave = self.waves[case.voice].to(self.device)
            noise = noise_drawn_in(noise_dtype) if noise_dtype != dtype else contextlib.nullcontext()
            with torch.inference_mode(), noise:
                out, _ = cfm.sample(cond=wave[None], text=official.convert_char_to_pinyin([case.text]),
                                    duration=case.duration, steps=case.nfe, cfg_strength=case.cfg,
                                    sway_sampling_coef=case.sway, seed=case.seed)
            self._official[key] = out[0].float().cpu()
        return self._official[key]

    def reference(self, dtype: torch.dtype, case: Case) -> torch.Tensor:
        """Official at the next higher precision on the noise a `dtype` run draws."""
        return self.official(HIGHER[dtype], case, noise_dtype=dtype)

    def inherent(self, dtype: torch.dtype, case: Case) -> Err:
        """How far official at `dtype` is from its higher-precision reference (generated frames)."""
        return err(self.generated(case, self.official(dtype, case)), self.generated(case, self.reference(dtype, case)))

    def mel_rows(self, voice: str) -> int:
        """Rows of the voice's reference mel (samples // 256 + 1): where generated frames start in a full mel."""
        return self.waves[voice].shape[0] // 256 + 1

    def generated(self, case: Case, mel: torch.Tensor) -> torch.Tensor:
        return mel.cpu()[self.mel_rows(case.voice):]

    def vocode(self, case: Case, mel: torch.Tensor) -> np.ndarray:
        """The official infer path's waveform of a full mel: Vocos in fp32 from ref_audio_len = samples // 256 on."""
        start = self.waves[case.voice].shape[0] // 256
        with torch.inference_mode():
            return self.vocos.decode(mel[None, start:].to(self.device).permute(0, 2, 1))[0].cpu().numpy()


def run(engine: Engine, cases: list[Case]) -> list[ItemAudio]:
    """Our engine on `cases` as one batch."""
    return engine.run([c.item(f"i{k}") for k, c in enumerate(cases)])


def initial_noise(case: Case, dtype: torch.dtype, device: torch.device) -> torch.Tensor:
    """The seeded noise both samplers start from (CFM.sample: manual_seed, then randn(duration, 100))."""
    torch.manual_seed(case.seed)
    return torch.randn(case.duration, 100, device=device, dtype=dtype).float().cpu()


# The fast DiT's switches for its fused CUDA kernels (fast_dit.FastDiT.__init__; ISHOWTTS_FUSED_OFF names them too).
FUSED_PARTS = ("flash", "rope_kernel", "add_ln", "gelu_epilogue")


def name(dtype: torch.dtype) -> str:
    return DTYPE_NAMES[dtype]
