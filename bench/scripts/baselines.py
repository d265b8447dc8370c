#!/usr/bin/python3
"""The Python peers of `densekit bench`: numpy (OpenBLAS) or PyTorch, run in rounds densekit schedules.

    baselines.py --engine numpy|torch --threads N

One process serves one engine (densekit gives each its own environment: numpy with bytedeco's OpenBLAS
preloaded where densekit has it, torch with Debian's OpenMP build of OpenBLAS first on its library
path). It reads one JSON request per line on stdin and answers one JSON line on stdout; its first line,
unasked, lists its engines with their configuration:
  {"engines": {"numpy": {"available": true, "version": "numpy 1.24.2, OpenBLAS 0.3.31 ... Zen, 2 threads"}}}
  {"cmd": "prepare", "engine": "numpy", "dtype": "f32", "case": {"op": "gemm", "m": 64, "k": 64, "n": 64,
   "trans_a": false, "trans_b": false}}                                  -> {"ok": true}
  {"cmd": "prepare", "engine": "torch-cpu", "dtype": "f64", "case": {"op": "step",
   "model": "784,128:relu,64:relu,10", "loss": "cross_entropy", "batch": 64}} -> {"ok": true}
  {"cmd": "run", "calls": 120}   -> {"ns": 31234567}   (the prepared case, 120 times back to back)
  {"cmd": "release"}             -> {"ok": true}
A failing request answers {"error": "..."}; an engine that cannot run is listed with its reason.

A training step is zero_grad, forward, loss (read with .item(), as densekit reads its loss), backward
and SGD(lr=0.01), with the batch already in place.
"""
import argparse
import ctypes
import json
import os
import sys
import time

args = argparse.ArgumentParser()
args.add_argument("--engine", choices=["numpy", "torch"], required=True)
args.add_argument("--threads", type=int, required=True)
args = args.parse_args()
threads = str(args.threads)
# BLAS libraries read their thread count once, when loaded.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads

# Which OpenBLAS build the torch process loads: the launcher puts Debian's OpenMP build first where it
# is installed, so that OpenBLAS and torch share one OpenMP pool instead of fighting over the cores.
BLAS_BUILD = ("OpenBLAS OpenMP build, one thread pool with torch's"
              if "openblas-openmp" in os.environ.get("LD_LIBRARY_PATH", "") else "BLAS as installed")

engines = {}
prepared = {}


def log(message):
    print(message, file=sys.stderr, flush=True)


def gemm_operands(case, make):
    m, k, n = case["m"], case["k"], case["n"]
    a = make(k, m).T if case["trans_a"] else make(m, k)
    b = make(n, k).T if case["trans_b"] else make(k, n)
    return a, b


def openblas_config():
    """OpenBLAS's own description of itself and its core type, where its symbols are global (preloaded)."""
    try:
        lib = ctypes.CDLL(None)
        cfg, core, nthreads = lib.openblas_get_config, lib.openblas_get_corename, lib.openblas_get_num_threads
        cfg.restype = core.restype = ctypes.c_char_p
        return f"{cfg().decode()} (core {core().decode()}), {nthreads()} threads"
    except (AttributeError, OSError):
        return None


def numpy_engine():
    try:
        import numpy as np
    except ImportError as e:
        engines["numpy"] = {"available": False, "reason": f"numpy not importable: {e}"}
        return None
    blas = openblas_config() or blas_of(np) or "the BLAS it links (version unknown: no openblas_get_config)"
    engines["numpy"] = {"available": True, "version": f"numpy {np.__version__}, {blas}"}
    return np


def blas_of(np):
    try:
        from threadpoolctl import threadpool_info
        return ", ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}), "
                         f"{i.get('num_threads')} threads" for i in threadpool_info())
    except Exception:
        return None


def prepare_numpy(np, case, dtype):
    npt = np.float32 if dtype == "f32" else np.float64
    rng = np.random.default_rng(1)
    a, b = gemm_operands(case, lambda r, c: rng.uniform(-1, 1, (r, c)).astype(npt))
    c = np.empty((case["m"], case["n"]), npt)
    return lambda: np.matmul(a, b, out=c)


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


def torch_engine():
    try:
        import torch
    except ImportError as e:
        reason = f"torch not importable: {e}"
        engines["torch-cpu"] = {"available": False, "reason": reason}
        engines["torch-cuda"] = {"available": False, "reason": reason}
        return None
    torch.set_num_threads(int(threads))
    torch.manual_seed(1)
    engines["torch-cpu"] = {"available": True,
                            "version": f"torch {torch.__version__}, {torch.get_num_threads()} threads, {BLAS_BUILD}"}
    if torch.cuda.is_available():
        engines["torch-cuda"] = {"available": True, "version": f"torch {torch.__version__}, {torch.cuda.get_device_name(0)},"
                                 f" CUDA {torch.version.cuda}, tf32 {torch.backends.cuda.matmul.allow_tf32}"}
    else:
        engines["torch-cuda"] = {"available": False, "reason": "torch.cuda.is_available() is False"}
    return torch


def prepare_torch(torch, engine, case, dtype):
    device = "cuda" if engine == "torch-cuda" else "cpu"
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    tdt = torch.float32 if dtype == "f32" else torch.float64
    if case["op"] == "gemm":
        a, b = gemm_operands(case, lambda r, c: torch.rand(r, c, dtype=tdt, device=device) * 2 - 1)
        c = torch.empty(case["m"], case["n"], dtype=tdt, device=device)

        def run():
            torch.matmul(a, b, out=c)
            sync()
        return run
    step = torch_step(torch, case, dtype, device)

    def run_step():
        step()
        sync()
    return run_step


def answer(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve(module):
    current = None
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            cmd = request["cmd"]
            if cmd == "prepare":
                engine = request["engine"]
                if not engines.get(engine, {}).get("available"):
                    raise ValueError(f"engine {engine} is not available here")
                log(f"{engine} {request['dtype']} {request['case']}")
                if engine == "numpy":
                    current = prepare_numpy(module, request["case"], request["dtype"])
                else:
                    current = prepare_torch(module, engine, request["case"], request["dtype"])
                answer({"ok": True})
            elif cmd == "run":
                calls = int(request["calls"])
                t0 = time.perf_counter_ns()
                for _ in range(calls):
                    current()
                answer({"ns": time.perf_counter_ns() - t0})
            elif cmd == "release":
                current = None
                answer({"ok": True})
            else:
                raise ValueError(f"unknown request {cmd!r}")
        except Exception as e:  # one failing case is reported, the others still run
            answer({"error": f"{type(e).__name__}: {e}"})


module = numpy_engine() if args.engine == "numpy" else torch_engine()
answer({"engines": engines})
serve(module)
