#!/usr/bin/env bash
# The first run of densekit on a GPU machine: ONE call that cannot overrun its budget and leaves
# everything needed to fix what broke without a GPU. See docs/gpu.md ("First contact").
#
#   scripts/gpu-first-contact.sh              on the GPU machine, from the repository root with .devkit/
#   scripts/gpu-first-contact.sh --emulator   every step against the CPU emulator (a CPU machine)
#
# BUDGET (seconds, default 360; 600 with --emulator) bounds the whole run: each step is time-boxed by what is left
# (and at most its own cap), a step that finds too little left is a SKIP, and the run goes on past
# failures. OUT (default /tmp/densekit-first-contact) receives:
#   00-summary.txt   one line per step as it ends: PASS / FAIL / SKIP, seconds, the reason
#   01-machine.txt   the GPU, driver and CUDA versions, nvidia-smi, /tmp's mount options, the
#                    ptxjit, libcuda and cuBLAS libraries present, PyTorch, the runtime
#   logs.tgz         each step's log, the JUnit XML reports, any hs_err file
# (three files: the device tool brings back at most eight.) Exit status 0 when no step failed and
# none was left out for want of time; a SKIP by design (PyTorch and compute-sanitizer in --emulator
# mode, compute-sanitizer absent) does not count.
# An unavailable cuda kernel is a FAIL in every step that needs it, never a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mode=gpu
case "${1:-}" in
  --emulator) mode=emulator ;;
  "") ;;
  *) echo "gpu-first-contact: unknown argument '$1' (expected --emulator or nothing)" >&2; exit 2 ;;
esac
# The emulator runs the kernels' CUDA C on the CPU, several times slower and slower still on a
# busy machine: there a step may take three times its cap on a GPU, and the run 600 s at most
# (it takes about 4 minutes on an idle 2-core machine).
if [ "$mode" = emulator ]; then BUDGET=${BUDGET:-600} cap_scale=3; else BUDGET=${BUDGET:-360} cap_scale=1; fi
[[ "$BUDGET" =~ ^[0-9]+$ ]] || { echo "gpu-first-contact: BUDGET must be whole seconds, got '$BUDGET'" >&2; exit 2; }
out=${OUT:-/tmp/densekit-first-contact}
mkdir -p "$out"
rm -rf "$out/logs" "$out/00-summary.txt" "$out/01-machine.txt" "$out/logs.tgz"
logs="$out/logs"
mkdir -p "$logs/junit"
summary="$out/00-summary.txt"

# --emulator on a machine that has not packed the devkit yet: pack it first, outside the budget
# (the GPU machine cannot pack it: there it comes with the call).
devkit_packed=""
if [ "$mode" = emulator ] && [ ! -f .devkit/run.sh ]; then
  t0=$(date +%s)
  scripts/gpu-devkit.sh >"$logs/0-devkit.log" 2>&1
  devkit_packed="$? $(($(date +%s) - t0))"
fi
start=$(date +%s)
deadline=$((start + BUDGET))
RESERVE=12 # seconds kept for ending a step that overran (3) and packing the logs
passes=0 fails=0 skips=0 budget_skips=0

left() { echo $((deadline - $(date +%s) - RESERVE)); }

record() { # verdict seconds name reason
  printf '%-4s %4ss  %-34s %s\n' "$1" "$2" "$3" "$4" >>"$summary"
  case $1 in PASS) passes=$((passes + 1)) ;; FAIL) fails=$((fails + 1)) ;; SKIP) skips=$((skips + 1)) ;; esac
}

