"""Loading F5-TTS checkpoints the way official `utils_infer.load_checkpoint` does.

Released checkpoints hold the EMA weights: a `.pt` with `ema_model_state_dict` (keys prefixed
`ema_model.`, plus the EMA bookkeeping `initted`/`step`), or a `.safetensors` with those tensors at the
top level. Old checkpoints also carry mel front-end buffers that the current MelSpec no longer has.

A model that gets every parameter from a file is built without initialising them (`build_with_state`):
the official path builds F5TTS_v1_Base on the CPU in fp32, initialises its 336 M parameters (1.3 s on
two CPU cores), overwrites them, then copies the model to the GPU and casts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import torch

M = TypeVar("M", bound=torch.nn.Module)

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


@contextmanager
def _uninitialised_parameters() -> Iterator[None]:
    """While active, every parameter a module registers moves to the meta device (no memory) and the
    `torch.nn.init` functions do nothing, as in HF transformers' `no_init_weights` (on meta tensors some of
    them, `normal_` and `trunc_normal_`, run Python decompositions that import torch._dynamo: 0.9 s).
    Buffers stay where the constructor made them, since unsaved ones (F5's rotary table) are needed."""
    register = torch.nn.Module.register_parameter
    inits = {name: fn for name, fn in vars(torch.nn.init).items()
             if name.endswith("_") and not name.startswith("_") and callable(fn)}

    def register_on_meta(module: torch.nn.Module, name: str, param: torch.nn.Parameter | None) -> None:
        if param is not None:
            param = torch.nn.Parameter(param.to("meta"), requires_grad=param.requires_grad)
        register(module, name, param)

    def skip(tensor: torch.Tensor, *_args: object, **_kwargs: object) -> torch.Tensor:
        return tensor

    torch.nn.Module.register_parameter = register_on_meta  # type: ignore[method-assign]
    for name in inits:
        setattr(torch.nn.init, name, skip)
    try:
        yield
    finally:
        torch.nn.Module.register_parameter = register  # type: ignore[method-assign]
        for name, fn in inits.items():
            setattr(torch.nn.init, name, fn)


def build_with_state(build: Callable[[], M], state: dict[str, torch.Tensor], device: torch.device) -> M:
    """`build()` with its parameters and saved buffers taken from `state` (strict), instead of initialised.

    The state's tensors are used as they are (put them on `device`, in their final dtype, first); the
    buffers the constructor computed are moved to `device`.
    """
    with _uninitialised_parameters():
        model = build()
    model.load_state_dict(state, assign=True)  # strict: a parameter missing from `state` is an error
    return model.to(device)
