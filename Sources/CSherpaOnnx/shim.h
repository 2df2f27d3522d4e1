// sherpa-onnx's C API header, copied from PyPI `sherpa-onnx-core` by scripts/setup.sh.
// The library itself is found through the -L/-rpath flags of the PiperEngine target.
#include "../../.deps/sherpa-onnx/include/sherpa-onnx/c-api/c-api.h"
