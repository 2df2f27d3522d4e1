"""Turns a `load.model` object into an Engine: official model classes, official checkpoint layout.

`random-init` builds the real architecture with the official initialisation from a seed, directly on
the device; it exists for tests and benchmarks only and is logged as such. A checkpoint is read
straight to the device, the DiT's tensors in its dtype, into a model whose parameters were never
initialised (`checkpoint.build_with_state`): no fp32 copy of the model on the CPU, none on the GPU.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import torch

from ishowtts_worker import official
from ishowtts_worker.batching import DEFAULT_MAX_BATCH, MAX_BATCH
from ishowtts_worker.checkpoint import build_with_state, read_state
from ishowtts_worker.configs import CONFIG_NAMES, build_cfm
from ishowtts_worker.engine import Engine
from ishowtts_worker.vocoder import load_vocos

log = logging.getLogger("ishowtts_worker")

DTYPES = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}


class LoadError(ValueError):
    """A load request that names something invalid or missing."""


def load_engine(spec: dict, device_name: str, public_name: str) -> tuple[Engine, dict]:
    """Build the engine for `spec` on `device_name` (this process's name of the worker's device, which the
    supervisor calls `public_name`); returns it and the `model` echo of the ready reply."""
    t0 = time.perf_counter()
    mode = spec.get("mode")
    config = spec.get("config", "F5TTS_v1_Base")
    dtype_name = spec.get("dtype") or ("fp16" if device_name.startswith("cuda") else "fp32")
    seed = spec.get("seed", 0)
    if mode not in ("checkpoint", "random-init"):
        raise LoadError("model.mode must be 'checkpoint' or 'random-init'")
    if config not in CONFIG_NAMES:
        raise LoadError(f"model.config must be one of {', '.join(CONFIG_NAMES)}")
    if config == "tiny" and mode != "random-init":
        raise LoadError("the tiny config exists for random-init tests only")
    if dtype_name not in DTYPES:
        raise LoadError("model.dtype must be fp16, bf16 or fp32")
    if not isinstance(seed, int):
        raise LoadError("model.seed must be an integer")
    max_batch = spec.get("max_batch", DEFAULT_MAX_BATCH)
    if not isinstance(max_batch, int) or isinstance(max_batch, bool) or not 1 <= max_batch <= MAX_BATCH:
        raise LoadError(f"model.max_batch must be an integer in 1...{MAX_BATCH}")
    try:
        device = torch.device(device_name)
    except RuntimeError as e:
        raise LoadError(f"bad device {device_name!r}: {e}") from None
    if device.type == "cuda":
        if not torch.cuda.is_available():
            visible = os.environ.get("CUDA_VISIBLE_DEVICES")
            raise LoadError(f"{public_name} is not available to this worker: CUDA sees no device"
                            + (f" (CUDA_VISIBLE_DEVICES={visible})" if visible is not None else ""))
        torch.cuda.set_device(device)  # Triton and any unqualified CUDA call use the current device

    vocab_path = spec.get("vocab") or (official.example_vocab_path() if mode == "random-init" else None)
    for key, path in (("vocab", vocab_path), ("checkpoint", spec.get("checkpoint") if mode == "checkpoint" else "-"),
                      ("vocoder", spec.get("vocoder") or "-")):
        if path is None:
            raise LoadError(f"model.{key} is required in checkpoint mode")
        if path != "-" and not Path(path).exists():
            raise LoadError(f"model.{key}: {path} does not exist")
    vocab_char_map, vocab_size = official.get_tokenizer(vocab_path, "custom")

    dtype = DTYPES[dtype_name]
    if mode == "random-init":
        log.warning("RANDOM-INIT MODEL (%s, seed %d): for tests and benchmarks only, it speaks noise", config, seed)
        torch.manual_seed(seed)
        with torch.device(device):
            cfm = build_cfm(config, vocab_char_map, vocab_size)
    else:
        state = _on_device(read_state(spec["checkpoint"]), device, dtype)
        cfm = build_with_state(lambda: build_cfm(config, vocab_char_map, vocab_size), state, device)
        log.info("loaded checkpoint %s", spec["checkpoint"])
    vocos = load_vocos(spec.get("vocoder"), device, seed)
    if spec.get("vocoder") is None:
        log.warning("RANDOM-INIT VOCOS: for tests and benchmarks only")
    engine = Engine(cfm, vocos, vocab_char_map, device=device, dtype=dtype,
                    cuda_graphs=bool(spec.get("cuda_graphs", True)), compile=bool(spec.get("compile", False)))
    echo = {
        "mode": mode, "config": config, "dtype": dtype_name, "device": str(device),
        "params_m": round(sum(p.numel() for p in cfm.parameters()) / 1e6, 2),
        "vocab_size": vocab_size, "load_s": round(time.perf_counter() - t0, 3),
        "cuda_graphs": engine.sampler.graphs is not None, "compile": bool(spec.get("compile", False)),
        "max_batch": max_batch,
    }
    return engine, echo


def _on_device(state: dict[str, torch.Tensor], device: torch.device, dtype: torch.dtype) -> dict[str, torch.Tensor]:
    """The checkpoint's tensors moved one by one to the device, the DiT's floating-point ones cast to its dtype
    on the way (the Engine casts the DiT anyway; casting here keeps the fp32 copy off the device)."""
    placed = {}
    for key in list(state):
        tensor = state.pop(key)  # frees the CPU copy as we go
        cast = dtype if key.startswith("transformer.") and tensor.is_floating_point() else None
        placed[key] = tensor.to(device=device, dtype=cast)
    return placed
