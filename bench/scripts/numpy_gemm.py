#!/usr/bin/python3
"""OpenBLAS GEMM through numpy: the baseline for SquareGemmBenchmark and LayerGemmBenchmark.

Same shapes and layouts as the JMH benchmarks; numpy passes transposed views to OpenBLAS as
transpose flags, so no copy is timed. Prints one line per case (GFLOP/s: best and median of 7
timed batches of about 0.5 s each) and, with --json FILE, writes them for docs/benchmarks.md.

Debian's numpy links the system OpenBLAS (0.3.21 on bookworm, older than current CPUs); run it on
OpenBLAS 0.3.31 by preloading bytedeco's copy (run_benchmarks.sh does), whose cblas_* symbols then
win over the linked library's:
    LD_PRELOAD=.../libopenblas.so.0 /usr/bin/python3 bench/scripts/numpy_gemm.py --threads 2
The first line printed names the OpenBLAS that runs, as openblas_get_config reports it.
"""
import argparse
import json
import os
import sys

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--json", help="write the results here")
parser.add_argument("--sizes", default="512,1024,2048")
args = parser.parse_args()
# OpenBLAS reads its thread count once, at load time.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import time  # noqa: E402
import numpy as np  # noqa: E402


def measure(fn, flops):
    fn()
    reps = 1
    while True:  # batch size: about 0.5 s
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        dt = time.perf_counter() - t
        if dt > 0.5:
            break
        reps *= 2
    rates = []
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        rates.append(flops * reps / (time.perf_counter() - t) / 1e9)
    rates.sort()
    return rates[-1], rates[len(rates) // 2]


def blas_info():
    """OpenBLAS's own description where its symbols are global (preloaded), else threadpoolctl's, else the numpy version."""
    try:
        import ctypes
        lib = ctypes.CDLL(None)
        cfg, core = lib.openblas_get_config, lib.openblas_get_corename
        cfg.restype = core.restype = ctypes.c_char_p
        return f"numpy {np.__version__}, {cfg().decode()} (core {core().decode()}), {lib.openblas_get_num_threads()} threads"
    except (AttributeError, OSError):
        pass
    try:
        from threadpoolctl import threadpool_info
        return ";".join(f"{i.get('internal_api')} {i.get('version')} {i.get('threading_layer')}" for i in threadpool_info())
    except ImportError:
        return "numpy " + np.__version__ + ", BLAS version unknown (not preloaded, no threadpoolctl)"


print("numpy BLAS: " + blas_info())


rng = np.random.default_rng(1)
results = []
for dtype in (np.float32, np.float64):
    name = "f32" if dtype == np.float32 else "f64"
    for n in map(int, args.sizes.split(",")):
        a = rng.uniform(-1, 1, (n, n)).astype(dtype)
        b = rng.uniform(-1, 1, (n, n)).astype(dtype)
        c = np.empty((n, n), dtype)
        best, median = measure(lambda: np.matmul(a, b, out=c), 2.0 * n ** 3)
        results.append({"case": f"square n={n}", "dtype": name, "best": best, "median": median})
    batch, inp, out = 512, 784, 128
    x = rng.uniform(-1, 1, (batch, inp)).astype(dtype)
    w = rng.uniform(-1, 1, (out, inp)).astype(dtype)
    dz = rng.uniform(-1, 1, (batch, out)).astype(dtype)
    z = np.empty((batch, out), dtype)
    gw = np.empty((out, inp), dtype)
    gx = np.empty((batch, inp), dtype)
    flops = 2.0 * batch * inp * out
    for case, fn in (("mlp forward X W^T", lambda: np.matmul(x, w.T, out=z)),
                     ("mlp weight grad dZ^T X", lambda: np.matmul(dz.T, x, out=gw)),
                     ("mlp input grad dZ W", lambda: np.matmul(dz, w, out=gx))):
        best, median = measure(fn, flops)
        results.append({"case": case, "dtype": name, "best": best, "median": median})

for r in results:
    print(f"numpy/OpenBLAS {r['dtype']} {r['case']:<24} best {r['best']:7.1f} GFLOP/s  median {r['median']:7.1f}")
if args.json:
    with open(args.json, "w") as f:
        json.dump({"threads": args.threads, "blas": blas_info(), "results": results}, f, indent=1)
sys.exit(0)
