"""The fast sampler reproduces official CFM.sample (CPU, fp32, tiny random DiT, same seeds).

This is what guarantees quality: tests cannot listen, but they can check that the mel (and the
waveform after Vocos) equals what the official sampler produces for the same weights and noise.
"""

from __future__ import annotations

import pytest
import torch

from ishowtts_worker import official
from ishowtts_worker.engine import SynthItem
from tests_support import reference_wave

TOL = 1e-4
TEXT_A = "I am not in danger, Skyler. Hello world, this is a test."
TEXT_B = "你好，欢迎来到直播间！lol that play was insane."
TEXT_C = "Short one!"


def official_mel(cfm, wave: torch.Tensor, text: str, duration: int, nfe: int, cfg: float,
                 sway: float | None, seed: int) -> torch.Tensor:
    with torch.inference_mode():
        out, _ = cfm.sample(cond=wave[None], text=official.convert_char_to_pinyin([text]), duration=duration,
                            steps=nfe, cfg_strength=cfg, sway_sampling_coef=sway, seed=seed)
    return out[0].float()


@pytest.fixture(scope="module")
def voices(engine):
    waves = {"a": reference_wave(1.6, 10), "b": reference_wave(1.1, 11)}
    for vid, w in waves.items():
        engine.prepare_voice(vid, w.numpy())
    return waves


@pytest.mark.parametrize("nfe,cfg,sway", [(7, 2.0, -1.0), (9, 2.0, -1.0), (6, 0.0, None)])
def test_single_item_equals_official(engine, tiny_cfm, voices, nfe, cfg, sway) -> None:
    [res] = engine.run([SynthItem("x", "a", TEXT_A, 260, nfe, cfg, sway, 42)])
    want = official_mel(tiny_cfm, voices["a"], TEXT_A, 260, nfe, cfg, sway, 42)
    assert res.mel.shape == want.shape
    diff = (res.mel - want).abs().max().item()
    print(f"parity nfe={nfe} cfg={cfg} sway={sway}: max abs diff {diff:.2e}")
    assert diff < TOL
    # The model really acted: the result is not the initial noise.
    torch.manual_seed(42)
    noise = torch.randn(260, 100)
    assert (want[200:] - noise[200:]).abs().max() > 0.1


def test_short_duration_is_raised_like_official(engine, tiny_cfm, voices) -> None:
    [res] = engine.run([SynthItem("x", "b", TEXT_A, 10, 7, 2.0, -1.0, 3)])
    want = official_mel(tiny_cfm, voices["b"], TEXT_A, 10, 7, 2.0, -1.0, 3)
    assert res.mel.shape == want.shape and (res.mel - want).abs().max().item() < TOL


def test_batched_equals_unbatched_and_official(engine, tiny_cfm, voices) -> None:
    items = [
        SynthItem("1", "a", TEXT_A, 260, 7, 2.0, -1.0, 1),
        SynthItem("2", "b", TEXT_B, 190, 7, 2.5, -1.0, 2),
        SynthItem("3", "a", TEXT_C, 150, 7, 2.0, -1.0, 3),
    ]
    batched = engine.run(items)
    for item, got in zip(items, batched):
        [alone] = engine.run([item])
        d_batch = (got.mel - alone.mel).abs().max().item()
        want = official_mel(tiny_cfm, voices[item.voice_id], item.text, item.duration, 7,
                            item.cfg_strength, -1.0, item.seed)
        d_official = (got.mel - want).abs().max().item()
        d_wave = float(abs(got.pcm - alone.pcm).max())
        print(f"item {item.item_id}: batched vs alone {d_batch:.2e}, vs official {d_official:.2e}, wave {d_wave:.2e}")
        assert d_batch < TOL and d_official < TOL and d_wave < TOL
        assert got.pcm.shape == alone.pcm.shape


def test_waveform_equals_official_vocos(engine, tiny_cfm, vocos, voices) -> None:
    [res] = engine.run([SynthItem("x", "a", TEXT_A, 260, 7, 2.0, -1.0, 42)])
    want = official_mel(tiny_cfm, voices["a"], TEXT_A, 260, 7, 2.0, -1.0, 42)
    ref_audio_len = voices["a"].shape[0] // 256  # official infer_batch_process cut
    with torch.inference_mode():
        wave = vocos.decode(want[None, ref_audio_len:].permute(0, 2, 1))[0].numpy()
    assert res.pcm.shape == wave.shape
    diff = float(abs(res.pcm - wave).max())
    print(f"waveform max abs diff {diff:.2e} (peak {abs(wave).max():.3f})")
    assert diff < TOL
