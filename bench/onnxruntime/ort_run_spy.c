// Issue 11: LD_PRELOAD shim that wraps ONNX Runtime's Run in any process linked to libonnxruntime (ishowtts):
// logs, per Run, "SPY <ms> <samples> <nids> <cpu-affinity-count> <ids...>" to $ORT_SPY_LOG, so the exact phoneme
// ids and Run times of the Swift engine can be replayed and compared with bench/onnxruntime/ort_run_compare.c and Python.
//   cc -O2 -shared -fPIC -o /tmp/libortspy.so bench/onnxruntime/ort_run_spy.c -I.deps/onnxruntime/include -ldl -lpthread
//   ORT_SPY_LOG=/tmp/spy.log LD_PRELOAD=/tmp/libortspy.so .build/release/ishowtts bench ...
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "onnxruntime_c_api.h"
static const OrtApi* real; static OrtApi copy; static OrtApiBase base; static const OrtApiBase* realBase;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; static FILE* logf;
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static OrtStatus* ORT_API_CALL spyRun(OrtSession* s, const OrtRunOptions* ro, const char* const* inNames,
    const OrtValue* const* ins, size_t nin, const char* const* outNames, size_t nout, OrtValue** outs) {
  double t0 = now(); OrtStatus* st = real->Run(s, ro, inNames, ins, nin, outNames, nout, outs); double dt = now() - t0;
  if (st || !logf) return st;
  size_t samples = 0; OrtTensorTypeAndShapeInfo* info;
  if (!real->GetTensorTypeAndShape(outs[0], &info)) { real->GetTensorShapeElementCount(info, &samples); real->ReleaseTensorTypeAndShapeInfo(info); }
  cpu_set_t set; CPU_ZERO(&set); pthread_getaffinity_np(pthread_self(), sizeof set, &set);
  pthread_mutex_lock(&lock);
  fprintf(logf, "SPY %.3f %zu", dt * 1000, samples);
  for (size_t i = 0; i < nin; i++) if (!strcmp(inNames[i], "input")) {
    size_t n = 0; int64_t* d = NULL;
    if (!real->GetTensorTypeAndShape(ins[i], &info)) { real->GetTensorShapeElementCount(info, &n); real->ReleaseTensorTypeAndShapeInfo(info); }
    real->GetTensorMutableData((OrtValue*)ins[i], (void**)&d);
    fprintf(logf, " %zu %d %p", n, CPU_COUNT(&set), (void*)d);
    for (size_t k = 0; k < n; k++) fprintf(logf, " %ld", (long)d[k]);
  }
  fprintf(logf, "\n"); fflush(logf);
  pthread_mutex_unlock(&lock);
  return st;
}
static const OrtApi* ORT_API_CALL spyGetApi(uint32_t v) {
  real = realBase->GetApi(v); if (!real) return NULL;
  memcpy(&copy, real, sizeof copy); copy.Run = spyRun;
  const char* p = getenv("ORT_SPY_LOG"); if (p && !logf) logf = fopen(p, "a");
  return &copy;
}
const OrtApiBase* OrtGetApiBase(void) {
  const OrtApiBase* (*f)(void) = dlsym(RTLD_NEXT, "OrtGetApiBase");
  realBase = f(); base = *realBase; base.GetApi = spyGetApi; return &base;
}
