"""Turns a `load.model` object into an Engine: official model classes, official checkpoint layout.

`random-init` builds the real architecture with the official initialisation from a seed; it exists
for tests and benchmarks only and is logged as such.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import torch

from ishowtts_worker import official
from ishowtts_worker.checkpoint import load_into
from ishowtts_worker.configs import CONFIG_NAMES, build_cfm
from ishowtts_worker.engine import Engine
from ishowtts_worker.vocoder import load_vocos

log = logging.getLogger("ishowtts_worker")

DTYPES = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}


class LoadError(ValueError):
    """A load request that names something invalid or missing."""


def load_engine(spec: dict, default_device: str) -> tuple[Engine, dict]:
    """Build the engine for `spec`; returns it and the `model` echo of the ready reply."""
    t0 = time.perf_counter()
    mode = spec.get("mode")
    config = spec.get("config", "F5TTS_v1_Base")
    device_name = spec.get("device") or default_device
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
    try:
        device = torch.device(device_name)
    except RuntimeError as e:
        raise LoadError(f"bad device {device_name!r}: {e}") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise LoadError("CUDA is not available on this machine")

    vocab_path = spec.get("vocab") or (official.example_vocab_path() if mode == "random-init" else None)
    for key, path in (("vocab", vocab_path), ("checkpoint", spec.get("checkpoint") if mode == "checkpoint" else "-"),
                      ("vocoder", spec.get("vocoder") or "-")):
        if path is None:
            raise LoadError(f"model.{key} is required in checkpoint mode")
        if path != "-" and not Path(path).exists():
            raise LoadError(f"model.{key}: {path} does not exist")
    vocab_char_map, vocab_size = official.get_tokenizer(vocab_path, "custom")

    torch.manual_seed(seed)
    cfm = build_cfm(config, vocab_char_map, vocab_size)
    if mode == "random-init":
        log.warning("RANDOM-INIT MODEL (%s, seed %d): for tests and benchmarks only, it speaks noise", config, seed)
    else:
        load_into(cfm, spec["checkpoint"])
        log.info("loaded checkpoint %s", spec["checkpoint"])
    vocos = load_vocos(spec.get("vocoder"), device, seed)
    if spec.get("vocoder") is None:
        log.warning("RANDOM-INIT VOCOS: for tests and benchmarks only")
    engine = Engine(cfm, vocos, vocab_char_map, device=device, dtype=DTYPES[dtype_name],
                    cuda_graphs=bool(spec.get("cuda_graphs", True)), compile=bool(spec.get("compile", False)))
    echo = {
        "mode": mode, "config": config, "dtype": dtype_name, "device": str(device),
        "params_m": round(sum(p.numel() for p in cfm.parameters()) / 1e6, 2),
        "vocab_size": vocab_size, "load_s": round(time.perf_counter() - t0, 3),
        "cuda_graphs": engine.sampler.graphs is not None, "compile": bool(spec.get("compile", False)),
    }
    return engine, echo
