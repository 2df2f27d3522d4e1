"""The one place that imports official F5-TTS / Vocos code.

`f5_tts.model` imports its trainer (wandb, accelerate, datasets) and `vocos` imports EnCodec and the
Hugging Face hub client at module load, although inference uses none of them. Like the official speed
anchor (shared/bench/f5_official_anchor.py), we put small stub modules into `sys.modules` first, but
only for modules that are not importable (or already stubbed), so a process that has the real packages
(the GPU machine) keeps them. `librosa` is only needed by the BigVGAN mel path; when it is absent we
stub `librosa.filters.mel` with a function that refuses, since the worker only supports Vocos mels.

Two installed packages are imported at module load but never used by the worker's inference: `einx`
(through x_transformers; 1.0 s, since it imports sympy and torch._dynamo) and `torchdiffeq` (through
CFM, for `CFM.sample`'s odeint, which the fast sampler replaces; 0.3 s, it imports scipy.integrate).
They are *deferred*: a stand-in module imports the real one the first time it is used (the parity
tests call `CFM.sample`), so nothing changes except when the cost is paid. With `python -X importtime`
on two CPU cores this module took 1.9 s to import before, 0.55 s after (torch itself: 1.0 s).
"""

from __future__ import annotations

import importlib.util
import sys
import types
from importlib.resources import files


def _stub(name: str, **attrs: object) -> None:
    """Install an empty module `name` with `attrs` unless a module of that name is present."""
    if name in sys.modules:
        module = sys.modules[name]
    else:
        module = types.ModuleType(name)
        module.__spec__ = None
        sys.modules[name] = module
    for key, value in attrs.items():
        if not hasattr(module, key):
            setattr(module, key, value)


def _absent(name: str) -> bool:
    if name in sys.modules:
        return getattr(sys.modules[name], "__spec__", None) is None  # an earlier stub
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        return True


class _Deferred(types.ModuleType):
    """Stands in for an installed module until it is used; then every attribute comes from the real one."""

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):  # the import system probes __path__ etc.; that is no use
            raise AttributeError(attr)
        return getattr(_import_real(self.__name__), attr)


def _import_real(name: str) -> types.ModuleType:
    """Replace the stand-in `name` in sys.modules by the real module (imported now) and return it."""
    module = sys.modules.get(name)
    if isinstance(module, _Deferred):
        del sys.modules[name]
        try:
            return importlib.import_module(name)
        except BaseException:
            sys.modules[name] = module
            raise
    return importlib.import_module(name)


def _defer(name: str, *functions: str) -> None:
    """Install a stand-in for `name` unless it is imported already; `functions` are the names taken with
    `from name import f` at import time, so they must exist now: each calls the real one when called."""
    if name in sys.modules:
        return
    module = _Deferred(name)
    for fn in functions:
        def call(*args: object, _fn: str = fn, **kwargs: object) -> object:
            return getattr(_import_real(name), _fn)(*args, **kwargs)

        call.__name__ = call.__qualname__ = fn
        setattr(module, fn, call)
    sys.modules[name] = module


def _refuse(*_a: object, **_k: object) -> None:
    raise NotImplementedError("only the Vocos mel spectrogram is supported by the iShowTTS worker")


def install_stubs() -> None:
    """Stub the training/download-only imports of f5_tts.model and vocos, defer the unused ones (idempotent)."""
    # Always stubbed: the trainer and dataset pull wandb/accelerate/datasets and are never used here.
    _stub("f5_tts.model.trainer", Trainer=object)
    _stub("f5_tts.model.dataset")
    if _absent("cached_path"):
        _stub("cached_path", cached_path=lambda *a, **k: None)
    if _absent("encodec"):
        for name in ["encodec", "encodec.model", "encodec.modules", "encodec.utils"]:
            _stub(name)
        _stub("encodec", EncodecModel=object)
        _stub("encodec.utils", convert_audio=lambda *a, **k: None)
    if _absent("huggingface_hub"):
        _stub("huggingface_hub", hf_hub_download=_refuse)
    if _absent("librosa"):
        _stub("librosa")
        _stub("librosa.filters", mel=_refuse)
        sys.modules["librosa"].filters = sys.modules["librosa.filters"]
    _defer("einx")
    _defer("torchdiffeq", "odeint")


install_stubs()

# ruff: noqa: E402  (imports must follow the stubs)
from f5_tts.model import CFM, DiT  # noqa: F401
from f5_tts.model.utils import (  # noqa: F401
    convert_char_to_pinyin,
    get_epss_timesteps,
    get_tokenizer,
    list_str_to_idx,
)
from vocos import Vocos  # noqa: F401
from vocos.feature_extractors import MelSpectrogramFeatures  # noqa: F401
from vocos.heads import ISTFTHead  # noqa: F401
from vocos.models import VocosBackbone  # noqa: F401


def example_vocab_path() -> str:
    """The vocab.txt shipped with f5-tts (the one F5TTS_v1_Base was trained with)."""
    return str(files("f5_tts").joinpath("infer/examples/vocab.txt"))


def config_path(name: str) -> str:
    """Path of an official model config shipped with f5-tts, e.g. `F5TTS_v1_Base`."""
    return str(files("f5_tts").joinpath(f"configs/{name}.yaml"))
