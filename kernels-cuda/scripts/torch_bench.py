#!/usr/bin/env python3
"""PyTorch's side of densekit's GPU benchmark (io.densekit.kernel.cuda.bench.GpuBench).

Measures the same things on the same device, and prints lines in the same form, so the two outputs
can be read side by side (see docs/gpu.md):

  torch gemm f32 n=4096: 2.650 ms, 51.9 TFLOP/s        torch.mm, TF32 off unless --tf32
  torch step SPEC f32 batch=B: 1100.0 us/step           eager: upload, forward, loss.item(), backward, SGD
  torch graph-step SPEC f32 batch=B: 85.0 us/step       the same step captured as a CUDA graph

The step mirrors densekit's trainer: each batch is copied from pinned host memory, the loss is read
back every step (loss.item()), cross-entropy on class indices, plain SGD with lr 0.01. A model spec
is densekit's: input width, then width[:activation] per dense layer, comma-separated.

  python3 torch_bench.py all            # the issue's figures
  python3 torch_bench.py gemm 4096 f64
  python3 torch_bench.py step 784,128:relu,64:relu,10 512 500 f32
  python3 torch_bench.py gemm 4096 f32 step 784,128:relu,64:relu,10 512 500 f32   # several in one call
"""
import argparse
import statistics
import time

import torch

ACTIVATIONS = {
    "linear": None, "identity": None, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid,
    "tanh": torch.nn.Tanh, "softmax": lambda: torch.nn.Softmax(dim=1),
    "logsoftmax": lambda: torch.nn.LogSoftmax(dim=1),
}
DTYPES = {"f32": torch.float32, "f64": torch.float64}


def model_from_spec(spec, dtype, device):
    parts = spec.split(",")
    width = int(parts[0])
    layers = []
    for p in parts[1:]:
        units, _, act = p.partition(":")
        layers.append(torch.nn.Linear(width, int(units)))
        make = ACTIVATIONS[act.replace("_", "").lower() or "linear"]
        if make is not None:
            layers.append(make())
        width = int(units)
    return torch.nn.Sequential(*layers).to(device=device, dtype=dtype), int(parts[0]), width


def gemm(n, dt, reps, device):
    g = torch.Generator(device="cpu").manual_seed(1)
    a = (torch.rand(n, n, generator=g, dtype=DTYPES[dt]) * 2 - 1).to(device)
    b = (torch.rand(n, n, generator=g, dtype=DTYPES[dt]) * 2 - 1).to(device)
    inner = max(1, min(50, int(2e11 / (2.0 * n ** 3))))
    times = []
    for rep in range(-2, reps):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(inner):
            torch.mm(a, b)
        torch.cuda.synchronize()
        if rep >= 0:
            times.append((time.perf_counter() - t0) / inner)
    m = statistics.median(times)
    print(f"torch gemm {dt} n={n}: {m * 1e3:.3f} ms, {2.0 * n ** 3 / m / 1e12:.1f} TFLOP/s", flush=True)


def step(spec, batch, steps, dt, reps, device, graph):
    torch.manual_seed(3)
    dtype = DTYPES[dt]
    model, n_in, n_out = model_from_spec(spec, dtype, device)
    n = batch * steps
    x = (torch.rand(n, n_in, dtype=dtype) * 2 - 1).pin_memory()
    y = torch.randint(0, n_out, (n,)).pin_memory()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    def one_step(xb, yb):
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss

    per_step = []
    if not graph:
        for rep in range(-1, reps):
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            for i in range(0, n, batch):
                xb = x[i:i + batch].to(device, non_blocking=True)
                yb = y[i:i + batch].to(device, non_blocking=True)
                one_step(xb, yb).item()
            torch.cuda.synchronize()
            if rep >= 0:
                per_step.append((time.perf_counter() - t0) / steps)
        label = "step"
    else:
        static_x = torch.empty(batch, n_in, dtype=dtype, device=device)
        static_y = torch.empty(batch, dtype=torch.long, device=device)
        static_x.copy_(x[:batch])
        static_y.copy_(y[:batch])
        s = torch.cuda.Stream()
        s.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(s):
            for _ in range(3):
                one_step(static_x, static_y)
        torch.cuda.current_stream().wait_stream(s)
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g):
            static_loss = one_step(static_x, static_y)
        for rep in range(-1, reps):
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            for i in range(0, n, batch):
                static_x.copy_(x[i:i + batch], non_blocking=True)
                static_y.copy_(y[i:i + batch], non_blocking=True)
                g.replay()
                static_loss.item()
            torch.cuda.synchronize()
            if rep >= 0:
                per_step.append((time.perf_counter() - t0) / steps)
        label = "graph-step"
    print(f"torch {label} {spec} {dt} batch={batch}: {statistics.median(per_step) * 1e6:.1f} us/step", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--tf32", action="store_true", help="let float32 matmuls use TF32 (off, like densekit's default)")
    p.add_argument("what", nargs="+")
    a = p.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("torch sees no CUDA device")
    torch.backends.cuda.matmul.allow_tf32 = a.tf32
    torch.backends.cudnn.allow_tf32 = a.tf32
    device = torch.device("cuda:0")
    print(f"# torch {torch.__version__} (CUDA {torch.version.cuda}) on {torch.cuda.get_device_name(0)}; "
          f"tf32 {'on' if a.tf32 else 'off'}", flush=True)
    w = list(a.what)
    while w:  # several benchmarks in one call: torch and CUDA start once
        what = w.pop(0)
        if what == "gemm":
            gemm(int(w[0]), w[1], a.reps, device)
            del w[:2]
        elif what == "step":
            for graph in (False, True):
                step(w[0], int(w[1]), int(w[2]), w[3], a.reps, device, graph)
            del w[:4]
        elif what == "all":
            gemm(4096, "f32", a.reps, device)
            gemm(4096, "f64", a.reps, device)
            for spec, batch, steps in (("1024,1024:relu,1024:relu,10", 4096, 50),
                                       ("6,32:tanh,32:softmax,32:sigmoid,32:relu,3", 333, 500),
                                       ("784,128:relu,64:relu,10", 512, 500)):
                for graph in (False, True):
                    step(spec, batch, steps, "f32", a.reps, device, graph)
        else:
            raise SystemExit(f"unknown benchmark {what}; expected gemm, step or all")

if __name__ == "__main__":
    main()
