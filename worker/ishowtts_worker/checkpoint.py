"""Loading F5-TTS checkpoints the way official `utils_infer.load_checkpoint` does.

Released checkpoints hold the EMA weights: a `.pt` with `ema_model_state_dict` (keys prefixed
`ema_model.`, plus the EMA bookkeeping `initted`/`step`), or a `.safetensors` with those tensors at the
top level. Old checkpoints also carry mel front-end buffers that the current MelSpec no longer has.
"""

from __future__ import annotations

from pathlib import Path

import torch

_EMA_BOOKKEEPING = ("initted", "step")


def read_state(path: str | Path) -> dict[str, torch.Tensor]:
    """Read a checkpoint file into the CFM state dict the official loader would load (EMA preferred)."""
    path = str(path)
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file

        raw = {"ema_model_state_dict": load_file(path, device="cpu")}
    else:
        raw = torch.load(path, map_location="cpu", weights_only=True)
    if "ema_model_state_dict" in raw:
        state = {
            k.replace("ema_model.", ""): v
            for k, v in raw["ema_model_state_dict"].items()
            if k not in _EMA_BOOKKEEPING
        }
    elif "model_state_dict" in raw:
        state = dict(raw["model_state_dict"])
    else:
        raise ValueError(f"{path}: neither ema_model_state_dict nor model_state_dict found")
    # Backward-compatibility patch of the official loader (305e3ea), generalised to any mel front-end
    # buffer: MelSpec keeps no persistent state, so such keys would only break strict loading.
    return {k: v for k, v in state.items() if not k.startswith("mel_spec.")}


def load_into(model: torch.nn.Module, path: str | Path) -> None:
    """Load a checkpoint into an official CFM (strict, like the official loader)."""
    model.load_state_dict(read_state(path))
