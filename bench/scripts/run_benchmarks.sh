#!/usr/bin/env bash
# Runs the SIMD kernel's benchmarks and their baselines in one session, side by side:
#   numpy/OpenBLAS GEMM (bench/scripts/numpy_gemm.py), PyTorch CPU training step
#   (bench/scripts/torch_train_step.py), then JMH: GemmBenchmark, MlpGemmBenchmark and
#   TrainingStepBenchmark (with the gc profiler) for the simd kernel, and the reference kernel's
#   figures where they finish in reasonable time.
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
jmh() { # name, extra JMH args...
  local name=$1; shift
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$jar" org.openjdk.jmh.Main "$@" \
    -p threads="$threads" -rf json -rff "$out/jmh-$name.json" 2>&1 | grep -v '^WARNING' | tee "$out/jmh-$name.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)'
}
/usr/bin/python3 bench/scripts/numpy_gemm.py --threads "$threads" --json "$out/numpy.json" | tee "$out/numpy.txt"
/usr/bin/python3 bench/scripts/torch_train_step.py --threads "$threads" --json "$out/torch.json" | tee "$out/torch.txt"
jmh gemm "jmh\.GemmBenchmark" -p kernel=simd
jmh mlp MlpGemmBenchmark -p kernel=simd
jmh step TrainingStepBenchmark -p kernel=simd -prof gc
# The reference kernel: the smallest square size and the MLP shapes only (n = 2048 would take minutes per call).
jmh gemm-reference "jmh\.GemmBenchmark" -p kernel=reference -p n=512 -wi 1 -i 3
jmh mlp-reference MlpGemmBenchmark -p kernel=reference -wi 1 -i 3
jmh step-reference TrainingStepBenchmark -p kernel=reference -wi 1 -i 3
# numpy again at the end, to see whether the machine's load changed during the run.
/usr/bin/python3 bench/scripts/numpy_gemm.py --threads "$threads" --sizes 1024 | tee "$out/numpy-after.txt"
echo "load after: $(uptime)" | tee -a "$out/machine.txt"
echo "results in $out"
