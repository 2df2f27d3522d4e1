// Issue 11: times ONNX Runtime's Run of a Piper model with a chosen libonnxruntime (dlopen), printing every timed
// run as "RUN <sentence-file> <ms> <samples>", in the same format as bench/onnxruntime/ort_run_compare.py (Python's
// onnxruntime.InferenceSession), so the two can be interleaved by bench/onnxruntime/ort_run_compare_driver.py.
//
//   cc -O2 -o /tmp/ort_cmp bench/onnxruntime/ort_run_compare.c -I.deps/onnxruntime/include -ldl
//   /tmp/ort_cmp LIB MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDSFILE...
// THREADS: intra-op threads (0 = ORT default); MEMPAT: 1 leaves memory patterns on (piper-tts), 0 turns them off
// (ishowtts); NOISEW: the third scale (0.8 normally; 0 makes durations, so the output length, deterministic).
// Sentences are run round-robin: WARMUP rounds over all files, then RUNS rounds.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "onnxruntime_c_api.h"
#define CHECK(x) do { OrtStatus* s = (x); if (s) { fprintf(stderr, "%s\n", api->GetErrorMessage(s)); exit(1); } } while (0)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char** argv) {
  if (argc < 9) { fprintf(stderr, "usage: %s LIB MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDS...\n", argv[0]); return 2; }
  void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  const OrtApiBase* (*getBase)(void) = dlsym(lib, "OrtGetApiBase");
  const OrtApi* api = getBase()->GetApi(ORT_API_VERSION);
  int threads = atoi(argv[3]), mempat = atoi(argv[4]), warm = atoi(argv[5]), runs = atoi(argv[6]);
  float noisew = atof(argv[7]);
  int nfiles = argc - 8;
  OrtEnv* env; CHECK(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "b", &env));
  OrtSessionOptions* so; CHECK(api->CreateSessionOptions(&so));
  if (threads > 0) CHECK(api->SetIntraOpNumThreads(so, threads));
  CHECK(api->SetSessionGraphOptimizationLevel(so, ORT_ENABLE_ALL));
  if (!mempat) CHECK(api->DisableMemPattern(so));
  OrtSession* session; CHECK(api->CreateSession(env, argv[2], so, &session));
  static int64_t ids[64][1024]; int n[64]; if (nfiles > 64) { fprintf(stderr, "at most 64 files\n"); return 2; }
  for (int k = 0; k < nfiles; k++) {
    FILE* f = fopen(argv[8 + k], "r"); if (!f) { perror(argv[8 + k]); return 1; }
    n[k] = 0; while (n[k] < 1024 && fscanf(f, "%ld", &ids[k][n[k]]) == 1) n[k]++; fclose(f);
  }
  OrtMemoryInfo* mem; CHECK(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &mem));
  float scales[3] = {0.667f, 1.0f, noisew}; int64_t three = 3, one = 1;
  for (int r = 0; r < warm + runs; r++) for (int k = 0; k < nfiles; k++) {
    int64_t shape[2] = {1, n[k]}; int64_t len = n[k];
    OrtValue *in, *lens, *sc, *out = NULL;
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, ids[k], n[k] * 8, shape, 2, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &in));
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, &len, 8, &one, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &lens));
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, scales, 12, &three, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &sc));
    const char* names[3] = {"input", "input_lengths", "scales"}; const char* outs[1] = {"output"};
    const OrtValue* ins[3] = {in, lens, sc};
    double t0 = now(); CHECK(api->Run(session, NULL, names, ins, 3, outs, 1, &out)); double dt = now() - t0;
    OrtTensorTypeAndShapeInfo* info; CHECK(api->GetTensorTypeAndShape(out, &info));
    size_t count; CHECK(api->GetTensorShapeElementCount(info, &count)); api->ReleaseTensorTypeAndShapeInfo(info);
    if (r >= warm) printf("RUN %s %.3f %zu\n", argv[8 + k], dt * 1000, count);
    api->ReleaseValue(out); api->ReleaseValue(in); api->ReleaseValue(lens); api->ReleaseValue(sc);
  }
  return 0;
}
