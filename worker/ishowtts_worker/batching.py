"""Which queued items run together: first-come first-served, same schedule, bounded size.

Items of different requests (and different voices, texts and durations) share a forward when they
share `nfe_step` and `sway_sampling_coef` (the time grid and its precomputed conditioning).
"""

from __future__ import annotations

from typing import Sequence

from ishowtts_worker.engine import SynthItem

MAX_BATCH = 64
MAX_BATCH_FRAMES = 64 * 1024  # items x longest duration per forward: bounds activation memory


def select_batch(queued: Sequence[SynthItem]) -> list[int]:
    """Indices into `queued` (oldest first) of the next batch: the oldest item and followers like it."""
    if not queued:
        return []
    key = queued[0].schedule_key
    chosen: list[int] = []
    longest = 0
    for i, item in enumerate(queued):
        if item.schedule_key != key:
            continue
        candidate = max(longest, item.duration)
        if chosen and (len(chosen) >= MAX_BATCH or (len(chosen) + 1) * candidate > MAX_BATCH_FRAMES):
            break
        chosen.append(i)
        longest = candidate
    return chosen
