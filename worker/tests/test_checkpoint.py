"""Checkpoints in the official EMA layout (.pt and .safetensors) load back to identical weights."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import save_file

from ishowtts_worker.checkpoint import load_into
from ishowtts_worker.configs import build_cfm
from tests_support import perturb


def ema_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """What the official trainer saves: EMA copy of the CFM under `ema_model.` plus bookkeeping."""
    state = {f"ema_model.{k}": v.clone().contiguous() for k, v in model.state_dict().items()}
    state["initted"] = torch.tensor(True)
    state["step"] = torch.tensor(1250000)
    # An old checkpoint's mel front-end buffers (dropped by the official loader).
    state["ema_model.mel_spec.mel_stft.mel_scale.fb"] = torch.zeros(513, 100)
    state["ema_model.mel_spec.mel_stft.spectrogram.window"] = torch.ones(1024)
    return state


@pytest.mark.parametrize("suffix", [".pt", ".safetensors"])
def test_round_trip(tmp_path, vocab, suffix: str) -> None:
    torch.manual_seed(0)
    source = build_cfm("tiny", *vocab)
    perturb(source, 5)
    path = tmp_path / f"model_1250000{suffix}"
    if suffix == ".pt":
        torch.save({"ema_model_state_dict": ema_state(source), "step": 1}, path)
    else:
        save_file(ema_state(source), str(path))
    torch.manual_seed(1)
    target = build_cfm("tiny", *vocab)
    load_into(target, path)
    want, got = source.state_dict(), target.state_dict()
    assert want.keys() == got.keys()
    for key in want:
        assert torch.equal(want[key], got[key]), key


def test_plain_model_state_dict(tmp_path, vocab) -> None:
    torch.manual_seed(0)
    source = build_cfm("tiny", *vocab)
    perturb(source, 6)
    path = tmp_path / "model_last.pt"
    torch.save({"model_state_dict": source.state_dict()}, path)
    target = build_cfm("tiny", *vocab)
    load_into(target, path)
    assert all(torch.equal(a, b) for a, b in zip(source.state_dict().values(), target.state_dict().values()))
