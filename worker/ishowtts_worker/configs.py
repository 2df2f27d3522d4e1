"""Model architectures the worker can build: the official F5TTS_v1_Base and a `tiny` test DiT.

F5TTS_v1_Base is read from the yaml shipped with f5-tts, so the worker builds exactly the official
architecture. `tiny` is a two-layer DiT of the same family for CPU tests (random-init only).
"""

from __future__ import annotations

import yaml

from ishowtts_worker import official
from ishowtts_worker.units import HOP_LENGTH, SAMPLE_RATE

MEL_DIM = 100
# CFM's mel front end, as utils_infer.load_model passes it.
MEL_SPEC_KWARGS = dict(
    n_fft=1024, hop_length=HOP_LENGTH, win_length=1024, n_mel_channels=MEL_DIM,
    target_sample_rate=SAMPLE_RATE, mel_spec_type="vocos",
)

TINY_ARCH = dict(
    dim=64, depth=2, heads=2, ff_mult=2, text_dim=32, text_mask_padding=True,
    qk_norm=None, conv_layers=1, pe_attn_head=None, attn_backend="torch", attn_mask_enabled=False,
    checkpoint_activations=False,
)

CONFIG_NAMES = ("F5TTS_v1_Base", "tiny")


def dit_arch(name: str) -> dict:
    """Keyword arguments of `DiT(...)` for a config name (without vocab size and mel dim)."""
    if name == "tiny":
        return dict(TINY_ARCH)
    if name == "F5TTS_v1_Base":
        with open(official.config_path(name), encoding="utf-8") as f:
            cfg = yaml.safe_load(f)
        return dict(cfg["model"]["arch"])
    raise ValueError(f"unknown model config {name!r} (known: {', '.join(CONFIG_NAMES)})")


def build_cfm(name: str, vocab_char_map: dict[str, int], vocab_size: int) -> "official.CFM":
    """An official CFM(DiT) with fresh (official-initialised) weights, on the CPU in fp32."""
    dit = official.DiT(**dit_arch(name), text_num_embeds=vocab_size, mel_dim=MEL_DIM)
    return official.CFM(
        transformer=dit,
        mel_spec_kwargs=dict(MEL_SPEC_KWARGS),
        odeint_kwargs=dict(method="euler"),
        vocab_char_map=vocab_char_map,
    )


def build_random_vocos() -> "official.Vocos":
    """Vocos mel-24khz architecture (charactr/vocos-mel-24khz config) with random weights."""
    return official.Vocos(
        feature_extractor=official.MelSpectrogramFeatures(
            sample_rate=SAMPLE_RATE, n_fft=1024, hop_length=HOP_LENGTH, n_mels=MEL_DIM, padding="center"),
        backbone=official.VocosBackbone(input_channels=MEL_DIM, dim=512, intermediate_dim=1536, num_layers=8),
        head=official.ISTFTHead(dim=512, n_fft=1024, hop_length=HOP_LENGTH, padding="center"),
    )
