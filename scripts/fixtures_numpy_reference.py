"""An independent float64 implementation of the fixtures' training, in numpy only.

make_fixtures.py uses it to prove that every fixture can be matched by code that is not PyTorch:
if this hand-written forward/backward/optimiser agrees with PyTorch to ~1e-15, a correct Java
implementation can meet the 1e-12 gate; if a run amplifies rounding (a chaotic trajectory), the
disagreement shows here first and the case is rejected. It also spells out, in executable form,
the PyTorch semantics that densekit mirrors (see the fixtures README).
"""

import numpy as np

BCE_LOG_FLOOR = -100.0    # torch.nn.BCELoss clamps each log term at -100
BCE_GRAD_EPSILON = 1e-12  # and divides its gradient by max(p * (1 - p), 1e-12)


def parse_layers(spec):
    """'6,32:tanh,3' -> [('0.weight', '0.bias', 'tanh'), ('2.weight', '2.bias', None)]."""
    layers, index = [], 0
    for part in spec.split(",")[1:]:
        act = part.partition(":")[2] or None
        layers.append((f"{index}.weight", f"{index}.bias", act))
        index += 2 if act else 1
    return layers


def activation(act, z):
    if act is None:
        return z
    if act == "relu":
        return np.maximum(z, 0.0)
    if act == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if act == "tanh":
        return np.tanh(z)
    shifted = z - z.max(axis=1, keepdims=True)
    if act == "softmax":
        e = np.exp(shifted)
        return e / e.sum(axis=1, keepdims=True)
    if act == "logsoftmax":
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    raise ValueError(act)


def activation_backward(act, grad, out):
    """Backward from the activation's output, as PyTorch's autograd formulas do."""
    if act is None:
        return grad
    if act == "relu":
        return grad * (out > 0)
    if act == "sigmoid":
        return grad * (1.0 - out) * out
    if act == "tanh":
        return grad * (1.0 - out * out)
    if act == "softmax":  # full Jacobian-vector product
        return out * (grad - (grad * out).sum(axis=1, keepdims=True))
    if act == "logsoftmax":
        return grad - np.exp(out) * grad.sum(axis=1, keepdims=True)
    raise ValueError(act)


def loss_and_grad(loss, out, y):
    """Mean-reduced loss value and its gradient with respect to the model output."""
    n = out.shape[0]
    if loss == "mse":  # mean over every element, n * outputs
        diff = out - y
        return float(np.mean(diff * diff)), 2.0 * diff / out.size
    if loss == "bce":
        log_p = np.maximum(np.log(out), BCE_LOG_FLOOR)
        log_q = np.maximum(np.log1p(-out), BCE_LOG_FLOOR)
        value = float(np.mean(-(y * log_p + (1.0 - y) * log_q)))
        grad = (out - y) / np.maximum((1.0 - out) * out, BCE_GRAD_EPSILON) / out.size
        return value, grad
    # cross_entropy takes logits (log-softmax inside the loss); nll takes log-probabilities.
    log_probs = activation("logsoftmax", out) if loss == "cross_entropy" else out
    targets = y if y.ndim == 2 else np.eye(out.shape[1])[y]  # indices -> one-hot
    value = float(-(targets * log_probs).sum() / n)           # mean over the n samples
    grad = -targets / n
    if loss == "cross_entropy":
        grad = activation_backward("logsoftmax", grad, log_probs)
    return value, grad


class Optimizer:
    """torch.optim.SGD and torch.optim.Adam (single-tensor code path), update for update."""

    def __init__(self, config):
        self.c = config
        self.state = {}
        self.step_count = 0

    def step(self, params, grads):
        self.step_count += 1
        for name, param in params.items():
            grad = grads[name]
            if self.c["weight_decay"] != 0:  # L2 on every parameter, biases included
                grad = grad + self.c["weight_decay"] * param
            params[name] = self._sgd(name, param, grad) if self.c["optimizer"] == "sgd" \
                else self._adam(name, param, grad)

    def _sgd(self, name, param, grad):
        momentum, dampening = self.c["momentum"], self.c["dampening"]
        if momentum != 0:
            if name not in self.state:  # first step: the buffer is the gradient, undampened
                self.state[name] = grad.copy()
            else:
                self.state[name] = self.state[name] * momentum + (1.0 - dampening) * grad
            buf = self.state[name]
            grad = grad + momentum * buf if self.c["nesterov"] else buf
        return param - self.c["lr"] * grad

    def _adam(self, name, param, grad):
        beta1, beta2 = self.c["betas"]
        m, v = self.state.get(name, (np.zeros_like(grad), np.zeros_like(grad)))
        m = m * beta1 + (1.0 - beta1) * grad
        v = v * beta2 + (1.0 - beta2) * grad * grad
        self.state[name] = (m, v)
        step_size = self.c["lr"] / (1.0 - beta1 ** self.step_count)
        denom = np.sqrt(v) / np.sqrt(1.0 - beta2 ** self.step_count) + self.c["eps"]
        return param - step_size * (m / denom)


def forward(layers, params, x):
    """Returns the output and, per layer, (input, output) for the backward pass."""
    cache = []
    for w, b, act in layers:
        out = activation(act, x @ params[w].T + params[b])
        cache.append((x, out))
        x = out
    return x, cache


def train(config, init, x, y, x_valid, y_valid):
    """The seeds' loop: sequential minibatches, last partial batch kept, validation per epoch."""
    layers = parse_layers(config["model"])
    params = {k: np.array(v, dtype=np.float64) for k, v in init.items()}
    optimizer = Optimizer(config)
    history = {"train_loss": [], "valid_loss": []}
    batch = config["batch"]
    for _ in range(config["epochs"]):
        losses = []
        for start in range(0, x.shape[0], batch):
            out, cache = forward(layers, params, x[start:start + batch])
            value, grad = loss_and_grad(config["loss"], out, y[start:start + batch])
            losses.append(value)
            grads = {}
            for (w, b, act), (layer_in, layer_out) in zip(reversed(layers), reversed(cache)):
                grad = activation_backward(act, grad, layer_out)
                grads[w] = grad.T @ layer_in
                grads[b] = grad.sum(axis=0)
                grad = grad @ params[w]
            optimizer.step(params, grads)
        history["train_loss"].append(sum(losses) / len(losses))
        out, _ = forward(layers, params, x_valid)
        history["valid_loss"].append(loss_and_grad(config["loss"], out, y_valid)[0])
    return params, history


def mape(actual, expected):
    """Mean absolute relative error (a fraction, not percent); where expected is 0 the absolute
    error counts, as in the seeds' modified MAPE."""
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected, dtype=np.float64).ravel()
    nonzero = e != 0
    return float((np.abs((e[nonzero] - a[nonzero]) / e[nonzero]).sum()
                  + np.abs(a[~nonzero]).sum()) / e.size)
