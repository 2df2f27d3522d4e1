"""The official text chunking and duration rules (utils_infer, f5-tts 1.1.22) and the first-chunk rule.

In production the Swift side applies these rules; the worker keeps a copy so the benchmark drives
the worker exactly as Swift will, and so both sides can be tested against the same examples.
"""

from __future__ import annotations

import re

from ishowtts_worker.units import HOP_LENGTH, SAMPLE_RATE

FIRST_CHUNK_MAX_BYTES = 48
FIRST_CHUNK_MIN_BYTES = 10


def _nbytes(s: str) -> int:
    return len(s.encode("utf-8"))


def chunk_text(text: str, max_chars: int = 135) -> list[str]:
    """Official `utils_infer.chunk_text`: sentences packed into chunks of at most max_chars UTF-8 bytes."""
    chunks: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[;:,.!?])\s+|(?<=[；：，。！？])", text):
        if not sentence:
            continue
        if _nbytes(current) + _nbytes(sentence) <= max_chars:
            current += sentence + " " if sentence and _nbytes(sentence[-1]) == 1 else sentence
        else:
            if current:
                chunks.append(current.strip())
            current = sentence + " " if sentence and _nbytes(sentence[-1]) == 1 else sentence
    if current:
        chunks.append(current.strip())
    return chunks


def max_chunk_bytes(ref_text: str, ref_samples: int, speed: float = 1.0) -> int:
    """Official `infer_process` chunk budget: the reference's bytes per second times (22 s - ref length)."""
    ref_seconds = ref_samples / SAMPLE_RATE
    return int(_nbytes(ref_text) / ref_seconds * (22 - ref_seconds) * speed)


def ref_text_for_sampling(ref_text: str) -> str:
    """Official `infer_batch_process`: a reference transcript ending in a 1-byte char gets a space."""
    return ref_text + " " if _nbytes(ref_text[-1]) == 1 else ref_text


def duration_frames(ref_text: str, gen_text: str, ref_samples: int, speed: float = 1.0) -> int:
    """Official duration rule: ref frames + ref frames / ref bytes * gen bytes / speed (0.3 when < 10 bytes).

    `ref_text` is the one from `ref_text_for_sampling`.
    """
    local_speed = 0.3 if _nbytes(gen_text) < 10 else speed
    ref_audio_len = ref_samples // HOP_LENGTH
    return ref_audio_len + int(ref_audio_len / _nbytes(ref_text) * _nbytes(gen_text) / local_speed)


def split_first_chunk(chunk: str) -> list[str]:
    """Fast first audio: cut a first chunk longer than 48 bytes at the last clause punctuation + space
    at or before byte 48, else at the last space; never leave a first part under 10 bytes."""
    if _nbytes(chunk) <= FIRST_CHUNK_MAX_BYTES:
        return [chunk]
    prefix = chunk.encode("utf-8")[:FIRST_CHUNK_MAX_BYTES].decode("utf-8", errors="ignore")
    cut = -1
    for m in re.finditer(r"[;:,.!?；：，。！？]\s", chunk):
        end = m.start() + 1
        if end <= len(prefix) and _nbytes(chunk[:end]) >= FIRST_CHUNK_MIN_BYTES:
            cut = end
    if cut < 0:
        space = prefix.rfind(" ")
        if space > 0 and _nbytes(chunk[:space]) >= FIRST_CHUNK_MIN_BYTES:
            cut = space
    if cut < 0:
        return [chunk]
    return [chunk[:cut].strip(), chunk[cut:].strip()]
