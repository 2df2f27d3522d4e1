"""Checkpoints in the official EMA layout (.pt and .safetensors) load back to identical weights, into a model
whose parameters were never initialised (build_with_state), with the unsaved buffers the constructor computes."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import save_file

from ishowtts_worker.checkpoint import build_with_state, read_state
from ishowtts_worker.configs import build_cfm
from ishowtts_worker.vocoder import load_vocos
from tests_support import perturb

CPU = torch.device("cpu")


def load(path, vocab) -> torch.nn.Module:
    """The worker's checkpoint path: read the state, build around it."""
    return build_with_state(lambda: build_cfm("tiny", *vocab), read_state(path), CPU)


def assert_same(want: torch.nn.Module, got: torch.nn.Module) -> None:
    """Equal state dicts and equal buffers, saved or not (F5's rotary table is not saved)."""
    assert want.state_dict().keys() == got.state_dict().keys()
    for key, value in want.state_dict().items():
        assert torch.equal(value, got.state_dict()[key]), key
    for (name, a), (_, b) in zip(want.named_buffers(), got.named_buffers(), strict=True):
        assert torch.equal(a, b), name
    assert not any(t.is_meta for t in [*got.parameters(), *got.buffers()])


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
    assert_same(source, load(path, vocab))


def test_plain_model_state_dict(tmp_path, vocab) -> None:
    torch.manual_seed(0)
    source = build_cfm("tiny", *vocab)
    perturb(source, 6)
    path = tmp_path / "model_last.pt"
    torch.save({"model_state_dict": source.state_dict()}, path)
    assert_same(source, load(path, vocab))


def test_a_missing_parameter_is_an_error(tmp_path, vocab) -> None:
    source = build_cfm("tiny", *vocab)
    state = source.state_dict()
    del state["transformer.proj_out.weight"]
    path = tmp_path / "model_last.pt"
    torch.save({"model_state_dict": state}, path)
    with pytest.raises(RuntimeError, match="proj_out.weight"):
        load(path, vocab)


def test_vocos_folder_loads_without_initialising(tmp_path) -> None:
    import yaml

    source = load_vocos(None, CPU, seed=3)
    torch.save(source.state_dict(), tmp_path / "pytorch_model.bin")
    config = {"feature_extractor": {"class_path": "vocos.feature_extractors.MelSpectrogramFeatures", "init_args": {
                  "sample_rate": 24000, "n_fft": 1024, "hop_length": 256, "n_mels": 100, "padding": "center"}},
              "backbone": {"class_path": "vocos.models.VocosBackbone", "init_args": {
                  "input_channels": 100, "dim": 512, "intermediate_dim": 1536, "num_layers": 8}},
              "head": {"class_path": "vocos.heads.ISTFTHead", "init_args": {
                  "dim": 512, "n_fft": 1024, "hop_length": 256, "padding": "center"}}}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    assert_same(source, load_vocos(str(tmp_path), CPU))
