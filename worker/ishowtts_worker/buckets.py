"""Padding buckets for CUDA graphs: a captured graph replays only for its exact tensor shapes.

Rounding the batch size and the padded length up to a few fixed values keeps the number of graphs
small while wasting little compute (at most one bucket step of padded frames, masked out).
"""

from __future__ import annotations

BATCH_BUCKETS = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64)


def batch_bucket(batch: int) -> int:
    """Smallest batch bucket that holds `batch` items (batches larger than 64 are split earlier)."""
    for b in BATCH_BUCKETS:
        if b >= batch:
            return b
    return batch


def length_bucket(frames: int) -> int:
    """Padded length for `frames`: multiples of 32 up to 1024, 64 up to 2048, 128 beyond (<= ~6% waste)."""
    step = 32 if frames <= 1024 else 64 if frames <= 2048 else 128
    return -(-frames // step) * step
