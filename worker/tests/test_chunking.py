"""Official chunking/duration rules and the first-chunk rule shared with the Swift side."""

from ishowtts_worker.chunking import (
    chunk_text,
    duration_frames,
    max_chunk_bytes,
    ref_text_for_sampling,
    split_first_chunk,
)

REF_TEXT = "I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me."
LONG = ("Thanks for the raid everyone! Welcome in, grab a snack, we are about to start the ranked grind "
        "and I need all the luck I can get tonight. Let's go!")


def test_official_budget_and_chunks() -> None:
    budget = max_chunk_bytes(REF_TEXT, 158795)
    assert budget == int(len(REF_TEXT) / (158795 / 24000) * (22 - 158795 / 24000))
    assert chunk_text(LONG, budget) == [LONG]
    assert chunk_text("One. Two, three! Four?", 10) == ["One. Two,", "three!", "Four?"]


def test_duration_rule() -> None:
    ref = ref_text_for_sampling(REF_TEXT)
    assert ref.endswith(". ")
    gen = "Hello world, this is a test of the optimized TTS system."
    assert duration_frames(ref, gen, 158795) == 620 + int(620 / len(ref) * len(gen))
    assert duration_frames(ref, "Hi!", 158795) == 620 + int(620 / len(ref) * 3 / 0.3)


def test_first_chunk_rule() -> None:
    assert split_first_chunk("lol that play was insane, can you do it again?") == [
        "lol that play was insane, can you do it again?"]  # 46 bytes: kept whole
    first, rest = split_first_chunk(LONG)
    assert first == "Thanks for the raid everyone! Welcome in," and rest.startswith("grab a snack,")
    first, rest = split_first_chunk("a" * 5 + " " + "word " * 12)
    assert len(first.encode()) <= 48 and len(first.encode()) >= 10 and first + " " + rest == ("a" * 5 + " " + "word " * 12).strip()
    assert split_first_chunk("x" * 60) == ["x" * 60]  # no place to cut
