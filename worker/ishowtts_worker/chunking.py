"""The official text chunking and duration rules (utils_infer, f5-tts 1.1.22) and the streaming first-chunk rule.

In production the Swift side applies these rules (TextPrep's F5TextChunker, F5Duration); the worker keeps a
copy so the benchmark drives the worker exactly as Swift will. The official rules are tested against rows the
official code recorded; the first-chunk rule against rows the Swift rule recorded
(Tests/TextPrepTests/Fixtures/f5_first_chunk_golden.json).
"""

from __future__ import annotations

import re

from ishowtts_worker.graphemes import grapheme_starts
from ishowtts_worker.units import HOP_LENGTH, SAMPLE_RATE

FIRST_CHUNK_MAX_BYTES = 48
FIRST_CHUNK_MIN_BYTES = 10
# Official chunk_text's sentence split: after [;:,.!?] plus whitespace (dropped), or right after [；：，。！？].
SENTENCE_SPLIT = re.compile(r"(?<=[;:,.!?])\s+|(?<=[；：，。！？])")
ASCII_CLAUSE = ";:,.!?"
CJK_CLAUSE = "；：，。！？"


def _nbytes(s: str) -> int:
    return len(s.encode("utf-8"))


def _located_chunks(text: str, max_chars: int) -> list[tuple[str, int]]:
    """Official `utils_infer.chunk_text`, each chunk with the offset in `text` where its last sentence ends."""
    chunks: list[tuple[str, int]] = []
    current, current_end, start = "", 0, 0
    separators = [(m.start(), m.end()) for m in SENTENCE_SPLIT.finditer(text)] + [(len(text), len(text))]
    for sep_start, sep_end in separators:
        sentence, end, start = text[start:sep_start], sep_start, sep_end
        if not sentence:
            continue
        piece = sentence + " " if _nbytes(sentence[-1]) == 1 else sentence
        if _nbytes(current) + _nbytes(sentence) <= max_chars:
            current += piece
        else:
            if current:
                chunks.append((current.strip(), current_end))
            current = piece
        current_end = end
    if current:
        chunks.append((current.strip(), current_end))
    return chunks


def chunk_text(text: str, max_chars: int = 135) -> list[str]:
    """Official `utils_infer.chunk_text`: sentences packed into chunks of at most max_chars UTF-8 bytes."""
    return [chunk for chunk, _ in _located_chunks(text, max_chars)]


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


def chunks_for_streaming(text: str, max_chars: int, first_max: int = FIRST_CHUNK_MAX_BYTES) -> list[str]:
    """Swift's `F5TextChunker.chunksForStreaming`: the official chunks, with a first chunk over `first_max`
    bytes cut short for fast first audio; the rest of the text is chunked again the official way."""
    located = _located_chunks(text, max_chars)
    if not located:
        return []
    first, source_end = located[0]
    cut = _first_cut(first, first_max) if _nbytes(first) > first_max else None
    if cut is None:
        return [chunk for chunk, _ in located]
    rest = (first[cut:] + text[source_end:]).lstrip()
    return [first[:cut].strip()] + chunk_text(rest, max_chars)


def _first_cut(chunk: str, limit: int) -> int | None:
    """Where to end the first piece: the last position whose head fits in `limit` bytes, preferring
    1. after [;:,.!?] + whitespace, 2. at whitespace, 3. after [；：，。！？], and, only where the head has no
    whitespace at all (CJK, unspaced text), 4. the last character boundary. None when no head keeps
    FIRST_CHUNK_MIN_BYTES bytes (or the cut would split a spaced word)."""
    after_clause = at_space = after_cjk = None
    offset, previous = 0, ""
    for i, ch in enumerate(chunk):
        if offset > limit:
            break
        if ch.isspace():
            at_space = i
            if previous and previous in ASCII_CLAUSE:
                after_clause = i
        if previous and previous in CJK_CLAUSE:
            after_cjk = i
        offset += _nbytes(ch)
        previous = ch
    for candidate in (after_clause, at_space, after_cjk):
        if candidate is not None and _nbytes(chunk[:candidate].strip()) >= FIRST_CHUNK_MIN_BYTES:
            return candidate
    if at_space is not None:
        return None
    boundary = max(i for i in grapheme_starts(chunk) if _nbytes(chunk[:i]) <= limit)
    return boundary if _nbytes(chunk[:boundary].strip()) >= FIRST_CHUNK_MIN_BYTES else None