# The reason a step's log gives: when it failed, its first FAIL line or Java exception; else its
# last PASS line; else its last line.
reason_from() { # log rc
  local r=""
  if [ "$2" != 0 ]; then
    r=$(grep -m1 -E '^(FAIL|MISSING)' "$1")
    [ -n "$r" ] || r=$(grep -m1 -E '^(Exception in thread "[^"]*" )?[A-Za-z0-9_.$]+(Exception|Error)(: |$)' "$1" \
                         | sed 's/^Exception in thread "[^"]*" //') # a Java exception's first line
  fi
  [ -n "$r" ] || r=$(grep -E '^PASS' "$1" | tail -1)
  [ -n "$r" ] || r=$(grep -v '^\s*$' "$1" | tail -1)
  echo "${r:0:300}"
}

# run_limited SECONDS COMMAND...: COMMAND (a program or one of this script's functions) in a
# process group of its own, ended with everything it started once SECONDS have passed (exit 124).
run_limited() {
  local limit=$1 t0 pid rc
  shift
  t0=$(date +%s)
  set -m
  ( "$@" ) &
  pid=$!
  set +m
  while kill -0 "$pid" 2>/dev/null; do
    if [ $(($(date +%s) - t0)) -ge "$limit" ]; then
      kill -TERM -- "-$pid" 2>/dev/null
      sleep 3
      kill -KILL -- "-$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      return 124
    fi
    sleep 0.2
  done
  wait "$pid"
  rc=$?
  return $rc
}

# step NAME CAP COMMAND...: runs COMMAND with its output in logs/NAME.log, under min(CAP, what is left).
step() {
  local name=$1 cap=$2; shift 2
  local limit t0 rc verdict reason
  cap=$((cap * cap_scale))
  limit=$(left)
  [ "$limit" -gt "$cap" ] && limit=$cap
  if [ "$limit" -lt 10 ]; then
    record SKIP 0 "$name" "not run: ${limit}s of the ${BUDGET}s budget left"
    budget_skips=$((budget_skips + 1))
    return 0
  fi
  t0=$(date +%s)
  { echo "# $name: $*"; echo "# limit ${limit}s, $(date -u +%H:%M:%S) UTC"; } >"$logs/$name.log"
  run_limited "$limit" "$@" >>"$logs/$name.log" 2>&1
  rc=$?
  if [ "$rc" = 124 ]; then
    verdict=FAIL reason="timed out after ${limit}s; last line: $(grep -v '^\s*$' "$logs/$name.log" | tail -1 | cut -c1-200)"
  elif [ "$rc" = 0 ]; then
    verdict=PASS reason=$(reason_from "$logs/$name.log" 0)
  else
    verdict=FAIL reason="exit $rc: $(reason_from "$logs/$name.log" "$rc")"
  fi
  record "$verdict" $(($(date +%s) - t0)) "$name" "$reason"
}

skip() { record SKIP 0 "$1" "$2"; }

finish() {
  trap - EXIT INT TERM
  printf 'TOTAL %s PASS, %s FAIL, %s SKIP (%s for want of time) in %ss of a %ss budget (%s mode)\n' "$passes" \
    "$fails" "$skips" "$budget_skips" $(($(date +%s) - start)) "$BUDGET" "$mode" >>"$summary"
  cp "$root"/hs_err_pid*.log "$logs/" 2>/dev/null # a JVM that died before reading -XX:ErrorFile
  tar czf "$out/logs.tgz" -C "$out" logs && rm -rf "$logs"
  cat "$summary"
  [ "$fails" = 0 ] && [ "$budget_skips" = 0 ] # a step left out for want of time is no pass
  exit $?
}
trap finish EXIT
trap 'echo "FAIL interrupted" >>"$summary"; exit 1' INT TERM

echo "# densekit GPU first contact, $mode mode, budget ${BUDGET}s, started $(date -u +%FT%TZ)" >"$summary"

# ---- where temporary native code may go: /tmp unless it is mounted noexec ------------------------
exec_ok() { # DIR: can a file written there be executed?
  local f
  f=$(mktemp "$1/dk-exec-XXXXXX" 2>/dev/null) || return 1
  printf '#!/bin/sh\nexit 0\n' >"$f" && chmod +x "$f" && "$f"
  local rc=$?
  rm -f "$f"
  return $rc
}
if exec_ok /tmp; then
  jtmp=/tmp/densekit-first-contact-tmp
