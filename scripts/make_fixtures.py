#!/usr/bin/python3
"""Writes densekit's PyTorch parity fixtures (nn-api/src/test/resources/fixtures/<case>/).

Regenerate (from the repository root; needs torch and numpy, nothing else):

    /usr/bin/python3 scripts/make_fixtures.py            # write every case, then check them
    /usr/bin/python3 scripts/make_fixtures.py --check    # only read back and check what is there
    /usr/bin/python3 scripts/make_fixtures.py --case mlp # one case (repeatable)

Each case trains a PyTorch nn.Sequential exactly as the seed tutorials do: for every epoch,
sequential minibatches [i, i+batch) with the last partial batch kept and no shuffling; per batch
forward, loss (mean reduction), record loss.item(), zero_grad, backward, step; after the epoch the
validation loss over the whole validation set under no_grad. The epoch's train loss is the plain
mean of its minibatch losses. It runs once in float64 (the parity reference) and once in float32
from the same initial weights and data cast to float32.

Every random source is seeded per case (numpy Generator, torch.manual_seed, random.Random) and
torch runs on one thread, so a rerun on the same torch/numpy build rewrites identical bytes. The
data generators are our own numpy versions of scikit-learn's make_regression/make_classification
(same construction, not the same random stream), so only torch and numpy are needed.

The check step reads every file back with numpy and this script's own safetensors reader, checks
dtypes, shapes and C order, recomputes the last validation loss from final.safetensors with numpy,
replays every run with an independent numpy implementation (fixtures_numpy_reference.py) and
requires it to agree with PyTorch within AGREEMENT_LIMIT (so a correct non-PyTorch implementation
can meet the Java tests' 1e-12 and an ill-conditioned run is rejected), and retrains from the
files alone to confirm they reproduce final.safetensors and history.json bit for bit.
"""

import argparse
import gzip
import json
import math
import os
import random
import struct
import sys
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures_numpy_reference as reference  # noqa: E402  (the independent implementation)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES_DIR = os.path.join(REPO_ROOT, "nn-api", "src", "test", "resources", "fixtures")
DIGITS_CSV = os.path.join(os.path.dirname(REPO_ROOT), "shared", "data", "digits.csv.gz")
ADAM_BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8
# An independent float64 implementation must agree with PyTorch this closely on every fixture
# (final weights and per-epoch losses): a tenth of the 1e-12 MAPE the Java tests demand.
AGREEMENT_LIMIT = 1e-13


# ---------------------------------------------------------------------------------------------
# Data: numpy versions of scikit-learn's generators, and the UCI digits.
# ---------------------------------------------------------------------------------------------

def make_regression(rng, n_samples, n_features, n_targets, n_informative, bias, noise):
    """sklearn.datasets.make_regression's construction: standard normal X, a ground-truth
    coefficient matrix of 100*U(0,1) on the informative features (zero elsewhere), y = X @ coef
    + bias + noise * N(0,1). Feature columns are then permuted, as sklearn does."""
    x = rng.standard_normal((n_samples, n_features))
    coef = np.zeros((n_features, n_targets))
    coef[:n_informative, :] = 100.0 * rng.random((n_informative, n_targets))
    y = x @ coef + bias + noise * rng.standard_normal((n_samples, n_targets))
    x = x[:, rng.permutation(n_features)]
    return x, y


