"""Where user-perceived characters start, as Swift's `String.indices` sees them (Unicode extended grapheme
clusters, UAX #29), for the first-chunk rule's character-boundary cut.

Python's standard library has no grapheme segmentation, so this covers the rules chat text needs: CR LF,
combining marks and other extenders (accents, variation selectors, skin tones, keycaps, tag sequences),
ZWJ emoji sequences, flag pairs and conjoining Hangul jamo. Prepend characters and Indic conjuncts are not
handled. The golden rows in Tests/TextPrepTests/Fixtures/f5_first_chunk_golden.json, written by the Swift
rule, hold both sides to the same answer.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"


def _is_extend(ch: str) -> bool:
    """Grapheme_Extend, SpacingMark or ZWJ (approximated by category): never starts a character."""
    cp = ord(ch)
    if ch == ZWJ or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:  # ZWJ, skin tones, emoji tags
        return True
    return unicodedata.category(ch) in ("Mn", "Me", "Mc")


def _is_pictographic(ch: str) -> bool:
    """Extended_Pictographic, by the blocks that hold it (what may follow a ZWJ inside one emoji)."""
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2300 <= cp <= 0x23FF
            or 0x2B00 <= cp <= 0x2BFF or cp in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D))


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _hangul_type(ch: str) -> str:
    """Hangul_Syllable_Type: L, V, T, LV, LVT, or '' for anything else."""
    cp = ord(ch)
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return "L"
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return "V"
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return "T"
    if 0xAC00 <= cp <= 0xD7A3:
        return "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
    return ""


_HANGUL_JOINS = {("L", "L"), ("L", "V"), ("L", "LV"), ("L", "LVT"), ("LV", "V"), ("LV", "T"), ("V", "V"),
                 ("V", "T"), ("LVT", "T"), ("T", "T")}


def _joins(text: str, i: int, cluster_start: int, regional_run: int) -> bool:
    """Whether text[i] continues the character that text[i - 1] is part of (no boundary before i)."""
    before, ch = text[i - 1], text[i]
    if before == "\r" and ch == "\n":
        return True
    if before in "\r\n" or unicodedata.category(before) == "Cc":
        return False
    if _is_extend(ch):
        return True
    if (_hangul_type(before), _hangul_type(ch)) in _HANGUL_JOINS:
        return True
    if before == ZWJ and _is_pictographic(ch):
        # Only inside an emoji: the cluster began with a pictograph followed by extenders up to the ZWJ.
        return _is_pictographic(text[cluster_start]) and all(_is_extend(c) for c in text[cluster_start + 1:i])
    return _is_regional_indicator(before) and _is_regional_indicator(ch) and regional_run % 2 == 1


def grapheme_starts(text: str) -> list[int]:
    """Code-point offsets where each user-perceived character of `text` starts (0 first; empty for "")."""
    starts: list[int] = []
    regional_run = 0  # regional indicators in a row before i: flags pair them up two by two
    for i, ch in enumerate(text):
        if i == 0 or not _joins(text, i, starts[-1], regional_run):
            starts.append(i)
        regional_run = regional_run + 1 if _is_regional_indicator(ch) else 0
    return starts