else
  jtmp="$root/.first-contact-tmp" # JCuda and the devkit's runtime unpack native code: it must run
fi
mkdir -p "$jtmp"
export DEVKIT_JRE_DIR="$jtmp/devkit-jre"

# ---- the machine's facts ------------------------------------------------------------------------
facts() {
  local t=10
  echo "== date, host"; date -u; uname -a; nproc; grep -E 'MemTotal|MemAvailable' /proc/meminfo
  echo "== nvidia-smi"
  if command -v nvidia-smi >/dev/null; then
    timeout $t nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total,clocks.max.sm,clocks.max.mem \
      --format=csv 2>&1
    timeout $t nvidia-smi 2>&1
  else
    echo "not on PATH"
  fi
  echo "== CUDA toolkit"; if command -v nvcc >/dev/null; then timeout $t nvcc --version 2>&1 | tail -2; else echo "no nvcc"; fi
  echo "== /tmp mount options"; findmnt -no TARGET,FSTYPE,OPTIONS -T /tmp 2>/dev/null || grep ' /tmp ' /proc/mounts
  if exec_ok /tmp; then echo "/tmp allows executing files"; else echo "/tmp is noexec: native code unpacks to $jtmp"; fi
  echo "== libcuda"; ldconfig -p 2>/dev/null | grep -E 'libcuda\.so' || echo "not on the loader's cache"
  echo "== ptxjit (the driver's PTX compiler)"
  { ldconfig -p 2>/dev/null | grep -i ptxjit; find /usr/lib /usr/lib64 /usr/local/nvidia /usr/lib/x86_64-linux-gnu \
      -maxdepth 3 -name 'libnvidia-ptxjitcompiler*' 2>/dev/null; } | sort -u | grep . || echo "none found"
  echo "== cuBLAS"
  { ldconfig -p 2>/dev/null | grep -i cublas; ls -1 /usr/local/cuda*/lib64/libcublas* 2>/dev/null
    timeout $t python3 -c 'import glob, nvidia, os
for root in nvidia.__path__:
    print("\n".join(sorted(glob.glob(os.path.join(root, "*", "lib", "libcublas*.so*")))))' 2>/dev/null; } | grep . || echo "none found"
  echo "== PyTorch"
  timeout 30 python3 -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda,
      "device", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")' 2>&1 | tail -1
  echo "== compute-sanitizer"; command -v compute-sanitizer || echo "not on PATH"
  echo "== the runtime"; [ -x "$DEVKIT_JRE_DIR/bin/java" ] && "$DEVKIT_JRE_DIR/bin/java" -version 2>&1
  echo "== mode $mode; native temp folder $jtmp; libcuda used: ${libcuda:-?}; cuBLAS: ${cublas_note:-found by densekit}"
}

# ---- the driver: the real one, or the emulator -----------------------------------------------------
java_props=()
cublas_note=""
if [ "$mode" = emulator ]; then
  build_emulator() {
    bash kernels-cuda/src/test/emulator/build.sh "$jtmp/emulator" && echo "PASS built $(ls "$jtmp/emulator" | xargs)"
  }
  step 0-emulator-build 120 build_emulator
  libcuda="$jtmp/emulator/libcuda.so.1"
  cublas_note="$jtmp/emulator/libcublas.so.13"
  java_props=(-Ddensekit.cuda.driver.path="$libcuda" -Ddensekit.cublas.path="$cublas_note"
              -Ddensekit.test.stability.epochs=5) # 100 steps: the emulated GEMM is a plain loop
else
  libcuda=$(ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 /{print $NF; exit}')
  for c in /usr/lib/x86_64-linux-gnu/libcuda.so.1 /usr/local/nvidia/lib64/libcuda.so.1 /usr/lib64/libcuda.so.1; do
    [ -n "$libcuda" ] || { [ -e "$c" ] && libcuda=$c; }
  done
  if [ -n "$libcuda" ]; then
    # densekit's discovery and JCuda's binding (which links libcuda.so.1) find it there too
    export LD_LIBRARY_PATH="$(dirname "$libcuda")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    java_props=(-Ddensekit.cuda.driver.path="$libcuda")
  fi
  libcuda=${libcuda:-libcuda.so.1}
fi

# ---- the devkit: the runtime, jars and test classes ------------------------------------------------
if [ -n "$devkit_packed" ]; then
  set -- $devkit_packed
  if [ "$1" = 0 ]; then
    record PASS "$2" 0-devkit "packed by scripts/gpu-devkit.sh before the budget began: $(tail -1 "$logs/0-devkit.log")"
  else
    record FAIL "$2" 0-devkit "scripts/gpu-devkit.sh failed (exit $1): $(tail -1 "$logs/0-devkit.log")"
  fi
fi
have_devkit=no
if [ -f .devkit/run.sh ]; then
  # shellcheck disable=SC1091
  source .devkit/run.sh && have_devkit=yes
fi
facts >"$out/01-machine.txt" 2>&1
jvm=()
if [ "$have_devkit" = yes ]; then
  # shellcheck disable=SC2206
  jvm=($JAVA -Djava.io.tmpdir="$jtmp" -XX:ErrorFile="$logs/hs_err_pid%p.log" "${java_props[@]}" -cp "$CP")
fi
need_java() { # step name: true when Java can run, else records the FAIL
  if [ "$have_devkit" = yes ]; then return 0; fi
  record FAIL 0 "$1" "no .devkit/run.sh: pack it on a machine with a JDK (scripts/gpu-devkit.sh) and carry .devkit"
  return 1
}

# ---- 1. the driver and our PTX and cubins, without Java --------------------------------------------
step 1-driver-module 60 python3 kernels-cuda/scripts/driver_probe.py --libcuda "$libcuda"

# ---- 2. JCuda's binding: what densekit calls resolves in this libcuda ------------------------------
jar=$(ls .devkit/lib/jcuda-natives-*.jar 2>/dev/null | head -1)
if [ -n "$jar" ]; then
  step 2-jcuda-binding 30 python3 kernels-cuda/scripts/jcuda_symbols.py --libcuda "$libcuda" --jar "$jar"
else
  record FAIL 0 2-jcuda-binding "no jcuda-natives jar in .devkit/lib"
fi

# ---- 3. the kernel opens from Java; one GEMM and one launch agree with the reference ---------------
need_java 3-kernel-open && step 3-kernel-open 60 "${jvm[@]}" io.densekit.kernel.cuda.bench.KernelOpenCheck

# ---- 4. the GPU test classes, each in a JVM of its own (a bad pointer poisons a context) -----------
# A class's verdict comes from its JUnit XML: it fails when a test failed, none ran, or all skipped.
junit_verdict() { # reports-dir: prints "PASS|FAIL text"
  python3 - "$1" <<'EOF'
import glob, sys, xml.etree.ElementTree as ET
tests = failures = skipped = 0
failed = []
for f in glob.glob(sys.argv[1] + "/*.xml"):
    for s in ET.parse(f).getroot().iter("testsuite"):
        tests += int(s.get("tests", 0)); skipped += int(s.get("skipped", 0))
        failures += int(s.get("failures", 0)) + int(s.get("errors", 0))
        for c in s.iter("testcase"):
            if c.find("failure") is not None or c.find("error") is not None:
                failed.append(c.get("name"))
ok = tests > 0 and failures == 0 and skipped < tests
print("%s %d tests, %d failed, %d skipped%s" % ("PASS" if ok else "FAIL", tests, failures, skipped,
      ": " + ", ".join(failed[:5]) if failed else ""))
sys.exit(0 if ok else 1)
EOF
}
run_test_class() { # class
  local dir="$logs/junit/$1"
  mkdir -p "$dir"
  "${jvm[@]}" -Ddensekit.test.cuda.required=true org.junit.platform.console.ConsoleLauncher execute \
    --select-class "io.densekit.kernel.cuda.$1" --reports-dir "$dir" --details=tree --disable-banner \
    --disable-ansi-colors
  local rc=$?
  junit_verdict "$dir" || return 1
  return $rc
}
for t in CudaModuleFormTest:30 CudaKernelGpuTest:60 CudaKernelConformanceTest:120 CudaKernelParityTest:90 \
         CudaGraphsTest:90 CudaResidentDataTest:90 CudaTrainingStabilityTest:90 CudaGraphsParityTest:90; do
  need_java "4-${t%%:*}" && step "4-${t%%:*}" "${t##*:}" run_test_class "${t%%:*}"
done

# ---- 5. speed beside PyTorch on the same device and shapes -----------------------------------------
bench() { "${jvm[@]}" "$@" io.densekit.kernel.cuda.bench.GpuBench --reps "$reps" "${bench_args[@]}"; }
small=784,128:relu,64:relu,10
seed=6,32:tanh,32:softmax,32:sigmoid,32:relu,3
large=1024,1024:relu,1024:relu,10
if [ "$mode" = emulator ]; then
  # The harness end to end on tiny shapes: the emulated GEMM is a plain loop, so these times say nothing.
  reps=2 gemm_n=64 small_b="64 4" seed_b="33 4" large_b="64 2" epochs=2
else
  reps=5 gemm_n=4096 small_b="512 100" seed_b="333 100" large_b="4096 20" epochs=5
fi
speed() { # name cap java-props... -- GpuBench args...
  local name=$1 cap=$2; shift 2
  local props=()
  while [ "$1" != -- ]; do props+=("$1"); shift; done
  shift
  bench_args=("$@")
  need_java "$name" && step "$name" "$cap" bench "${props[@]}"
}
# shellcheck disable=SC2086
{
  speed 5-gemm-f32 60 -- gemm $gemm_n f32
  speed 5-gemm-f64 60 -- gemm $gemm_n f64
  for m in small seed; do
    spec=${!m} b_var=${m}_b
    speed "5-step-$m-resident" 60 -- --epochs $epochs --shuffle step "$spec" ${!b_var} f32
    speed "5-step-$m-uploaded" 60 -Ddensekit.cuda.resident=false -- --epochs $epochs --shuffle step "$spec" ${!b_var} f32
    speed "5-step-$m-graphs" 60 -Ddensekit.cuda.graphs=true -- --epochs $epochs --shuffle step "$spec" ${!b_var} f32
  done
  speed 5-step-large 90 -- step $large $large_b f32
}
if [ "$mode" = emulator ]; then
  skip 5-torch "PyTorch's side needs a CUDA device: in --emulator mode only densekit's harness runs (tiny shapes)"
else
  # shellcheck disable=SC2086
  step 5-torch 150 python3 kernels-cuda/scripts/torch_bench.py --reps $reps gemm $gemm_n f32 gemm $gemm_n f64 \
    step $small $small_b f32 step $seed $seed_b f32 step $large $large_b f32
fi

# ---- 6. if time is left: compute-sanitizer on the driver probe (our kernels, no Java) --------------
if [ "$mode" = emulator ]; then
  skip 6-memcheck "compute-sanitizer needs a GPU"
  skip 6-racecheck "compute-sanitizer needs a GPU"
elif ! command -v compute-sanitizer >/dev/null; then
  skip 6-memcheck "compute-sanitizer not on PATH"
  skip 6-racecheck "compute-sanitizer not on PATH"
else
  for tool in memcheck racecheck; do
    step "6-$tool" 90 compute-sanitizer --tool "$tool" --error-exitcode 3 python3 kernels-cuda/scripts/driver_probe.py \
      --libcuda "$libcuda"
  done
fi