def make_classification(rng, n_samples, n_features, n_classes, n_informative,
                        n_clusters_per_class=2, class_sep=1.0, flip_y=0.01):
    """sklearn.datasets.make_classification's construction (no redundant or repeated features):
    each class is a few Gaussian clusters centred on distinct vertices of a hypercube of side
    2*class_sep in the informative subspace, each cluster with a random linear covariance;
    the other features are pure noise; a fraction flip_y of the labels is randomised; rows and
    columns are shuffled."""
    n_clusters = n_classes * n_clusters_per_class
    vertices = rng.choice(2 ** n_informative, size=n_clusters, replace=False)
    bits = (vertices[:, None] >> np.arange(n_informative)) & 1
    centroids = (2.0 * bits - 1.0) * class_sep
    sizes = np.full(n_clusters, n_samples // n_clusters)
    sizes[: n_samples % n_clusters] += 1
    xs, ys = [], []
    for k in range(n_clusters):
        z = rng.standard_normal((sizes[k], n_informative))
        mix = 2.0 * rng.random((n_informative, n_informative)) - 1.0
        xs.append(z @ mix + centroids[k])
        ys.append(np.full(sizes[k], k % n_classes))
    x_inf = np.concatenate(xs)
    y = np.concatenate(ys).astype(np.int64)
    x = np.concatenate([x_inf, rng.standard_normal((n_samples, n_features - n_informative))], 1)
    flip = rng.random(n_samples) < flip_y
    y[flip] = rng.integers(0, n_classes, size=int(flip.sum()))
    rows = rng.permutation(n_samples)
    x, y = x[rows], y[rows]
    return x[:, rng.permutation(n_features)], y


def one_hot(labels, n_classes):
    out = np.zeros((labels.shape[0], n_classes))
    out[np.arange(labels.shape[0]), labels] = 1.0
    return out


def split(x, y, n_train):
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def load_digits(path):
    """UCI 8x8 digits: gzip CSV, no header, 64 pixel values 0-16 then the label."""
    with gzip.open(path, "rt") as f:
        raw = np.loadtxt(f, delimiter=",")
    return raw[:, :64] / 16.0, raw[:, 64].astype(np.int64)


# ---- one data builder per case; each gets its own seeded numpy Generator and random.Random ----

def data_linear_regression(rng, pyrng):
    x, y = make_regression(rng, 10_100, 1, 1, 1, bias=pyrng.random(), noise=1.0)
    return split(x, y, 100)


def data_multivariate_regression(rng, pyrng):
    x, y = make_regression(rng, 10_100, 6, 3, 5, bias=pyrng.random(), noise=1.0)
    return split(x, y, 100)


def data_softmax_classifier(rng, pyrng):
    x, labels = make_classification(rng, 10_100, 5, 3, 4)
    return split(x, one_hot(labels, 3), 100)


def data_mlp(rng, pyrng):
    x, y = make_regression(rng, 10_100, 6, 3, 5, bias=pyrng.random(), noise=1.0)
    return split(x, y, 1000)


def data_indices(n_samples, n_features, n_classes, n_train):
    def build(rng, pyrng):
        x, labels = make_classification(rng, n_samples, n_features, n_classes, n_features - 2)
        return split(x, labels, n_train)
    return build


def data_scaled_regression(n_samples, n_features, n_targets, n_train):
    """Regression with targets divided by their standard deviation, so that Adam/momentum runs
    stay in a well-conditioned range."""
    def build(rng, pyrng):
        x, y = make_regression(rng, n_samples, n_features, n_targets, n_features - 1,
                               bias=pyrng.random(), noise=1.0)
        return split(x, y / y.std(axis=0), n_train)
    return build


def data_soft_targets(rng, pyrng):
    """Probability targets that are not one-hot: 0.7 * one-hot(label) + 0.3 * Dirichlet(1)."""
    x, labels = make_classification(rng, 500, 5, 3, 4)
    soft = 0.7 * one_hot(labels, 3) + 0.3 * rng.dirichlet(np.ones(3), size=labels.shape[0])
    return split(x, soft, 300)


def data_bce(rng, pyrng):
    x, labels = make_classification(rng, 500, 5, 2, 3)
    return split(x, labels.astype(np.float64).reshape(-1, 1), 300)


def data_digits(rng, pyrng):
    x, labels = load_digits(DIGITS_CSV)
    rows = rng.permutation(x.shape[0])
    return split(x[rows], labels[rows], 1500)


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

@dataclass
class Case:
    name: str
    seed: int
    model: str
    loss: str
    data: object
    description: str
    epochs: int
    batch: int
    lr: float
    optimizer: str = "sgd"
    momentum: float = 0.0
    dampening: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    betas: tuple = ADAM_BETAS
    eps: float = ADAM_EPS
    targets: str = "dense"


CASES = [
    Case("linear_regression", 2, "1,1", "mse", data_linear_regression,
         "Tutorial 002: simple linear regression, 1 feature, MSE, plain SGD; 100 train / "
         "10 000 valid from make_regression(noise=1, bias=U(0,1)); batch 100//3 = 33 (batches "
         "33,33,33,1).",
         epochs=16, batch=33, lr=0.01),
    Case("multivariate_regression", 1, "6,3", "mse", data_multivariate_regression,
         "Tutorial 001: multivariate linear regression 6 -> 3, MSE (mean over all n*3 "
         "elements), plain SGD; 100 train / 10 000 valid, 5 informative features; batch 33.",
         epochs=16, batch=33, lr=0.01),
    Case("softmax_classifier", 3, "5,3", "cross_entropy", data_softmax_classifier,
         "Tutorial 003: softmax classifier 5 -> 3. The tutorial's loss "
         "-sum(y*log(softmax(z)))/n is nn.CrossEntropyLoss on the logits z with one-hot "
         "(probability) targets, which is what "
         "this case trains; the model therefore ends in a linear layer (softmax lives in the "
         "loss). 100 train / 10 000 valid from make_classification(5 features, 4 informative); "
         "batch 33.",
         epochs=16, batch=33, lr=0.01),
    Case("mlp", 1, "6,32:tanh,32:softmax,32:sigmoid,32:relu,3", "mse", data_mlp,
         "Tutorial 000: MLP with a softmax hidden layer, MSE, plain SGD; 1 000 train / 9 100 valid "
         "from make_regression(6 features, 5 informative, 3 targets); batch 1000//3 = 333 "
         "(batches 333,333,333,1). RNG seed 1, not 0: with seed 0 the run passes through gradient "
         "spikes (max |grad| ~7.7e3 in epoch 19) that amplify rounding, so two correct float64 "
         "implementations end 1.4e-7 apart; see the README.",
         epochs=32, batch=333, lr=0.01),
    Case("cross_entropy_indices", 5, "8,16:relu,4", "cross_entropy",
         data_indices(500, 8, 4, 300),
         "nn.CrossEntropyLoss on logits with 1-D int64 class indices; 300 train / 200 valid; "
         "batch 64 (last batch 44).",
         epochs=8, batch=64, lr=0.1, targets="indices"),
    Case("nll_logsoftmax", 6, "8,16:tanh,4:logsoftmax", "nll", data_indices(500, 8, 4, 300),
         "LogSoftmax output layer with nn.NLLLoss on 1-D int64 class indices; 300 train / 200 "
         "valid; batch 64.",
         epochs=8, batch=64, lr=0.1, targets="indices"),
    Case("sgd_momentum_weight_decay", 4, "64,32:relu,32:relu,10:logsoftmax", "nll", data_digits,
         "Tutorial 004's optimiser (SGD lr 0.05, momentum 0.9, weight decay 0.01, applied to "
         "biases too) on the UCI 8x8 digits scaled to [0,1], seeded row permutation, 1 500 "
         "train / 297 valid; LogSoftmax + NLLLoss on class indices; batch 512 (batches "
         "512,512,476).",
         epochs=30, batch=512, lr=0.05, momentum=0.9, weight_decay=0.01, targets="indices"),
    Case("adam", 7, "6,16:tanh,16:relu,3", "mse", data_scaled_regression(400, 6, 3, 300),
         "torch.optim.Adam with default betas (0.9, 0.999) and eps 1e-8, no weight decay; MSE on "
         "make_regression targets divided by their standard deviation; 300 train / 100 valid; "
         "batch 32 (last batch 12).",
         epochs=10, batch=32, lr=0.01, optimizer="adam"),
    Case("adam_weight_decay", 8, "8,16:relu,4", "cross_entropy", data_indices(500, 8, 4, 300),
         "torch.optim.Adam (not AdamW) with weight_decay 0.01: L2 term added to the gradient "
         "before the moments; cross-entropy on class indices; 300 train / 200 valid; batch 50.",
         epochs=8, batch=50, lr=0.005, optimizer="adam", weight_decay=0.01, targets="indices"),
    Case("bce", 9, "5,8:tanh,1:sigmoid", "bce", data_bce,
         "Sigmoid output with nn.BCELoss on 0/1 targets shaped (n, 1); 300 train / 200 valid; "
         "batch 40 (last batch 20).",
         epochs=10, batch=40, lr=0.1),
    Case("sgd_nesterov", 10, "6,16:sigmoid,3", "mse", data_scaled_regression(400, 6, 3, 300),
         "SGD lr 0.01, momentum 0.9, nesterov=True (dampening 0), weight decay 0.005; MSE on "
         "scaled make_regression targets; 300 train / 100 valid; batch 32.",
         epochs=10, batch=32, lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.005),
    Case("sgd_dampening", 11, "5,12:sigmoid,3", "cross_entropy", data_soft_targets,
         "SGD lr 0.05, momentum 0.9, dampening 0.1, no nesterov; nn.CrossEntropyLoss with "
         "probability targets that are not one-hot (0.7*one-hot + 0.3*Dirichlet(1)); 300 train "
         "/ 200 valid; batch 32.",
         epochs=10, batch=32, lr=0.05, momentum=0.9, dampening=0.1),
]


# ---------------------------------------------------------------------------------------------
# Model, loss, optimiser, training loop
# ---------------------------------------------------------------------------------------------

ACTIVATIONS = {
    "relu": lambda: nn.ReLU(),
    "sigmoid": lambda: nn.Sigmoid(),
    "tanh": lambda: nn.Tanh(),
    "softmax": lambda: nn.Softmax(dim=1),
    "logsoftmax": lambda: nn.LogSoftmax(dim=1),
}

LOSSES = {
    "mse": nn.MSELoss,
    "cross_entropy": nn.CrossEntropyLoss,
    "nll": nn.NLLLoss,
    "bce": nn.BCELoss,
}


def parse_spec(spec):
    """'6,32:tanh,3' -> (6, [(32, 'tanh'), (3, None)])."""
    parts = spec.split(",")
    layers = []
    for part in parts[1:]:
        width, _, act = part.partition(":")
        if act and act not in ACTIVATIONS:
            raise ValueError(f"unknown activation '{act}' in model spec '{spec}'")
        layers.append((int(width), act or None))
    return int(parts[0]), layers


def build_model(spec, dtype):
    """nn.Sequential of Linear (+ activation module when the spec names one), so state_dict
    names are '<module index>.weight' / '<module index>.bias' with activations counted."""
    width, layers = parse_spec(spec)
    modules = []
    for out, act in layers:
        modules.append(nn.Linear(width, out, dtype=dtype))
        if act:
            modules.append(ACTIVATIONS[act]())
        width = out
    return nn.Sequential(*modules)


def build_optimizer(case, params):
    if case.optimizer == "sgd":
        return torch.optim.SGD(params, lr=case.lr, momentum=case.momentum,
                               dampening=case.dampening, nesterov=case.nesterov,
                               weight_decay=case.weight_decay)
    if case.optimizer == "adam":
        return torch.optim.Adam(params, lr=case.lr, betas=case.betas, eps=case.eps,
                                weight_decay=case.weight_decay)
    raise ValueError(f"unknown optimizer {case.optimizer}")


def as_tensor(array, dtype):
    """float arrays take the run's dtype; class indices stay int64."""
    t = torch.from_numpy(np.ascontiguousarray(array))
    return t if t.dtype == torch.int64 else t.to(dtype)


def train(case, state, data, dtype):
    """The seeds' loop. Returns (final state_dict, history)."""
    model = build_model(case.model, dtype)
    model.load_state_dict({k: v.to(dtype) for k, v in state.items()})
    x, y, xv, yv = (as_tensor(a, dtype) for a in data)
    loss_fn = LOSSES[case.loss]()
    optimizer = build_optimizer(case, model.parameters())
    history = {"train_loss": [], "valid_loss": []}
    for _ in range(case.epochs):
        batch_losses = []
        for start in range(0, x.shape[0], case.batch):
            end = start + case.batch
            loss = loss_fn(model(x[start:end]), y[start:end])
            batch_losses.append(loss.item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history["train_loss"].append(sum(batch_losses) / len(batch_losses))
        with torch.no_grad():
            history["valid_loss"].append(loss_fn(model(xv), yv).item())
    final = {k: v.detach().clone() for k, v in model.state_dict().items()}
    return final, history


def initial_state(case):
    """PyTorch's default nn.Linear init, drawn directly in float64 under the case's seed."""
    torch.manual_seed(case.seed)
    return {k: v.detach().clone() for k, v in build_model(case.model, torch.float64)
            .state_dict().items()}


def case_data(case):
    rng = np.random.default_rng(case.seed)
    pyrng = random.Random(case.seed)
    random.seed(case.seed)
    x, y, xv, yv = case.data(rng, pyrng)
    if case.targets == "indices":
        assert y.ndim == 1 and y.dtype == np.int64, case.name
    return tuple(np.ascontiguousarray(a) for a in (x, y, xv, yv))


# ---------------------------------------------------------------------------------------------
# Files: safetensors (written by hand: the safetensors package is not needed), npy, json
# ---------------------------------------------------------------------------------------------

SAFETENSORS_DTYPES = {torch.float64: ("F64", "<f8"), torch.float32: ("F32", "<f4")}
NUMPY_OF_SAFETENSORS = {"F64": "<f8", "F32": "<f4"}


def write_safetensors(path, state, metadata):
    """8-byte little-endian header length, JSON header padded with spaces to a multiple of 8,
    then the tensors' little-endian bytes back to back in state_dict order."""
    header, blobs, offset = {}, [], 0
    for name, tensor in state.items():
        code, np_dtype = SAFETENSORS_DTYPES[tensor.dtype]
        blob = np.ascontiguousarray(tensor.numpy(), dtype=np_dtype).tobytes()
        header[name] = {"dtype": code, "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    """Returns ({name: ndarray}, metadata), checking offsets are contiguous and in range."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n % 8 == 0 and 8 + n <= len(raw), path
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    body = raw[8 + n:]
    tensors, expected_begin = {}, 0
    for name, info in header.items():
        begin, end = info["data_offsets"]
        assert begin == expected_begin and end <= len(body), (path, name)
        dtype = np.dtype(NUMPY_OF_SAFETENSORS[info["dtype"]])
        count = int(np.prod(info["shape"])) if info["shape"] else 1
        assert end - begin == count * dtype.itemsize, (path, name)
        tensors[name] = np.frombuffer(body[begin:end], dtype=dtype).reshape(info["shape"])
        expected_begin = end
    assert expected_begin == len(body), path
    return tensors, metadata


def config_json(case):
    return {
        "model": case.model, "loss": case.loss, "optimizer": case.optimizer, "lr": case.lr,
        "momentum": case.momentum, "dampening": case.dampening, "nesterov": case.nesterov,
        "weight_decay": case.weight_decay, "betas": list(case.betas), "eps": case.eps,
        "epochs": case.epochs, "batch": case.batch, "targets": case.targets,
        "description": case.description,
    }


def write_json(path, obj):
    for key in ("train_loss", "valid_loss"):
        if key in obj:
            assert all(math.isfinite(v) for v in obj[key]), (path, key)
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)  # json writes floats with repr: shortest exact round trip
        f.write("\n")


def write_case(case):
    folder = os.path.join(FIXTURES_DIR, case.name)
    os.makedirs(folder, exist_ok=True)
    data = case_data(case)
    for name, array in zip(("x_train", "y_train", "x_valid", "y_valid"), data):
        np.save(os.path.join(folder, name + ".npy"), array, allow_pickle=False)
    init = initial_state(case)
    final64, hist64 = train(case, init, data, torch.float64)
    final32, hist32 = train(case, init, data, torch.float32)
    meta = {"case": case.name, "seed": case.seed, "torch": torch.__version__,
            "generator": "scripts/make_fixtures.py"}
    write_safetensors(os.path.join(folder, "init.safetensors"), init, dict(meta, stage="init"))
    write_safetensors(os.path.join(folder, "final.safetensors"), final64,
                      dict(meta, stage="final", dtype="float64"))
    write_safetensors(os.path.join(folder, "final_f32.safetensors"), final32,
                      dict(meta, stage="final", dtype="float32"))
    write_json(os.path.join(folder, "config.json"), config_json(case))
    write_json(os.path.join(folder, "history.json"), hist64)
    write_json(os.path.join(folder, "history_f32.json"), hist32)


# ---------------------------------------------------------------------------------------------
# Check: read everything back, recompute independently, retrain from the files
# ---------------------------------------------------------------------------------------------

def check_case(case, retrain):
    folder = os.path.join(FIXTURES_DIR, case.name)
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    assert config == config_json(case), f"{case.name}: config.json differs from the script"
    arrays = {}
    for name in ("x_train", "y_train", "x_valid", "y_valid"):
        a = np.load(os.path.join(folder, name + ".npy"), allow_pickle=False)
        assert a.flags["C_CONTIGUOUS"], (case.name, name)
        if name.startswith("y") and case.targets == "indices":
            assert a.dtype == np.dtype("<i8") and a.ndim == 1, (case.name, name)
        else:
            assert a.dtype == np.dtype("<f8") and a.ndim == 2, (case.name, name)
        arrays[name] = a
    n_in, layers = parse_spec(case.model)
    assert arrays["x_train"].shape[1] == n_in == arrays["x_valid"].shape[1], case.name
    assert len(arrays["x_train"]) == len(arrays["y_train"]), case.name
    assert len(arrays["x_valid"]) == len(arrays["y_valid"]), case.name

    init, _ = read_safetensors(os.path.join(folder, "init.safetensors"))
    final, _ = read_safetensors(os.path.join(folder, "final.safetensors"))
    final32, _ = read_safetensors(os.path.join(folder, "final_f32.safetensors"))
    index, width = 0, n_in
    for out, act in layers:
        for tensors, dtype in ((init, "<f8"), (final, "<f8"), (final32, "<f4")):
            assert tensors[f"{index}.weight"].shape == (out, width), (case.name, index)
            assert tensors[f"{index}.bias"].shape == (out,), (case.name, index)
            assert tensors[f"{index}.weight"].dtype == np.dtype(dtype), (case.name, index)
        index, width = index + (2 if act else 1), out
    assert set(init) == set(final) == set(final32), case.name
    assert any(not np.array_equal(init[k], final[k]) for k in init), f"{case.name}: no training"

    with open(os.path.join(folder, "history.json")) as f:
        hist = json.load(f)
    with open(os.path.join(folder, "history_f32.json")) as f:
        hist32 = json.load(f)
    for h in (hist, hist32):
        assert len(h["train_loss"]) == len(h["valid_loss"]) == case.epochs, case.name

    # The last validation loss recomputed in numpy from final.safetensors alone.
    config_np = dict(config, betas=tuple(config["betas"]))
    layers_np = reference.parse_layers(case.model)
    out_valid, _ = reference.forward(layers_np, final, arrays["x_valid"])
    recomputed = reference.loss_and_grad(case.loss, out_valid, arrays["y_valid"])[0]
    rel = abs(recomputed - hist["valid_loss"][-1]) / abs(hist["valid_loss"][-1])
    assert rel < 1e-13, f"{case.name}: numpy valid loss {recomputed} vs {hist['valid_loss'][-1]}"

    # The whole run replayed by the independent numpy implementation.
    data = tuple(arrays[k] for k in ("x_train", "y_train", "x_valid", "y_valid"))
    np_final, np_hist = reference.train(config_np, init, *data)
    agreement = max([reference.mape(np_final[k], final[k]) for k in final]
                    + [reference.mape(np_hist[k], hist[k]) for k in hist])
    assert agreement <= AGREEMENT_LIMIT, \
        f"{case.name}: numpy and PyTorch disagree by MAPE {agreement:.1e}: ill-conditioned run"

    if retrain:  # the files alone must reproduce the PyTorch results bit for bit
        state = {k: torch.from_numpy(v.copy()) for k, v in init.items()}
        again, again_hist = train(case, state, data, torch.float64)
        assert again_hist == hist, f"{case.name}: retraining changed the history"
        for k, v in again.items():
            assert np.array_equal(v.numpy(), final[k]), f"{case.name}: retraining changed {k}"

    accuracy = ""
    if case.loss != "mse":
        y = arrays["y_valid"]
        if case.loss == "bce":
            accuracy = f"{np.mean((out_valid[:, 0] > 0.5) == (y[:, 0] > 0.5)):.3f}"
        else:
            labels = y if y.ndim == 1 else y.argmax(axis=1)
            accuracy = f"{np.mean(out_valid.argmax(axis=1) == labels):.3f}"
    return {
        "case": case.name,
        "x_train": arrays["x_train"].shape, "y_train": arrays["y_train"].shape,
        "x_valid": arrays["x_valid"].shape,
        "train": (hist["train_loss"][0], hist["train_loss"][-1]),
        "valid": (hist["valid_loss"][0], hist["valid_loss"][-1]),
        "acc": accuracy,
        "agreement": agreement,
        "f32_weights": max(reference.mape(final32[k], final[k]) for k in final),
        "f32_scaled": max(float(np.max(np.abs(final32[k] - final[k])) / np.max(np.abs(final[k])))
                          for k in final),
        "f32_losses": max(reference.mape(hist32[k], hist[k]) for k in hist),
    }


def folder_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def print_summary(rows):
    print(f"{'case':<26} {'x_train':>10} {'y_train':>10} {'x_valid':>10} "
          f"{'train loss first -> last':>26} {'valid loss first -> last':>26} "
          f"{'acc':>5} {'np/torch':>8} {'f32 w':>8} {'f32 w/max':>9} {'f32 loss':>8}")
    for r in rows:
        print(f"{r['case']:<26} {str(r['x_train']):>10} {str(r['y_train']):>10} "
              f"{str(r['x_valid']):>10} {r['train'][0]:>11.6g} -> {r['train'][1]:<11.6g} "
              f"{r['valid'][0]:>11.6g} -> {r['valid'][1]:<11.6g} {r['acc']:>5} "
              f"{r['agreement']:>8.1e} {r['f32_weights']:>8.1e} {r['f32_scaled']:>9.1e} "
              f"{r['f32_losses']:>8.1e}")
    print("acc: validation accuracy of the float64 final weights (classification cases)")
    print("np/torch: MAPE between the independent numpy float64 run and PyTorch's (max over "
          "weight tensors and loss histories)")
    print("f32 w / f32 loss: MAPE of PyTorch's float32 run against its float64 run (max over "
          "weight tensors / over the two loss histories)")
    print("f32 w/max: max over weight tensors of max|w32 - w64| / max|w64| (scale-aware gap)")
    print(f"fixtures total: {folder_size(FIXTURES_DIR) / 1e6:.2f} MB in {FIXTURES_DIR}")


def main():
    global DIGITS_CSV
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the existing fixtures")
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--no-retrain", action="store_true", help="skip the retraining check")
    parser.add_argument("--digits", default=DIGITS_CSV, help="path of digits.csv.gz")
    args = parser.parse_args()
    DIGITS_CSV = args.digits
    torch.set_num_threads(1)  # fixed reduction order: reruns write identical bytes
    known = {c.name: c for c in CASES}
    unknown = [n for n in args.case or [] if n not in known]
    if unknown:
        sys.exit(f"unknown case(s) {unknown}; expected one of {sorted(known)}")
    cases = [known[n] for n in args.case] if args.case else CASES
    if not args.check:
        for case in cases:
            print(f"writing {case.name}", flush=True)
            write_case(case)
    print_summary([check_case(case, retrain=not args.no_retrain) for case in cases])


if __name__ == "__main__":
    main()
