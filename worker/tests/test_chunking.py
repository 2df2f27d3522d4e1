"""The worker's copy of the text rules against recorded answers, never the formulas restated.

The official rows (f5_text_golden.json) were recorded by running official f5-tts 1.1.22 code
(scripts/f5_golden_fixtures.py); the first-chunk rows (f5_first_chunk_golden.json) were written by the
Swift rule in production (Tests/TextPrepTests/F5FirstChunkGoldenTests.swift).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ishowtts_worker.chunking import (
    FIRST_CHUNK_MAX_BYTES,
    FIRST_CHUNK_MIN_BYTES,
    chunk_text,
    chunks_for_streaming,
    duration_frames,
    max_chunk_bytes,
    ref_text_for_sampling,
)

FIXTURES = Path(__file__).resolve().parents[2] / "Tests" / "TextPrepTests" / "Fixtures"
OFFICIAL = json.loads((FIXTURES / "f5_text_golden.json").read_text(encoding="utf-8"))
FIRST_CHUNK = json.loads((FIXTURES / "f5_first_chunk_golden.json").read_text(encoding="utf-8"))
# Rows the official code ran at the model's rate with a duration from the text (not fix_duration).
INFER = [row for row in OFFICIAL["infer"] if row["ref_sample_rate"] == 24000 and row["fix_duration"] is None]


def test_fixtures_are_present() -> None:
    assert len(OFFICIAL["chunk_text"]) >= 50 and len(INFER) >= 10 and len(FIRST_CHUNK["rows"]) >= 30


@pytest.mark.parametrize("row", OFFICIAL["chunk_text"], ids=lambda r: f"{r['max_chars']}:{r['text'][:20]}")
def test_chunk_text_equals_official(row: dict) -> None:
    assert chunk_text(row["text"], row["max_chars"]) == row["chunks"]


@pytest.mark.parametrize("row", INFER, ids=lambda r: r["name"])
def test_budget_transcript_and_durations_equal_official(row: dict) -> None:
    assert max_chunk_bytes(row["ref_text_after_preprocess"], row["ref_samples"], row["speed"]) == row["max_chars"]
    assert ref_text_for_sampling(row["ref_text_after_preprocess"]) == row["ref_text_final"]
    assert chunk_text(row["gen_text"], row["max_chars"]) == row["chunks"]
    durations = [duration_frames(row["ref_text_final"], chunk, row["ref_samples"], row["speed"])
                 for chunk in row["chunks"]]
    assert durations == [call["duration"] for call in row["sample_calls"]]


def test_first_chunk_limits_equal_swift() -> None:
    meta = FIRST_CHUNK["meta"]
    assert (FIRST_CHUNK_MAX_BYTES, FIRST_CHUNK_MIN_BYTES) == (
        meta["first_chunk_max_bytes"], meta["minimum_first_chunk_bytes"])


@pytest.mark.parametrize("row", FIRST_CHUNK["rows"], ids=lambda r: r["name"])
def test_first_chunk_rule_equals_swift(row: dict) -> None:
    assert chunks_for_streaming(row["text"], row["max_bytes"]) == row["chunks"]
