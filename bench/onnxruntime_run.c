// Times ONNX Runtime's Run on one Piper model and one sentence's phoneme ids, with a chosen libonnxruntime (loaded
// with dlopen, so two versions can be compared under the same options). For the breakdown in docs/BENCHMARKS.md:
//
//   .venv/bin/python -c 'from piper import PiperVoice as V; v = V.load("models/piper/en_US-joe-medium.onnx"); \
//       print(*v.phonemes_to_ids(v.phonemize("That was the cleanest clutch I have ever seen, and the chat knows it.")[0]))' > /tmp/ids.txt
//   cc -O2 -o /tmp/ort_run bench/onnxruntime_run.c -I.deps/onnxruntime/include -ldl
//   IDS=/tmp/ids.txt /tmp/ort_run LIB models/piper/en_US-joe-medium.onnx THREADS SPIN [FLAGS]   # LIB: a libonnxruntime.so
//
// THREADS: intra-op threads (0 = ONNX Runtime's default); SPIN: 0 turns thread spinning off; FLAGS (bits):
// 1 denormals as zero, 2 parallel execution mode, 4 no CPU arena, 8 no memory patterns, 16 dynamic block base 4.
// OPTLEVEL=1|2|99 in the environment sets the graph optimisation level (default 99, all). Prints the median and p90
// of 20 timed runs after 5 warm-up runs; reads the ids from $IDS (default ids.txt).
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "onnxruntime_c_api.h"
#define CHECK(x) do { OrtStatus* s = (x); if (s) { fprintf(stderr, "%s\n", api->GetErrorMessage(s)); exit(1); } } while (0)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int cmp(const void* a, const void* b) { double x = *(double*)a, y = *(double*)b; return x < y ? -1 : x > y; }
int main(int argc, char** argv) {
  if (argc < 5) { fprintf(stderr, "usage: %s LIB MODEL THREADS SPIN [FLAGS]\n", argv[0]); return 2; }
  void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  const OrtApiBase* (*getBase)(void) = dlsym(lib, "OrtGetApiBase");
  const OrtApi* api = getBase()->GetApi(ORT_API_VERSION);
  printf("ORT %s\n", getBase()->GetVersionString());
  int threads = atoi(argv[3]); int spin = atoi(argv[4]);
  OrtEnv* env; CHECK(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "b", &env));
  OrtSessionOptions* so; CHECK(api->CreateSessionOptions(&so));
  if (threads > 0) CHECK(api->SetIntraOpNumThreads(so, threads));
  const char* lvl = getenv("OPTLEVEL"); /* OPTLEVEL */
  CHECK(api->SetSessionGraphOptimizationLevel(so, lvl ? (GraphOptimizationLevel)atoi(lvl) : ORT_ENABLE_ALL));
  if (!spin) CHECK(api->AddSessionConfigEntry(so, "session.intra_op.allow_spinning", "0"));
  if (argc > 5 && atoi(argv[5]) & 1) CHECK(api->AddSessionConfigEntry(so, "session.set_denormal_as_zero", "1"));
  if (argc > 5 && atoi(argv[5]) & 2) CHECK(api->SetSessionExecutionMode(so, ORT_PARALLEL));
  if (argc > 5 && atoi(argv[5]) & 4) CHECK(api->DisableCpuMemArena(so));
  if (argc > 5 && atoi(argv[5]) & 8) CHECK(api->DisableMemPattern(so));
  if (argc > 5 && atoi(argv[5]) & 16) CHECK(api->AddSessionConfigEntry(so, "session.dynamic_block_base", "4"));
  OrtSession* session; CHECK(api->CreateSession(env, argv[2], so, &session));
  int64_t ids[1024]; int n = 0; const char* idsPath = getenv("IDS"); FILE* f = fopen(idsPath ? idsPath : "ids.txt", "r"); if (!f) { perror("ids"); return 1; } while (n < 1024 && fscanf(f, "%ld", &ids[n]) == 1) n++; fclose(f);
  OrtMemoryInfo* mem; CHECK(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &mem));
  int64_t shape[2] = {1, n}; int64_t len = n; int64_t one = 1; float scales[3] = {0.667f, 1.0f, 0.8f}; int64_t three = 3;
  double times[50];
  for (int r = 0; r < 25; r++) {
    OrtValue *in, *lens, *sc, *out = NULL;
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, ids, n * 8, shape, 2, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &in));
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, &len, 8, &one, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, &lens));
    CHECK(api->CreateTensorWithDataAsOrtValue(mem, scales, 12, &three, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &sc));
    const char* names[3] = {"input", "input_lengths", "scales"}; const char* outs[1] = {"output"};
    const OrtValue* ins[3] = {in, lens, sc};
    double t0 = now(); CHECK(api->Run(session, NULL, names, ins, 3, outs, 1, &out)); times[r] = now() - t0;
    api->ReleaseValue(out); api->ReleaseValue(in); api->ReleaseValue(lens); api->ReleaseValue(sc);
  }
  qsort(times + 5, 20, sizeof(double), cmp);
  printf("threads=%d spin=%d median %.1f ms  p90 %.1f ms\n", threads, spin, times[5 + 10] * 1000, times[5 + 18] * 1000);
  return 0;
}
