"""Which queued items run together: the oldest item first, with the followers closest to it in length.

Items of different requests (and different voices, texts and durations) share a forward when they
share `nfe_step` and `sway_sampling_coef` (the time grid and its precomputed conditioning). A batch
runs padded to its longest item (rounded up to a CUDA-graph length bucket), and a bigger batch is not
always faster per item: on an H200, 32 chat lines in one synthesize ran at 191x real time, 64 in one
padded batch at 110x. So a batch holds at most `max_batch` items (the load option, default
DEFAULT_MAX_BATCH) and takes the oldest queued item with the same-schedule items whose length bucket
is nearest to its own (shorter, then older, first among equals); the rest wait for the next batch. Fair: the oldest
item always goes, so every item goes once those queued before it have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ishowtts_worker.buckets import length_bucket

if TYPE_CHECKING:  # the server imports this module before torch
    from ishowtts_worker.engine import SynthItem

MAX_BATCH = 64  # the largest batch bucket; a load's max_batch may not exceed it
DEFAULT_MAX_BATCH = 16  # `bench --batch-sweep` on an H200: the only cap whose throughput rises with N up to 128
MAX_BATCH_FRAMES = 64 * 1024  # items x longest duration per forward: bounds activation memory


def select_batch(queued: Sequence[SynthItem], max_batch: int = DEFAULT_MAX_BATCH) -> list[int]:
    """Indices into `queued` (oldest first) of the next batch, ascending: the oldest item and up to
    `max_batch - 1` same-schedule items nearest to it in length, within MAX_BATCH_FRAMES."""
    if not queued:
        return []
    head = queued[0]
    home = length_bucket(head.duration)
    followers = sorted(
        (i for i in range(1, len(queued)) if queued[i].schedule_key == head.schedule_key),
        key=lambda i: (abs(length_bucket(queued[i].duration) - home), length_bucket(queued[i].duration) > home, i),
    )
    chosen = [0]
    longest = head.duration
    for i in followers:
        if len(chosen) >= min(max_batch, MAX_BATCH):
            break
        candidate = max(longest, queued[i].duration)
        if (len(chosen) + 1) * candidate > MAX_BATCH_FRAMES:
            continue  # a shorter one further away may still fit
        chosen.append(i)
        longest = candidate
    return sorted(chosen)
