"""The synthesis engine: voices, batching, sampling and vocoding, independent of the wire protocol."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np
import torch

from ishowtts_worker.buckets import batch_bucket, length_bucket
from ishowtts_worker.fast_dit import FastDiT
from ishowtts_worker.sampler import MAX_DURATION, SampleItem, Sampler
from ishowtts_worker.tokens import Tokenizer
from ishowtts_worker.vocoder import Vocoder
from ishowtts_worker.voices import Voice, VoiceStore

log = logging.getLogger("ishowtts_worker")

class BadItem(ValueError):
    """A synthesize item that cannot be run as given."""


@dataclass
class SynthItem:
    """One `synthesize.items[]` entry (see docs/WORKER_PROTOCOL.md)."""

    item_id: str
    voice_id: str
    text: str
    duration: int
    nfe_step: int = 32
    cfg_strength: float = 2.0
    sway_sampling_coef: float | None = -1.0
    seed: int | None = None

    @classmethod
    def from_json(cls, obj: object) -> "SynthItem":
        """Validate a JSON item; raises BadItem with a message saying what is wrong."""
        if not isinstance(obj, dict):
            raise BadItem("item is not an object")
        try:
            item = cls(
                item_id=obj["item_id"], voice_id=obj["voice_id"], text=obj["text"], duration=obj["duration"],
                nfe_step=obj.get("nfe_step", 32), cfg_strength=obj.get("cfg_strength", 2.0),
                sway_sampling_coef=obj.get("sway_sampling_coef", -1.0), seed=obj.get("seed"),
            )
        except KeyError as missing:
            raise BadItem(f"item lacks {missing}") from None
        checks = [
            (isinstance(item.item_id, str), "item_id must be a string"),
            (isinstance(item.voice_id, str), "voice_id must be a string"),
            (isinstance(item.text, str) and item.text != "", "text must be a non-empty string"),
            (is_duration(item.duration), "duration must be an integer in 1...65536"),
            (_is_int(item.nfe_step) and 1 <= item.nfe_step <= 128, "nfe_step must be an integer in 1...128"),
            (_is_num(item.cfg_strength), "cfg_strength must be a number"),
            (item.sway_sampling_coef is None or _is_num(item.sway_sampling_coef), "sway_sampling_coef must be a number"),
            (item.seed is None or (_is_int(item.seed) and 0 <= item.seed < 2**63), "seed must be a non-negative integer"),
        ]
        for ok, message in checks:
            if not ok:
                raise BadItem(message)
        item.cfg_strength = float(item.cfg_strength)
        if item.sway_sampling_coef is not None:
            item.sway_sampling_coef = float(item.sway_sampling_coef)
        return item

    @property
    def schedule_key(self) -> tuple[int, float | None]:
        """Items sharing this key can share one sampling loop."""
        return (self.nfe_step, self.sway_sampling_coef)


def is_duration(v: object) -> bool:
    """An item duration the protocol accepts: an integer number of frames in 1...65536 (CFM.sample's maximum)."""
    return _is_int(v) and 0 < v <= MAX_DURATION


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass
class ItemAudio:
    """The result of one item."""

    item_id: str
    pcm: np.ndarray  # float32, 24 kHz, the generated part only
    frames: int  # frames generated (effective duration - ref_audio_len); pcm has (frames - 1) * 256 samples
    sample_s: float  # wall time of the batch's sampling loop
    vocode_s: float  # wall time of the batch's vocoding
    mel: torch.Tensor | None = field(default=None, repr=False)  # full mel incl. reference (kept for tests)


class Engine:
    """Owns the model on its device and turns items into audio."""

    def __init__(self, cfm: torch.nn.Module, vocos: torch.nn.Module, vocab_char_map: dict[str, int], *,
                 device: torch.device, dtype: torch.dtype, cuda_graphs: bool = True, compile: bool = False) -> None:
        self.device = device
        self.dtype = dtype
        self.cfm = cfm.to(device).eval()
        self.cfm.transformer.to(dtype)
        self.fast = FastDiT(self.cfm.transformer)
        if compile:  # optional; graphs capture the compiled kernels like eager ones
            self.fast.forward = torch.compile(self.fast.forward, dynamic=False)  # type: ignore[method-assign]
        self.sampler = Sampler(self.fast, cuda_graphs=cuda_graphs)
        self.vocoder = Vocoder(vocos.to(device).eval())
        self.voices = VoiceStore(self.cfm.mel_spec, device)
        self.tokenizer = Tokenizer(vocab_char_map)
        self.keep_mels = False  # tests set this to inspect full mels
        self.batches = 0
        self.items = 0

    def prepare_voice(self, voice_id: str, pcm: np.ndarray) -> Voice:
        """Compute and keep a voice's reference mel."""
        return self.voices.prepare(voice_id, pcm)

    def warm_up(self, voice_id: str, durations: list[int]) -> int:
        """Get ready for `voice_id`'s likely item durations: capture the single-item CUDA graphs of their length
        buckets and, if this engine never ran an item, run one end to end (first-use costs of the text embedding and
        Vocos, once per process), so the first requests do not pay them. Returns the graphs captured; does nothing
        without CUDA graphs."""
        graphs = self.sampler.graphs
        if graphs is None or not durations:
            return 0
        before = graphs.captures
        for n in sorted({length_bucket(d) for d in durations}):
            graphs.get(batch_bucket(1), n, True)
        if self.batches == 0:
            self.run([SynthItem(item_id="warm-up", voice_id=voice_id, text="a" * 8, duration=min(durations), nfe_step=1)])
        return graphs.captures - before

    def run(self, batch: list[SynthItem]) -> list[ItemAudio]:
        """Synthesize one batch (all items share nfe_step and sway, all voices known)."""
        voices = [self.voices.voices[it.voice_id] for it in batch]
        prepared = [
            SampleItem(self.tokenizer.ids(it.text), v.mel, it.duration, it.seed, it.cfg_strength)
            for it, v in zip(batch, voices)
        ]
        sync = self.device.type == "cuda"
        t0 = time.perf_counter()
        mels = self.sampler.sample(prepared, batch[0].nfe_step, batch[0].sway_sampling_coef)
        if sync:
            torch.cuda.synchronize(self.device)
        t1 = time.perf_counter()
        generated = [mel[v.ref_audio_len:] for mel, v in zip(mels, voices)]
        waves = self.vocoder.decode(generated)
        pcm = [w.cpu().numpy().astype(np.float32, copy=False) for w in waves]
        t2 = time.perf_counter()
        self.batches += 1
        self.items += len(batch)
        return [
            ItemAudio(it.item_id, p, g.shape[0], t1 - t0, t2 - t1, mel if self.keep_mels else None)
            for it, p, g, mel in zip(batch, pcm, generated, mels)
        ]
