"""Text -> ids equals the official path (convert_char_to_pinyin + list_str_to_idx, -1 padding)."""

import torch

from ishowtts_worker import official
from ishowtts_worker.tokens import Tokenizer

TEXTS = [
    "I am not in danger, Skyler. I am the danger. Hello world, this is a test.",
    "你好，欢迎来到直播间！今天我们一起打排位。",
    "lol 这波操作太秀了 GG, can you do it again? 666",
    "“Quotes” and ‘smart’ ones; semicolons: café naïve.",
]


def test_ids_equal_official(vocab) -> None:
    vocab_map, _ = vocab
    tok = Tokenizer(vocab_map)
    want = official.list_str_to_idx(official.convert_char_to_pinyin(TEXTS), vocab_map)
    got = Tokenizer.pad([tok.ids(t) for t in TEXTS])
    assert torch.equal(got, want)


def test_chinese_becomes_pinyin(vocab) -> None:
    tok = Tokenizer(vocab[0])
    ids = tok.ids("你好")
    inverse = {i: c for c, i in vocab[0].items()}
    assert [inverse[i] for i in ids] == [" ", "ni2", " ", "hao3"]  # tone sandhi, as official
