#!/usr/bin/env bash
# Builds the CPU stand-ins for the NVIDIA driver and cuBLAS into OUT_DIR:
#   OUT_DIR/libcuda.so.1     driver API over host memory, densekit's CUDA C compiled for the host
#   OUT_DIR/libcublas.so.13  column-major GEMMs with cuBLAS's argument rules
# Needs g++ (C++17) on x86-64 Linux. Usage: build.sh OUT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
out=${1:?usage: build.sh OUT_DIR}
mkdir -p "$out"
cxx=${CXX:-g++}
command -v "$cxx" >/dev/null || { echo "no C++ compiler ($cxx) on PATH" >&2; exit 3; }
[ "$(uname -m)" = x86_64 ] || { echo "the emulator's fibers need x86-64, this is $(uname -m)" >&2; exit 3; }
# -ffp-contract=off: no fused multiply-adds, as the PTX is built with -fmad=false.
flags=(-std=c++17 -O2 -fPIC -ffp-contract=off -fno-fast-math -Wall -Wno-unused-function -Wno-sign-compare -fvisibility=default)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Each translation unit in a compiler of its own, side by side (g++ compiles the files of one command
# one after another); the objects are the same as from one command, and so is the library.
pids=()
for tu in kernels_tu scheduler emu_image fake_cuda; do
  "$cxx" "${flags[@]}" -c -I"$root/kernels-cuda/src/main/cuda" "$here/$tu.cpp" -o "$tmp/$tu.o" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid"
done
"$cxx" "${flags[@]}" -shared -Wl,-soname,libcuda.so.1 \
  "$tmp/kernels_tu.o" "$tmp/scheduler.o" "$tmp/emu_image.o" "$tmp/fake_cuda.o" -o "$tmp/libcuda.so.1"
# -O3 for the GEMM: its loop over a column of C is vectorised there (lanes are separate elements, each
# summing its products in the same order, so the bits are those of the scalar loop).
"$cxx" "${flags[@]}" -O3 -shared -Wl,-soname,libcublas.so.13 "$here/fake_cublas.cpp" \
  -L"$tmp" -l:libcuda.so.1 -Wl,-rpath,'$ORIGIN' -o "$tmp/libcublas.so.13"
mv "$tmp/libcuda.so.1" "$tmp/libcublas.so.13" "$out/"
