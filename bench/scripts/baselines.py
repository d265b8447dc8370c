#!/usr/bin/python3
"""External baselines for `densekit bench`: the same cases timed in numpy (OpenBLAS) and PyTorch.

Reads a request on stdin, written by densekit (io.densekit.bench.harness.Baselines):
  {"threads": 2, "dtypes": ["f32", "f64"],
   "timing": {"warmup_ns": ..., "max_warmup_ns": ..., "min_warmup_runs": ..., "sample_ns": ..., "samples": ...},
   "cases": [{"id": 0, "op": "gemm", "m": 64, "k": 64, "n": 64, "trans_a": false, "trans_b": false},
             {"id": 1, "op": "step", "model": "784,128:relu,64:relu,10", "loss": "cross_entropy", "batch": 64}]}
and prints on stdout
  {"engines": {"numpy": {"available": true, "version": "..."}, "torch-cpu": {...}, "torch-cuda": {"available": false, "reason": "..."}},
   "results": [{"engine": "numpy", "case": 0, "dtype": "f32", "samples_ms": [...], "runs_per_sample": 12}]}
An engine that cannot run (module missing, no GPU) is listed with its reason; nothing fails the run.

Timing follows densekit's Stopwatch: warm up until the time per run stops improving, then samples
of a batch of runs sized to the sample time, so the two sides are measured alike. A training step is zero_grad, forward, loss (read with
.item(), as densekit reads its loss), backward and SGD(lr=0.01), with the batch already in place.
"""
import json
import os
import sys
import time

request = json.load(sys.stdin)
threads = str(request["threads"])
# BLAS libraries read their thread count once, when loaded.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads

# Which OpenBLAS build the process loads: the launcher puts Debian's OpenMP build first where it is
# installed, so that OpenBLAS and torch share one OpenMP pool instead of fighting over the cores.
BLAS_BUILD = ("OpenBLAS OpenMP build, one thread pool with torch's"
              if "openblas-openmp" in os.environ.get("LD_LIBRARY_PATH", "") else "BLAS as installed")

timing = request["timing"]
engines = {}
results = []


def log(message):
    print(message, file=sys.stderr, flush=True)


def batch(run, reps):
    t0 = time.perf_counter_ns()
    for _ in range(reps):
        run()
    return max(1, time.perf_counter_ns() - t0) / reps


