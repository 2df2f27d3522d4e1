"""Vocos mel-24khz: loaded from a local folder as official `load_vocoder(is_local=True)`, run in fp32.

Decoding runs on the same device as the DiT. Items are grouped by length and each group decoded in
one call: padding a batch would change the ISTFT window envelope at the end of shorter items, so only
equal-length items share a call, which keeps every waveform identical to decoding it alone.
"""

from __future__ import annotations

from pathlib import Path

import torch

from ishowtts_worker import official
from ishowtts_worker.checkpoint import build_with_state
from ishowtts_worker.configs import build_random_vocos


def load_vocos(folder: str | None, device: torch.device, seed: int = 0) -> "official.Vocos":
    """Vocos on `device` from `folder` (config.yaml + pytorch_model.bin: weights read straight to the
    device, never initialised) or, when None, random-init built on the device (tests/bench)."""
    if folder is None:
        torch.manual_seed(seed)
        with torch.device(device):
            return build_random_vocos().eval()
    root = Path(folder)
    state = torch.load(str(root / "pytorch_model.bin"), map_location=device, weights_only=True)
    return build_with_state(lambda: official.Vocos.from_hparams(str(root / "config.yaml")), state, device).eval()


class Vocoder:
    """Mel frames -> 24 kHz waveform, grouping equal lengths into one batched decode."""

    def __init__(self, vocos: torch.nn.Module) -> None:
        self.vocos = vocos

    @torch.inference_mode()
    def decode(self, mels: list[torch.Tensor]) -> list[torch.Tensor]:
        """Waveforms [(frames - 1) * 256] fp32 for mels [frames, 100] (official `vocoder.decode`)."""
        out: list[torch.Tensor | None] = [None] * len(mels)
        by_length: dict[int, list[int]] = {}
        for i, mel in enumerate(mels):
            by_length.setdefault(mel.shape[0], []).append(i)
        for indices in by_length.values():
            stacked = torch.stack([mels[i].float() for i in indices]).permute(0, 2, 1)
            waves = self.vocos.decode(stacked)
            for row, i in enumerate(indices):
                out[i] = waves[row]
        return out  # type: ignore[return-value]
