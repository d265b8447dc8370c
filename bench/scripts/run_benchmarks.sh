#!/usr/bin/env bash
# Runs the JMH suite's GEMM and training-step benchmarks and their baselines in one session, side
#   by side: numpy/OpenBLAS GEMM (bench/scripts/numpy_gemm.py), PyTorch CPU training step
#   (bench/scripts/torch_train_step.py), then JMH (OpenBlasGemmBenchmark: OpenBLAS 0.3.31 in the JVM) through io.densekit.bench.jmh.BenchMain on every
#   available kernel (unavailable ones are listed with the reason; the reference kernel's square
#   GEMM stops at n = 1024): SquareGemmBenchmark, LayerGemmBenchmark and TrainingStepBenchmark
#   (with the gc profiler). The whole suite: ./densekit jmh (see docs/benchmarks.md).
# Usage: bench/scripts/run_benchmarks.sh [threads]   (after ./mvnw package -pl bench -am -DskipTests)
# Output: bench/target/bench-results/<timestamp>/ (machine.txt, numpy.txt, torch.txt, jmh-*.txt/json)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/find-jdk.sh
threads=${1:-2}
jar=bench/target/densekit.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -ntp package -pl bench -am -DskipTests" >&2; exit 1; }
out=bench/target/bench-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
{
  echo "date: $(date -Is)"; echo "host: $(uname -srm)"
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|L1d|L2|L3|Flags' | sed -E 's/(Flags:).*(avx512f).*/\1 ... \2 .../'
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "load before: $(uptime)"
} > "$out/machine.txt"
cat "$out/machine.txt"
# The forks inherit this JVM's flags (the Vector API, native access) and environment.
export OPENBLAS_NUM_THREADS=$threads
jmh() { # name, extra JMH args...
  local name=$1; shift
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Ddensekit.simd.threads="$threads" -cp "$jar" io.densekit.bench.jmh.BenchMain "$@" -rf json -rff "$out/jmh-$name.json" 2>&1 \
    | grep -v '^WARNING' | tee "$out/jmh-$name.txt" | sed -n '/^load average at end/,$p'
}
# numpy on OpenBLAS 0.3.31 (bytedeco's, the JVM peer's library; it knows current CPUs, Debian's 0.3.21
# may not): its libraries come out of the jar the build copied, and numpy gets it preloaded.
numpy_env=()
openblas_jar=$(ls bench/target/lib/openblas-*-linux-x86_64.jar 2>/dev/null | head -1 || true)
if [ -n "$openblas_jar" ]; then
  mkdir -p "$out/openblas"
  unzip -q -o -j "$openblas_jar" 'org/bytedeco/openblas/linux-x86_64/lib*.so*' -x '*jni*' -d "$out/openblas"
  numpy_env=(env "LD_PRELOAD=$out/openblas/libopenblas.so.0")
else
  echo "numpy: no bytedeco OpenBLAS jar in bench/target/lib; numpy runs on the BLAS it links (named below)" >&2
fi
"${numpy_env[@]}" /usr/bin/python3 bench/scripts/numpy_gemm.py --threads "$threads" --json "$out/numpy.json" | tee "$out/numpy.txt"
# PyTorch at its best: Debian's torch links the pthreads OpenBLAS, whose threads fight torch's OpenMP
# threads over the cores; the OpenMP build of OpenBLAS, where installed, shares torch's one pool.
openmp_blas=/usr/lib/x86_64-linux-gnu/openblas-openmp
torch_env=()
if [ -e "$openmp_blas/libopenblas.so.0" ]; then
  torch_env=(env "LD_LIBRARY_PATH=$openmp_blas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
  echo "torch: OpenBLAS OpenMP build ($openmp_blas), $threads threads" | tee "$out/torch-config.txt"
else
  echo "torch: BLAS as installed (libopenblas0-openmp is missing: its threads may fight torch's), $threads threads" \
    | tee "$out/torch-config.txt"
fi
"${torch_env[@]}" /usr/bin/python3 bench/scripts/torch_train_step.py --threads "$threads" --json "$out/torch.json" \
  | tee "$out/torch.txt"
jmh gemm 'SquareGemmBenchmark|OpenBlasGemmBenchmark' -p size=512,1024,2048
jmh layer LayerGemmBenchmark
jmh step TrainingStepBenchmark -prof gc
# numpy again at the end, to see whether the machine's load changed during the run.
"${numpy_env[@]}" /usr/bin/python3 bench/scripts/numpy_gemm.py --threads "$threads" --sizes 1024 | tee "$out/numpy-after.txt"
echo "load after: $(uptime)" | tee -a "$out/machine.txt"
echo "results in $out"
