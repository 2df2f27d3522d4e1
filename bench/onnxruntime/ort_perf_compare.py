#!/usr/bin/env python3
"""Issue 11: compares two `perf record -e cpu-clock` profiles of ONNX Runtime Run (the wheel's libonnxruntime.so
in bench/onnxruntime/ort_run_compare.c vs the static copy in onnxruntime_pybind11_state), both stripped: buckets the samples in
each ORT binary by instruction address, takes the 64 code bytes at each hot address, and finds the same bytes in the
other binary, so the hot kernels can be matched and their shares compared.

Usage: ort_perf_compare.py PERF_C.data LIB_C PERF_PY.data LIB_PY [TOP]
"""
import collections
import re
import subprocess
import sys


def samples(data, dso_name):
    # perf report prints file-relative addresses for stripped objects ("[.] 0x...")
    out = subprocess.run(["perf", "report", "-i", data, "--sort", "dso,sym", "--stdio", "-F", "sample,dso,sym"],
                         capture_output=True, text=True).stdout
    counts = collections.Counter()
    dsos = collections.Counter()
    for line in out.splitlines():
        m = re.match(r"\s*(\d+)\s+(\S+)\s+\[(.)\]\s+(\S+)", line)
        if not m:
            continue
        n, dso, sym = int(m.group(1)), m.group(2), m.group(4)
        dsos[dso] += n
        if dso_name.startswith(dso) or dso.startswith(dso_name[:15]):
            if sym.startswith("0x"):
                counts[int(sym, 16)] += n
    return counts, dsos


def file_offset(lib, addr):
    # stripped shared objects: vaddr -> file offset through the PT_LOAD segments
    out = subprocess.run(["readelf", "-lW", lib], capture_output=True, text=True).stdout
    for line in out.splitlines():
        p = line.split()
        if p and p[0] == "LOAD":
            off, vaddr, filesz = int(p[1], 16), int(p[2], 16), int(p[4], 16)
            if vaddr <= addr < vaddr + filesz:
                return addr - vaddr + off
    return None


def main():
    pc, libc_, pp, libp = sys.argv[1:5]
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 15
    cc, cd = samples(pc, libc_.split("/")[-1])
    pc_, pd = samples(pp, libp.split("/")[-1])
    print("DSO shares, C harness:", {k: f"{v / sum(cd.values()):.1%}" for k, v in cd.most_common(6)})
    print("DSO shares, Python   :", {k: f"{v / sum(pd.values()):.1%}" for k, v in pd.most_common(6)})
    bc, bp = open(libc_, "rb").read(), open(libp, "rb").read()
    # bucket by 256-byte blocks (an inner loop) for stability
    def buckets(counts):
        b = collections.Counter()
        for a, n in counts.items():
            b[a & ~0xFF] += n
        return b
    bcC, bcP = buckets(cc), buckets(pc_)
    totC, totP = sum(cd.values()), sum(pd.values())
    print(f"\n{'C block':>10} {'C share':>8}  {'Py block (same bytes)':>22} {'Py share':>8}")
    for a, n in bcC.most_common(top):
        hot = max((x for x in cc if x & ~0xFF == a), key=lambda x: cc[x])
        off = file_offset(libc_, hot)
        sig = bc[off:off + 64] if off is not None else b""
        j = bp.find(sig) if sig else -1
        if j >= 0:
            # map file offset back to vaddr in the Python binary: same segment math in reverse
            out = subprocess.run(["readelf", "-lW", libp], capture_output=True, text=True).stdout
            va = None
            for line in out.splitlines():
                p = line.split()
                if p and p[0] == "LOAD":
                    o, v, fs = int(p[1], 16), int(p[2], 16), int(p[4], 16)
                    if o <= j < o + fs:
                        va = j - o + v
            pa = (va + (a - hot)) if va is not None else None
            # share of the same 256-byte window around the matched address in the Python profile
            share = sum(m for x, m in pc_.items() if pa is not None and pa <= x < pa + 256) / totP
            print(f"{a:#10x} {n / totC:8.1%}  {pa:#22x} {share:8.1%}  (hot ip {hot:#x} -> {va:#x})")
        else:
            print(f"{a:#10x} {n / totC:8.1%}  {'no byte match':>22}")


if __name__ == "__main__":
    main()
