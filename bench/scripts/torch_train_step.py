#!/usr/bin/python3
"""PyTorch CPU training step: the baseline for TrainingStepBenchmark.

The same two float32 networks, batch sizes, losses and plain SGD (lr 0.01) as the JMH benchmark:
  mnist: 784-128:relu-64:relu-10, cross-entropy on class indices, batch 512
  seed:  6-32:tanh-32:softmax-32:sigmoid-32:relu-3, MSE, batch 333
One step = zero_grad, forward, loss, backward, optimizer step, as a training loop does it.
Prints microseconds per step (best and median of 7 timed batches of about 0.5 s each).

    /usr/bin/python3 bench/scripts/torch_train_step.py --threads 2
"""
import argparse
import json
import time

import torch
from torch import nn

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--json", help="write the results here")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(1)


def mnist():
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    x = torch.rand(512, 784) * 2 - 1
    y = torch.randint(0, 10, (512,))
    return model, x, y, nn.CrossEntropyLoss()


def seed():
    model = nn.Sequential(nn.Linear(6, 32), nn.Tanh(), nn.Linear(32, 32), nn.Softmax(dim=1),
                          nn.Linear(32, 32), nn.Sigmoid(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 3))
    x = torch.rand(333, 6) * 2 - 1
    y = torch.rand(333, 3) * 2 - 1
    return model, x, y, nn.MSELoss()


def measure(step):
    for _ in range(20):
        step()
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            step()
        if time.perf_counter() - t > 0.5:
            break
        reps *= 2
    times = []
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(reps):
            step()
        times.append((time.perf_counter() - t) / reps * 1e6)
    times.sort()
    return times[0], times[len(times) // 2]


results = []
for name, build in (("mnist", mnist), ("seed", seed)):
    model, x, y, loss_fn = build()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    best, median = measure(step)
    results.append({"model": name, "best_us": best, "median_us": median})
    print(f"torch {torch.__version__} threads={torch.get_num_threads()} {name:<6} best {best:8.1f} us/step  median {median:8.1f}")
if args.json:
    with open(args.json, "w") as f:
        json.dump({"threads": args.threads, "torch": torch.__version__, "results": results}, f, indent=1)