def measure(run):
    # Warm up in rounds until the time per run stops improving (3 rounds without a 5% gain) and the
    # minimum warm-up has passed, or until the maximum warm-up; as densekit's Stopwatch does.
    start = time.perf_counter_ns()
    per_run = batch(run, 1)
    best, runs, stable = per_run, 1, 0
    while True:
        elapsed = time.perf_counter_ns() - start
        warm = stable >= 3 and elapsed >= timing["warmup_ns"] and runs >= timing["min_warmup_runs"]
        if warm or (elapsed >= timing["max_warmup_ns"] and runs >= timing["min_warmup_runs"]):
            break
        reps = int(max(1, min(1_000_000, timing["sample_ns"] // per_run)))
        per_run = batch(run, reps)
        runs += reps
        if per_run < 0.95 * best:
            best, stable = per_run, 0
        else:
            stable += 1
    reps = int(max(1, min(1_000_000, timing["sample_ns"] // per_run)))
    samples = min(timing["samples"], 3) if per_run > timing["sample_ns"] else timing["samples"]
    return [batch(run, reps) / 1e6 for _ in range(samples)], reps


def record(engine, case, dtype, run):
    try:
        samples, reps = measure(run)
        results.append({"engine": engine, "case": case["id"], "dtype": dtype, "samples_ms": samples,
                        "runs_per_sample": reps})
    except Exception as e:  # one failing case is reported, the others still run
        log(f"baselines: {engine} {dtype} case {case['id']} failed: {e}")


def gemm_operands(case, make):
    m, k, n = case["m"], case["k"], case["n"]
    a = make(k, m).T if case["trans_a"] else make(m, k)
    b = make(n, k).T if case["trans_b"] else make(k, n)
    return a, b


def run_numpy():
    try:
        import numpy as np
    except ImportError as e:
        engines["numpy"] = {"available": False, "reason": f"numpy not importable: {e}"}
        return
    engines["numpy"] = {"available": True, "version": "numpy " + np.__version__ + blas_of(np)}
    rng = np.random.default_rng(1)
    for dtype in request["dtypes"]:
        npt = np.float32 if dtype == "f32" else np.float64
        for case in request["cases"]:
            if case["op"] != "gemm":
                continue
            log(f"numpy {dtype} gemm {case['m']}x{case['k']}x{case['n']}")
            a, b = gemm_operands(case, lambda r, c: rng.uniform(-1, 1, (r, c)).astype(npt))
            c = np.empty((case["m"], case["n"]), npt)
            record("numpy", case, dtype, lambda: np.matmul(a, b, out=c))


def blas_of(np):
    try:
        from threadpoolctl import threadpool_info
        return " (" + ", ".join(f"{i.get('internal_api')} {i.get('version')}" for i in threadpool_info()) + ")"
    except Exception:
        return ""


def torch_model(torch, spec):
    parts = spec.split(",")
    layers = []
    width = int(parts[0])
    acts = {"relu": lambda: torch.nn.ReLU(), "tanh": lambda: torch.nn.Tanh(), "sigmoid": lambda: torch.nn.Sigmoid(),
            "softmax": lambda: torch.nn.Softmax(dim=1), "logsoftmax": lambda: torch.nn.LogSoftmax(dim=1),
            "linear": None}
    for p in parts[1:]:
        units, _, act = p.partition(":")
        layers.append(torch.nn.Linear(width, int(units)))
        if act and acts.get(act):
            layers.append(acts[act]())
        width = int(units)
    return torch.nn.Sequential(*layers), width


def torch_step(torch, case, dtype, device):
    tdt = torch.float32 if dtype == "f32" else torch.float64
    model, outputs = torch_model(torch, case["model"])
    model = model.to(device=device, dtype=tdt)
    batch = case["batch"]
    inputs = int(case["model"].split(",")[0])
    x = (torch.rand(batch, inputs, dtype=tdt, device=device) * 2 - 1)
    loss_name = case["loss"]
    if loss_name in ("cross_entropy", "nll") and outputs > 1:
        y = torch.randint(0, outputs, (batch,), device=device)
    else:
        y = torch.rand(batch, outputs, dtype=tdt, device=device)
    loss_fn = {"mse": torch.nn.MSELoss(), "cross_entropy": torch.nn.CrossEntropyLoss(),
               "nll": torch.nn.NLLLoss(), "bce": torch.nn.BCELoss()}[loss_name]
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()
    return step


def run_torch():
    try:
        import torch
    except ImportError as e:
        reason = f"torch not importable: {e}"
        engines["torch-cpu"] = {"available": False, "reason": reason}
        engines["torch-cuda"] = {"available": False, "reason": reason}
        return
    torch.set_num_threads(int(threads))
    torch.manual_seed(1)
    devices = [("torch-cpu", "cpu")]
    engines["torch-cpu"] = {"available": True,
                            "version": f"torch {torch.__version__}, {torch.get_num_threads()} threads, {BLAS_BUILD}"}
    if torch.cuda.is_available():
        devices.append(("torch-cuda", "cuda"))
        engines["torch-cuda"] = {"available": True, "version": f"torch {torch.__version__}, {torch.cuda.get_device_name(0)},"
                                 f" CUDA {torch.version.cuda}, tf32 {torch.backends.cuda.matmul.allow_tf32}"}
    else:
        engines["torch-cuda"] = {"available": False, "reason": "torch.cuda.is_available() is False"}
    for engine, device in devices:
        sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
        for dtype in request["dtypes"]:
            tdt = torch.float32 if dtype == "f32" else torch.float64
            for case in request["cases"]:
                log(f"{engine} {dtype} {case['op']}")
                if case["op"] == "gemm":
                    a, b = gemm_operands(case,
                                         lambda r, c: torch.rand(r, c, dtype=tdt, device=device) * 2 - 1)
                    c = torch.empty(case["m"], case["n"], dtype=tdt, device=device)

                    def run(a=a, b=b, c=c):
                        torch.matmul(a, b, out=c)
                        sync()
                    record(engine, case, dtype, run)
                elif case["op"] == "step":
                    record(engine, case, dtype, torch_step(torch, case, dtype, device))


run_numpy()
run_torch()
json.dump({"engines": engines, "results": results}, sys.stdout)
print()
