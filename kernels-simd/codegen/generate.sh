#!/usr/bin/env bash
# Regenerates the GEMM classes and the float64 mirror of the float32 classes.
# The float32 classes (F32*.java) are the source; F64*.java are derived from them word for word
# (float -> double), because the Vector API needs a constant species per element type and width.
# The register block (MR x 2 vectors) is unrolled by micro_kernel.py.
# Usage: kernels-simd/codegen/generate.sh   (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src/main/java/io/densekit/kernel/simd
# MR KC MC NC for float32, then for float64.
F32_BLOCKING=${F32_BLOCKING:-"8 256 256 4096"}
F64_BLOCKING=${F64_BLOCKING:-"8 128 256 4096"}
gemm() { # type MR KC MC NC
  local t=$1; shift
  sed -e "s/%MR%/$1/; s/%KC%/$2/; s/%MC%/$3/; s/%NC%/$4/" "$here/F32Gemm.java.in"
  python3 "$here/micro_kernel.py" "$1" Float
  echo "}"
}
gemm Float $F32_BLOCKING > "$src/F32Gemm.java"
to_f64() { sed -e 's/F32/F64/g; s/float32/float64/g; s/float/double/g; s/Float/Double/g' "$1"; }
for f in F32Vec F32Losses F32Updates F32Ops; do
  to_f64 "$src/$f.java" > "$src/${f/F32/F64}.java"
done
gemm Double $F64_BLOCKING | sed -e 's/F32/F64/g; s/float32/float64/g; s/float/double/g; s/Float/Double/g' > "$src/F64Gemm.java"
