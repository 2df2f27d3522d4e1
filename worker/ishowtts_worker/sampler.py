"""The fast flow-matching sampler: official `CFM.sample` semantics for a batch of prepared items.

Per item, as official: duration >= max(text tokens, cond frames) + 1, initial noise drawn with
`torch.manual_seed(seed); torch.randn(duration, 100)` in the DiT dtype, Euler steps over the EPSS/sway
grid with classifier-free guidance, and the cond (reference) frames pasted back at the end.
Several items run in one forward with padding masks; on CUDA the step is replayed from a graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ishowtts_worker.buckets import batch_bucket, length_bucket
from ishowtts_worker.configs import MEL_DIM
from ishowtts_worker.cuda_graphs import GraphCache, allocate_inputs
from ishowtts_worker.fast_dit import FastDiT, StepInputs
from ishowtts_worker.schedule import time_grid

MAX_DURATION = 65536  # CFM.sample's max_duration


@dataclass
class SampleItem:
    """One item ready for the sampler."""

    tokens: list[int]
    cond: torch.Tensor  # [cond_frames, 100] fp32 mel of the reference, on the device
    duration: int  # requested total frames (reference included)
    seed: int | None
    cfg_strength: float

    @property
    def effective_duration(self) -> int:
        """The duration CFM.sample actually uses: at least text/cond length + 1, at most 65536."""
        floor = max(len(self.tokens), self.cond.shape[0]) + 1
        return min(max(floor, self.duration), MAX_DURATION)


@dataclass
class Schedule:
    """Precomputed per-step inputs of one (nfe, sway) grid."""

    mods: torch.Tensor  # [nfe, depth, 6, 1, 1, dim]
    final_mod: torch.Tensor  # [nfe, 2, 1, 1, dim]
    dt: torch.Tensor  # [nfe] fp32


class Sampler:
    """Runs batches of items through the fast DiT; eager or from CUDA graphs."""

    def __init__(self, fast: FastDiT, cuda_graphs: bool) -> None:
        self.fast = fast
        self.graphs = GraphCache(fast) if cuda_graphs and fast.device.type == "cuda" else None
        self._schedules: dict[tuple[int, float | None], Schedule] = {}
        self.forwards = 0

    def schedule(self, nfe: int, sway: float | None) -> Schedule:
        """Time conditioning of a grid, computed once and cached."""
        key = (nfe, sway)
        if key not in self._schedules:
            grid = time_grid(nfe, sway)
            mods, final = self.fast.time_conditioning(grid)
            dt = (grid[1:] - grid[:-1]).to(self.fast.device)
            self._schedules[key] = Schedule(mods, final, dt)
        return self._schedules[key]

    @torch.inference_mode()
    def sample(self, items: list[SampleItem], nfe: int, sway: float | None) -> list[torch.Tensor]:
        """Generated mels [effective_duration, 100] (fp32, reference frames included), one per item."""
        fast, dev, dtype = self.fast, self.fast.device, self.fast.dtype
        batch = len(items)
        durations = [it.effective_duration for it in items]
        longest = max(durations)
        packed = any(it.cfg_strength >= 1e-5 for it in items)  # official: cfg < 1e-5 runs unguided

        cond = torch.zeros(batch, longest, MEL_DIM, device=dev, dtype=dtype)
        for i, it in enumerate(items):
            cond[i, : it.cond.shape[0]] = it.cond.to(dtype)
        cond_proj = fast.request_conditioning([it.tokens for it in items], durations, cond, packed)
        noise = torch.zeros(batch, longest, MEL_DIM, device=dev)
        for i, (it, d) in enumerate(zip(items, durations)):
            if it.seed is not None:
                torch.manual_seed(it.seed)
            noise[i, :d] = torch.randn(d, MEL_DIM, device=dev, dtype=dtype).float()
        cfg = torch.tensor([it.cfg_strength for it in items], device=dev).view(batch, 1, 1)

        if self.graphs is not None:
            rows_b, n = batch_bucket(batch), length_bucket(longest)
            graph, s = self.graphs.get(rows_b, n, packed)
        else:
            rows_b, n, graph = batch, longest, None
            s = allocate_inputs(fast, batch, n, packed, masked=any(d != n for d in durations))
        self._fill(s, batch, rows_b, n, durations, cond_proj, noise, cfg, packed)

        sched = self.schedule(nfe, sway)
        for k in range(nfe):
            if graph is not None:
                s.mods.copy_(sched.mods[k])
                s.final_mod.copy_(sched.final_mod[k])
                s.dt.copy_(sched.dt[k])
                graph.replay()
                self.graphs.replays += 1
            else:
                s.mods, s.final_mod, s.dt = sched.mods[k], sched.final_mod[k], sched.dt[k]
                fast.euler_step(s)
        self.forwards += nfe

        out = []
        for i, (it, d) in enumerate(zip(items, durations)):
            mel = s.x[i, :d].clone()
            mel[: it.cond.shape[0]] = cond[i, : it.cond.shape[0]].float()
            out.append(mel)
        return out

    @staticmethod
    def _fill(s: StepInputs, batch: int, rows_b: int, n: int, durations: list[int],
              cond_proj: torch.Tensor, noise: torch.Tensor, cfg: torch.Tensor, packed: bool) -> None:
        """Copy one request into (possibly larger, graph-static) step inputs; padding stays inert."""
        longest = noise.shape[1]
        s.x.zero_()
        s.x[:batch, :longest] = noise
        s.cond_proj.zero_()
        s.cond_proj[:batch, :longest] = cond_proj[:batch]
        if packed:
            s.cond_proj[rows_b : rows_b + batch, :longest] = cond_proj[batch:]
        s.cfg.zero_()
        s.cfg[:batch] = cfg
        if s.conv_mask is not None:
            # Unused rows get one real frame so attention never sees an all-masked row (NaN).
            lengths = torch.tensor(durations + [1] * (rows_b - batch), device=s.x.device)
            real = torch.arange(n, device=s.x.device)[None, :] < lengths[:, None]  # [B, N]
            rows = torch.cat([real, real]) if packed else real
            s.conv_mask.copy_(rows)
            s.key_mask.copy_(rows[:, None, None, :])
            s.keep.copy_(real[:, :, None].float())
        if s.kv_len is not None:
            lengths = torch.tensor(durations + [1] * (rows_b - batch), device=s.x.device, dtype=torch.int32)
            s.kv_len.copy_(torch.cat([lengths, lengths]) if packed else lengths)

