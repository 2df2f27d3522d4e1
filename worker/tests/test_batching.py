"""select_batch: the oldest item always goes, with the same-schedule items nearest to it in length, up to the cap."""

from __future__ import annotations

import random

import pytest

from ishowtts_worker.batching import DEFAULT_MAX_BATCH, MAX_BATCH, MAX_BATCH_FRAMES, select_batch
from ishowtts_worker.buckets import length_bucket
from ishowtts_worker.engine import SynthItem


def item(k: int, duration: int, nfe: int = 7, sway: float | None = -1.0) -> SynthItem:
    return SynthItem(f"i{k}", "v", "text", duration, nfe_step=nfe, sway_sampling_coef=sway)


def drain(queue: list[SynthItem], cap: int) -> list[list[SynthItem]]:
    """Run select_batch until the queue is empty, as the server does; returns the batches in order."""
    queue, batches = list(queue), []
    while queue:
        chosen = select_batch(queue, cap)
        assert chosen == sorted(set(chosen)) and chosen[0] == 0, chosen  # ascending, the oldest first
        batches.append([queue[i] for i in chosen])
        queue = [q for i, q in enumerate(queue) if i not in chosen]
    return batches


def test_empty_queue() -> None:
    assert select_batch([], 8) == []


def test_the_oldest_goes_even_when_its_length_is_an_outlier() -> None:
    queue = [item(0, 2000)] + [item(k, 600) for k in range(1, 40)]
    chosen = select_batch(queue, 8)
    assert chosen[0] == 0 and len(chosen) == 8
    assert chosen[1:] == list(range(1, 8))  # among equals, the oldest


def test_mixed_lengths_split_into_groups_of_similar_length() -> None:
    short, long = [600 + k % 3 for k in range(16)], [1000 + k % 5 for k in range(16)]
    queue = [item(k, d) for k, d in enumerate(x for pair in zip(short, long) for x in pair)]
    batches = drain(queue, 16)
    assert [sorted({length_bucket(it.duration) for it in b}) for b in batches] == [[608], [1024]]


def test_nearest_bucket_first_shorter_before_longer() -> None:
    queue = [item(0, 700), item(1, 2000), item(2, 740), item(3, 660), item(4, 700), item(5, 100)]
    # 700 -> bucket 704; 660 -> 672 and 740 -> 768: 672 is nearer; then 768; 100 and 2000 are far.
    assert [queue[i].duration for i in select_batch(queue, 4)] == [700, 740, 660, 700]


def test_at_equal_distance_the_shorter_goes_first() -> None:
    # 700 -> bucket 704; 736 -> 736 (+32) is older than 670 -> 672 (-32): at equal distance the shorter still wins,
    # since padding it up to the batch's length costs less than padding the head up to a longer one.
    queue = [item(0, 700), item(1, 736), item(2, 670)]
    assert [queue[i].duration for i in select_batch(queue, 2)] == [700, 670]


def test_never_more_than_the_cap_and_never_above_max_batch() -> None:
    queue = [item(k, 300 + 7 * k) for k in range(150)]
    for cap in (1, 8, 24, 32, 64):
        assert all(len(b) <= cap for b in drain(queue, cap))
        assert len(select_batch(queue, cap)) == cap
    assert len(select_batch(queue, 1000)) == MAX_BATCH


def test_schedule_keys_are_never_mixed() -> None:
    rng = random.Random(3)
    queue = [item(k, rng.randrange(200, 1500), nfe=rng.choice([7, 16]), sway=rng.choice([-1.0, None]))
             for k in range(120)]
    batches = drain(queue, 32)
    assert all(len({it.schedule_key for it in b}) == 1 for b in batches)
    assert sorted(it.item_id for b in batches for it in b) == sorted(it.item_id for it in queue)


def test_the_frame_budget_skips_a_long_follower_but_takes_shorter_ones() -> None:
    head = 2048
    queue = [item(0, head), item(1, head + 3000)] + [item(k, head - 64) for k in range(2, 80)]
    chosen = select_batch(queue, 64)
    assert 1 not in chosen and len(chosen) == MAX_BATCH_FRAMES // head == 32
    assert len(select_batch([item(0, 40000), item(1, 40000)], 8)) == 1  # one huge item still runs alone


def test_fair_every_item_goes_no_later_than_when_it_becomes_the_oldest() -> None:
    rng = random.Random(7)
    queue = [item(k, rng.choice([120, 400, 800, 1200]) + rng.randrange(30)) for k in range(200)]
    batches = drain(queue, 16)
    served = {it.item_id: n for n, b in enumerate(batches) for it in b}
    # Batch n always holds the oldest item left, so item k is served within the first k + 1 batches.
    assert all(served[f"i{k}"] <= k for k in range(len(queue)))
    assert len(batches) <= -(-len(queue) // 16) + 4  # full batches but for a few group tails


def test_max_batch_is_a_load_option() -> None:
    from ishowtts_worker.model_loader import LoadError, load_engine

    tiny = {"mode": "random-init", "config": "tiny", "seed": 0}
    for bad in (0, 65, True, "8", 8.0):
        with pytest.raises(LoadError, match="max_batch"):
            load_engine({**tiny, "max_batch": bad}, "cpu", "cpu")
    assert load_engine(tiny, "cpu", "cpu")[1]["max_batch"] == DEFAULT_MAX_BATCH
    assert load_engine({**tiny, "max_batch": 2}, "cpu", "cpu")[1]["max_batch"] == 2


def test_the_server_splits_one_request_into_capped_batches() -> None:
    from ishowtts_worker.batch_sweep import chat_items, run_request, start_server
    from tests_support import reference_wave

    ref = reference_wave(1.0, 0).numpy()
    server, stream = start_server({"mode": "random-init", "config": "tiny", "device": "cpu", "max_batch": 2},
                                  "cpu", ref)
    assert server.max_batch == 2
    wall, audio, batches = run_request(server, stream, 7, chat_items(5, len(ref), nfe=2))
    assert batches == 3 and audio > 0 and server.engine.items == 5
