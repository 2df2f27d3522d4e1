// Issue 11: a tiny shared library that runs a Piper model through a dlopen'ed libonnxruntime, for
// bench/onnxruntime/ort_same_process.py, which loads it with ctypes next to Python's onnxruntime (the statically linked copy
// inside onnxruntime_pybind11_state) so the two binaries can be timed alternately, call by call, in one process.
//   cc -O2 -shared -fPIC -o /tmp/libortrun.so bench/onnxruntime/ort_run_lib.c -I.deps/onnxruntime/include -ldl
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "onnxruntime_c_api.h"
static const OrtApi* api; static OrtSession* session; static OrtMemoryInfo* mem; static OrtEnv* env;
#define CHECK(x) do { OrtStatus* s = (x); if (s) { fprintf(stderr, "%s\n", api->GetErrorMessage(s)); return -1; } } while (0)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int ortrun_init(const char* libpath, const char* model, int threads, int mempat) {
  void* lib = dlopen(libpath, RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return -1; }
  const OrtApiBase* (*getBase)(void) = dlsym(lib, "OrtGetApiBase");
  api = getBase()->GetApi(ORT_API_VERSION);
  CHECK(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "b", &env));
  OrtSessionOptions* so; CHECK(api->CreateSessionOptions(&so));
  if (threads > 0) CHECK(api->SetIntraOpNumThreads(so, threads));
  CHECK(api->SetSessionGraphOptimizationLevel(so, ORT_ENABLE_ALL));
  if (!mempat) CHECK(api->DisableMemPattern(so));
  if (getenv("ORTRUN_NOSPIN")) CHECK(api->AddSessionConfigEntry(so, "session.intra_op.allow_spinning", "0"));
  CHECK(api->CreateSession(env, model, so, &session));
  CHECK(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &mem));
  return 0;
}
// Runs once; returns the milliseconds of Run, and the output's sample count in *samples.
double ortrun_run(const int64_t* ids, int64_t n, float noisew, int64_t* samples) {
  int64_t shape[2] = {1, n}; int64_t len = n, one = 1, three = 3; float scales[3] = {0.667f, 1.0f, noisew};
  OrtValue *in, *lens, *sc, *out = NULL;
  CHECK(api->CreateTensorWithDataAsOrtValue(mem, (void*)ids, n * 8, shape, 2, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &in));
  CHECK(api->CreateTensorWithDataAsOrtValue(mem, &len, 8, &one, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &lens));
  CHECK(api->CreateTensorWithDataAsOrtValue(mem, scales, 12, &three, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &sc));
  const char* names[3] = {"input", "input_lengths", "scales"}; const char* outs[1] = {"output"};
  const OrtValue* ins[3] = {in, lens, sc};
  double t0 = now(); CHECK(api->Run(session, NULL, names, ins, 3, outs, 1, &out)); double dt = now() - t0;
  OrtTensorTypeAndShapeInfo* info; CHECK(api->GetTensorTypeAndShape(out, &info));
  size_t count; CHECK(api->GetTensorShapeElementCount(info, &count)); api->ReleaseTensorTypeAndShapeInfo(info);
  *samples = (int64_t)count;
  api->ReleaseValue(out); api->ReleaseValue(in); api->ReleaseValue(lens); api->ReleaseValue(sc);
  return dt * 1000;
}
