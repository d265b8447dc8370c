#!/usr/bin/python3
"""Checks that numpy and PyTorch read the files densekit's Java writers produced.

    /usr/bin/python3 scripts/check_format_interop.py DIR

DIR holds the files PythonInteropTest (nn-api) writes; the expected values are recomputed here
with the same formulas. Exit code 0: all read back exactly; 1: a mismatch (printed);
77: numpy or torch is not installed, so nothing could be checked.

The safetensors package is not installed on the dev machine, so safetensors files are read by
read_safetensors below (the format's own rules) and handed to torch via torch.frombuffer, then
loaded into an nn.Sequential with load_state_dict(strict=True), as a user would.
"""
import json
import os
import struct
import sys

try:
    import numpy as np
    import torch
except ImportError as e:  # pragma: no cover
    print("skipped: %s" % e)
    sys.exit(77)

np.set_printoptions(precision=17)
TORCH_DTYPES = {"F32": torch.float32, "F64": torch.float64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0, "header length %d is not a multiple of 8" % n
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = {}
    end = 0
    for name, info in header.items():
        begin, stop = info["data_offsets"]
        assert begin == end, "%s starts at %d, expected %d" % (name, begin, end)
        end = stop
        t = torch.frombuffer(bytearray(body[begin:stop]), dtype=TORCH_DTYPES[info["dtype"]])
        tensors[name] = t.reshape(info["shape"])
    assert end == len(body), "tensors cover %d bytes of %d" % (end, len(body))
    return tensors, metadata


def expect_equal(what, actual, expected):
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    if actual.dtype != expected.dtype or actual.shape != expected.shape or not np.array_equal(actual, expected):
        raise AssertionError("%s: got %s %s %s, expected %s %s %s" % (
            what, actual.dtype, actual.shape, actual, expected.dtype, expected.shape, expected))


def model_values(dtype):
    """The state dict PythonInteropTest writes: value k of the whole dict is (k - 4) * 0.125."""
    shapes = [("0.weight", (3, 2)), ("0.bias", (3,)), ("2.weight", (1, 3)), ("2.bias", (1,))]
    out, k = {}, 0
    for name, shape in shapes:
        n = int(np.prod(shape))
        out[name] = ((np.arange(k, k + n) - 4) * 0.125).astype(dtype).reshape(shape)
        k += n
    return out


def check(d):
    p = lambda name: os.path.join(d, name)
    expect_equal("java_f32_3x5.npy", np.load(p("java_f32_3x5.npy")),
                 ((np.arange(15) - 7) * 0.125).astype(np.float32).reshape(3, 5))
    expect_equal("java_f64_17.npy", np.load(p("java_f64_17.npy")), np.arange(17) * 0.1)
    expect_equal("java_i64_4.npy", np.load(p("java_i64_4.npy")),
                 np.array([0, -1, 2**40, -2**62], dtype=np.int64))
    expect_equal("java_i32_2x3.npy", np.load(p("java_i32_2x3.npy")),
                 np.array([[1, -2, 3], [2**31 - 1, -2**31, 0]], dtype=np.int32))

    csv_expected = np.ldexp((np.arange(12) - 5) * 0.3, np.arange(12) % 40 - 20).reshape(4, 3)
    expect_equal("java.csv", np.loadtxt(p("java.csv"), delimiter=",", ndmin=2), csv_expected)
    expect_equal("java.csv.gz", np.loadtxt(p("java.csv.gz"), delimiter=",", ndmin=2), csv_expected)

    for name, np_dtype, torch_dtype in [("java_model_f32.safetensors", np.float32, torch.float32),
                                        ("java_model_f64.safetensors", np.float64, torch.float64)]:
        tensors, metadata = read_safetensors(p(name))
        assert list(tensors) == ["0.weight", "0.bias", "2.weight", "2.bias"], list(tensors)
        assert metadata == {"format": "pt"}, metadata
        for key, value in model_values(np_dtype).items():
            expect_equal(name + " " + key, tensors[key].numpy(), value)
        model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1)).to(torch_dtype)
        model.load_state_dict(tensors, strict=True)
        with torch.no_grad():
            y = model(torch.tensor([[1.0, -1.0]], dtype=torch_dtype))
        assert torch.isfinite(y).all(), y
    print("numpy %s and torch %s read every file" % (np.__version__, torch.__version__))


if __name__ == "__main__":
    try:
        check(sys.argv[1])
    except AssertionError as e:
        print("MISMATCH:", e)
        sys.exit(1)
