#!/usr/bin/env bash
# Regenerates the GEMM classes and the float64 mirror of the float32 classes.
# The float32 classes (F32*.java) are the source; F64*.java are derived from them word for word
# (float -> double, float32 -> float64), because the Vector API needs a constant species per element
# type and width. The register block (MR x 2 vectors) is unrolled by micro_kernel.py.
# Usage: kernels-simd/codegen/generate.sh [OUT_DIR]   (from anywhere)
#   Writes F32Gemm.java and F64*.java into OUT_DIR, by default the source folder; the F32 classes
#   other than F32Gemm are always read from the source folder. GeneratedMirrorTest runs it into a
#   temporary folder and compares.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src/main/java/io/densekit/kernel/simd
out=${1:-$src}
mkdir -p "$out"
# MR KC MC NC for float32, then for float64. KC sets the summation order (the results' rounding), so
# it is one constant for every machine, never tuned. It was 256 (f64 128 before that); a k-block of
# 1024 merges each C tile into memory a quarter as often, and the merge's cache misses on C were 18%
# of a one-thread 2048^3 SGEMM on a Zen 4. Same runs, 2 threads: KC 1024 ran SGEMM at 2048 and 4096
# 1.2x as fast on a Zen 5 (431 against 339 GFLOP/s) and one-thread 2048^3 1.15x on a Zen 4, DGEMM
# 1.2-1.3x at 2048-4096 on the Zen 5; the B sliver of 1024 rows (128 KB) streams from L2 as fast
# as a 256-row one from L1. MC 64 keeps the packed A block at 256 KB (f32). NC (free for the bits,
# like MC) 1024: with 4096 the packed B panel of a 4096-wide product (16 MB f32 at KC 1024) crowded
# C out of the 32 MB L3; Zen 5, same runs against OpenBLAS 0.3.31: SGEMM 4096 on one thread 0.85-0.89x
# with NC 4096, 0.98-1.00x with 1024; on two, 2048 0.89x -> 0.98x and 4096 0.83x -> 0.97x. float64's
# NC is half float32's, the same bytes a panel (the plan's nc counts float32 columns; see F32Gemm's constructor).
F32_BLOCKING=${F32_BLOCKING:-"8 1024 64 1024"}
F64_BLOCKING=${F64_BLOCKING:-"8 1024 64 512"}
gemm() { # type MR KC MC NC
  local t=$1; shift
  sed -e "s/%MR%/$1/; s/%KC%/$2/; s/%MC%/$3/; s/%NC%/$4/" "$here/F32Gemm.java.in"
  python3 "$here/micro_kernel.py" "$1" Float
  echo "}"
}
# float32 -> float64 in prose: "float" becomes "double" first, then "double32" is put right.
to_f64() { sed -e 's/F32/F64/g; s/float/double/g; s/Float/Double/g; s/double32/float64/g'; }
gemm Float $F32_BLOCKING > "$out/F32Gemm.java"
for f in F32Vec F32Losses F32Updates F32Ops; do
  to_f64 < "$src/$f.java" > "$out/${f/F32/F64}.java"
done
gemm Double $F64_BLOCKING | to_f64 > "$out/F64Gemm.java"
