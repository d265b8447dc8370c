#!/usr/bin/env bash
# Runs the longer GPU checks on a GPU machine (after scripts/gpu-first-contact.sh, the first run), from the repository root, with .devkit/ beside it
# (packed here by scripts/gpu-devkit.sh). Each phase runs in its own JVM under a time limit; logs go
# to $OUT (or ./gpu-logs) so that they come back even when a phase hangs.
#
#   scripts/gpu-verify.sh [phases...]     phases: info tests host bench cli (default: all of them)
set -uo pipefail
out=${OUT:-gpu-logs}
mkdir -p "$out"
source .devkit/run.sh
phases=${*:-info tests host bench cli}

# cuBLAS: densekit's own discovery first; where it finds none, say so and point it at PyTorch's wheels.
cublas_hint() {
  python3 - <<'EOF' 2>/dev/null
import glob, os, nvidia
for root in nvidia.__path__:
    for lib in sorted(glob.glob(os.path.join(root, "*", "lib", "libcublas.so*"))):
        print(os.path.dirname(lib)); raise SystemExit
EOF
}

run_phase() { # name timeout command...
  local name=$1 limit=$2; shift 2
  echo "=== $name ($(date -u +%H:%M:%S))"
  timeout "$limit" "$@"; local rc=$?
  echo "=== $name rc=$rc"
}

for phase in $phases; do
  case $phase in
  info)
    {
      nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
      nproc; python3 -c 'import torch; print("torch", torch.__version__, torch.version.cuda)'
      echo "cublas in PyTorch's wheels: $(cublas_hint)"
      run_phase kernels 120 $JAVA -cp "$CP" io.densekit.cli.DensekitCommand kernels
    } >"$out/info.txt" 2>&1 ;;
  tests)
    for t in CudaKernelGpuTest CudaKernelConformanceTest CudaKernelParityTest CudaTrainingStabilityTest \
             CudaGraphsTest CudaGraphsParityTest CudaResidentDataTest; do
      # required: an unavailable cuda kernel fails each test instead of skipping it
      run_phase "$t" "${TEST_LIMIT:-140}" $JAVA -Ddensekit.test.cuda.required=true -cp "$CP" \
        org.junit.platform.console.ConsoleLauncher execute \
        --select-class "io.densekit.kernel.cuda.$t" --details=tree --disable-banner --disable-ansi-colors
    done >"$out/tests.txt" 2>&1 ;;
  host)
    run_phase host 300 $JAVA -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
      --select-package io.densekit.kernel.cuda --details=summary --disable-banner --disable-ansi-colors \
      --exclude-classname '.*(Conformance|Parity|Gpu|TrainingStability|Graphs|Emulator|ResidentData)Test' >"$out/host.txt" 2>&1 ;;
  bench)
    {
      run_phase gpubench 300 $JAVA -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench all
      run_phase torchbench 300 python3 kernels-cuda/scripts/torch_bench.py all
      # The host's cost of one queued cuBLAS GEMM and one kernel launch (what makes small steps launch-bound).
      run_phase gpubench-launch 120 $JAVA -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench launch 64 10000
      # The same steps with CUDA graphs (opt-in): the trainer replays recorded steps.
      for s in "1024,1024:relu,1024:relu,10 4096 50" "6,32:tanh,32:softmax,32:sigmoid,32:relu,3 333 500" \
               "784,128:relu,64:relu,10 512 500"; do
        run_phase gpubench-graphs 120 $JAVA -Ddensekit.cuda.graphs=true -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench \
          step $s f32
      done
      # Shuffled batches: each gathered straight into pinned staging (copyRowsFromHost).
      run_phase gpubench-shuffled 120 $JAVA -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench --shuffle \
        step 784,128:relu,64:relu,10 512 500 f32
      # Resident data: a 5-epoch fit keeps the training set on the device and cuts shuffled batches
      # there; beside it every batch sent from the host, and resident with CUDA graphs.
      for s in "6,32:tanh,32:softmax,32:sigmoid,32:relu,3 333 100" "784,128:relu,64:relu,10 512 100"; do
        run_phase gpubench-resident 120 $JAVA -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench --epochs 5 --shuffle \
          step $s f32
        run_phase gpubench-uploads 120 $JAVA -Ddensekit.cuda.resident=false -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench \
          --epochs 5 --shuffle step $s f32
        run_phase gpubench-resident-graphs 120 $JAVA -Ddensekit.cuda.graphs=true -cp "$CP" \
          io.densekit.kernel.cuda.bench.GpuBench --epochs 5 --shuffle step $s f32
      done
      run_phase gpubench-tf32 120 $JAVA -Ddensekit.cuda.tf32=true -cp "$CP" io.densekit.kernel.cuda.bench.GpuBench gemm 4096 f32
      run_phase torchbench-tf32 120 python3 kernels-cuda/scripts/torch_bench.py --tf32 gemm 4096 f32
    } >"$out/bench.txt" 2>&1 ;;
  cli)
    {
      run_phase check 300 $JAVA -cp "$CP" io.densekit.cli.DensekitCommand check --kernel cuda
      run_phase demo 300 $JAVA -cp "$CP" io.densekit.cli.DensekitCommand demo --kernels cuda,simd
      # Every kernel beside numpy and PyTorch (CPU and CUDA) in one command, with the interpreter that has torch.
      run_phase bench-cli 300 $JAVA -cp "$CP" io.densekit.cli.DensekitCommand bench --quick --kernels cuda,simd \
        --sizes 1024,4096 --python "$(command -v python3)" --json "$out/bench-cli.json"
    } >"$out/cli.txt" 2>&1 ;;
  *) echo "unknown phase $phase (info tests host bench cli)" >&2; exit 2 ;;
  esac
done
tail -n 5 "$out"/*.txt
