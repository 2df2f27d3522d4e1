"""Where user-perceived characters start, as Swift's `String.indices` sees them (Unicode extended grapheme
clusters, UAX #29), for the first-chunk rule's character-boundary cut.

The standard library has no grapheme segmentation; the `regex` package's `\\X` implements UAX #29. The golden
rows in Tests/TextPrepTests/Fixtures/f5_first_chunk_golden.json, written by the Swift rule, hold both sides to
the same answer.
"""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")


def grapheme_starts(text: str) -> list[int]:
    """Code-point offsets where each user-perceived character of `text` starts (0 first; empty for "")."""
    return [match.start() for match in _GRAPHEME.finditer(text)]
