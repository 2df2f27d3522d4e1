"""Text to token ids exactly as official F5-TTS does it (pinyin for Chinese, one vocab entry per char).

`CFM.sample` receives `convert_char_to_pinyin([ref_text + gen_text])` and maps it with
`list_str_to_idx` (unknown characters become 0, batch padding is -1). We call the same official
functions per item, so batched requests tokenise like single ones.
"""

from __future__ import annotations

import torch

from ishowtts_worker import official


class Tokenizer:
    """Maps `ref_text + gen_text` to the id sequence the official sampler would see."""

    def __init__(self, vocab_char_map: dict[str, int]) -> None:
        self.vocab_char_map = vocab_char_map

    def ids(self, text: str) -> list[int]:
        """Token ids of one text (no padding)."""
        chars = official.convert_char_to_pinyin([text])[0]
        return [self.vocab_char_map.get(c, 0) for c in chars]

    @staticmethod
    def pad(batch: list[list[int]], padding_value: int = -1) -> torch.Tensor:
        """Right-pad id lists into a [b, nt] long tensor with the official padding value -1."""
        width = max(len(ids) for ids in batch)
        out = torch.full((len(batch), width), padding_value, dtype=torch.long)
        for i, ids in enumerate(batch):
            out[i, : len(ids)] = torch.tensor(ids, dtype=torch.long)
        return out
