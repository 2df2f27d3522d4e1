"""Per-voice state kept on the device: the reference mel, computed once by the official mel front end."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ishowtts_worker.units import HOP_LENGTH


@dataclass
class Voice:
    """A prepared reference voice."""

    voice_id: str
    mel: torch.Tensor  # [frames, 100] fp32 on the device
    samples: int  # reference length in samples (24 kHz)

    @property
    def mel_frames(self) -> int:
        """Rows of the reference mel (samples // 256 + 1: the STFT is centred); only the sampler needs this."""
        return self.mel.shape[0]

    @property
    def ref_audio_len(self) -> int:
        """Official `ref_audio_len = samples // hop`: the reference's length in protocol frames, where
        generated audio starts."""
        return self.samples // HOP_LENGTH


class VoiceStore:
    """Voices by id, with their mels computed by the model's own MelSpec (as CFM.sample would)."""

    def __init__(self, mel_spec: torch.nn.Module, device: torch.device) -> None:
        self.mel_spec = mel_spec
        self.device = device
        self.voices: dict[str, Voice] = {}

    @torch.inference_mode()
    def prepare(self, voice_id: str, pcm: np.ndarray) -> Voice:
        """Compute and keep the mel of mono 24 kHz float PCM (already trimmed and RMS-normalised)."""
        wave = torch.from_numpy(np.ascontiguousarray(pcm, dtype=np.float32)).to(self.device)
        mel = self.mel_spec(wave[None]).permute(0, 2, 1)[0].float().contiguous()
        voice = Voice(voice_id, mel, int(wave.shape[0]))
        self.voices[voice_id] = voice
        return voice

    def get(self, voice_id: str) -> Voice | None:
        """The voice, or None when it was never prepared."""
        return self.voices.get(voice_id)
