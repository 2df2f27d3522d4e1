"""What the ONNX Runtime comparison scripts share: the Piper model, phoneme-id files, Python's `InferenceSession` with
the options under test, and the wheel's libonnxruntime driven through `ort_run_lib.c` (built to /tmp/libortrun.so:
`cc -O2 -shared -fPIC -o /tmp/libortrun.so bench/onnxruntime/ort_run_lib.c -I.deps/onnxruntime/include -ldl`)."""
import ctypes
import os

import numpy as np
import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "models/piper/en_US-joe-medium.onnx")
LIB = os.environ.get("LIB", os.path.join(ROOT, ".deps/onnxruntime/lib/libonnxruntime.so.1"))


def read_ids(path: str) -> np.ndarray:
    """One sentence's phoneme ids (whitespace-separated in `path`) as the model's [1, n] input."""
    return np.ascontiguousarray(np.array([[int(x) for x in open(path).read().split()]], dtype=np.int64))


def python_session(model: str = MODEL, threads: int = 2, mempat: bool = False) -> onnxruntime.InferenceSession:
    """Python's session (the statically linked copy piper-tts runs); threads 0 = ONNX Runtime's default pool."""
    so = onnxruntime.SessionOptions()
    if threads > 0:
        so.intra_op_num_threads = threads
    so.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.enable_mem_pattern = mempat
    return onnxruntime.InferenceSession(model, sess_options=so, providers=["CPUExecutionProvider"])


def feed(ids: np.ndarray, noisew: float) -> dict:
    """The Piper model's inputs for `ids` (length scale 1, noise scale 0.667)."""
    return {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64),
            "scales": np.array([0.667, 1.0, noisew], dtype=np.float32)}


def c_library_session(threads: int = 2, mempat: bool = False):
    """The wheel's libonnxruntime (LIB) with the same options; returns run(ids, noisew) -> (ms, output samples)."""
    lib = ctypes.CDLL(os.environ.get("ORTRUN", "/tmp/libortrun.so"))
    lib.ortrun_init.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
    lib.ortrun_run.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_float, ctypes.POINTER(ctypes.c_int64)]
    lib.ortrun_run.restype = ctypes.c_double
    assert lib.ortrun_init(LIB.encode(), MODEL.encode(), threads, int(mempat)) == 0

    def run(ids: np.ndarray, noisew: float) -> tuple[float, int]:
        samples = ctypes.c_int64()
        ms = lib.ortrun_run(ids.ctypes.data, ids.shape[1], noisew, ctypes.byref(samples))
        return ms, samples.value

    return run
