// Issue 11: times ONNX Runtime's Run of a Piper model with a chosen libonnxruntime (dlopen), printing every timed
// run as "RUN <sentence-file> <ms> <samples>", in the same format as bench/onnxruntime/ort_run_compare.py (Python's
// onnxruntime.InferenceSession), so the two can be interleaved by bench/onnxruntime/ort_run_compare_driver.py.
//
//   cc -O2 -o /tmp/ort_cmp bench/onnxruntime/ort_run_compare.c -I.deps/onnxruntime/include -ldl
// (the session and the timed Run are ort_run_lib.c's, included here).
//   /tmp/ort_cmp LIB MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDSFILE...
// THREADS: intra-op threads (0 = ORT default); MEMPAT: 1 leaves memory patterns on (piper-tts), 0 turns them off
// (ishowtts); NOISEW: the third scale (0.8 normally; 0 makes durations, so the output length, deterministic).
// Sentences are run round-robin: WARMUP rounds over all files, then RUNS rounds.
#include "ort_run_lib.c"
int main(int argc, char** argv) {
  if (argc < 9) { fprintf(stderr, "usage: %s LIB MODEL THREADS MEMPAT WARMUP RUNS NOISEW IDS...\n", argv[0]); return 2; }
  int warm = atoi(argv[5]), runs = atoi(argv[6]);
  float noisew = atof(argv[7]);
  int nfiles = argc - 8;
  if (ortrun_init(argv[1], argv[2], atoi(argv[3]), atoi(argv[4])) != 0) return 1;
  static int64_t ids[64][1024]; int n[64]; if (nfiles > 64) { fprintf(stderr, "at most 64 files\n"); return 2; }
  for (int k = 0; k < nfiles; k++) {
    FILE* f = fopen(argv[8 + k], "r"); if (!f) { perror(argv[8 + k]); return 1; }
    n[k] = 0; while (n[k] < 1024 && fscanf(f, "%ld", &ids[k][n[k]]) == 1) n[k]++; fclose(f);
  }
  for (int r = 0; r < warm + runs; r++) for (int k = 0; k < nfiles; k++) {
    int64_t samples;
    double ms = ortrun_run(ids[k], n[k], noisew, &samples);
    if (ms < 0) return 1;
    if (r >= warm) printf("RUN %s %.3f %lld\n", argv[8 + k], ms, (long long)samples);
  }
  return 0;
}
