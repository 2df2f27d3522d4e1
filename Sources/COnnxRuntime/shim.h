// ONNX Runtime's C API header, from Debian's libonnxruntime-dev (scripts/setup.sh copies it into .deps/).
// The library itself (PyPI `onnxruntime`) is found through the -L/-rpath flags of the PiperEngine target.
#include "../../.deps/onnxruntime/include/onnxruntime_c_api.h"
