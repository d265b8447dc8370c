#!/usr/bin/python3
"""Writes densekit's ONNX fixtures (nn-api/src/test/resources/onnx/<case>/).

Regenerate (from the repository root; needs torch, numpy and onnx, e.g. Debian's python3-torch,
python3-numpy and python3-onnx):

    /usr/bin/python3 scripts/make_onnx_fixtures.py          # write every case, then check them
    /usr/bin/python3 scripts/make_onnx_fixtures.py --check  # only read back and check

Each case is a small PyTorch nn.Sequential, seeded per case, in one of the forms an ONNX file of
such a model takes:

- "torchscript": exported by torch.onnx.export (PyTorch's TorchScript exporter, the only one in
  torch 1.13) at the case's opset, with a symbolic batch dimension. A Linear layer on a rank-2
  input exports as Gemm(x, W, b, transB=1); a module computing x @ W.t() + b exports as MatMul of
  the transposed weight (folded into an initializer) and Add; a Linear without bias exported
  without constant folding keeps a Transpose node of the weight before the MatMul.
- "dynamo_form": the form PyTorch's dynamo exporter (torch.onnx.export(dynamo=True), the default
  since 2.9) gives a Linear layer: Transpose of the weight, MatMul, Add, at opset 18, IR version 10,
  with an extra function domain imported. torch 1.13 has no dynamo exporter, so this script builds
  that graph with onnx.helper from the same PyTorch weights; it was not exported by PyTorch.

Files of a case: model.onnx; x.npy, the inputs (float64, one row holding a NaN, which flows
through as PyTorch propagates it); torch_out.npy, PyTorch's outputs in the model's dtype;
torch_out_f64.npy, PyTorch's outputs in float64 from the same weights (for float32 cases, the
reference against which the accuracy of float32 implementations is measured); state.safetensors,
the model's state_dict as PyTorch holds it; config.json (spec, dtype, form, opset, description).
There are no ONNX Runtime outputs here (there is no onnxruntime for this Python): the Java tests
run ONNX Runtime's Java API on these files and on what densekit writes.

torch runs on one thread and every case is seeded, so a rerun on the same builds writes the same
numbers (ONNX files from torch.onnx.export also carry the producer version).
"""

import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import build_model, read_safetensors, write_safetensors  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "nn-api", "src", "test", "resources", "onnx")
ROWS = 9
NAN_ROW = 4

ONNX_TYPES = {torch.float32: TensorProto.FLOAT, torch.float64: TensorProto.DOUBLE}
DTYPES = {"f32": torch.float32, "f64": torch.float64}


class MatMulLinear(nn.Module):
    """x @ W.t() + b with nn.Linear's parameters: the TorchScript exporter emits MatMul + Add."""

    def __init__(self, linear):
        super().__init__()
        self.weight = linear.weight
        self.bias = linear.bias

    def forward(self, x):
        return x @ self.weight.t() + self.bias


# name, spec, dtype, form, opset, variant, description
CASES = [
    ("mlp_f32_gemm_opset13", "6,32:tanh,32:softmax,32:sigmoid,32:relu,3", "f32", "torchscript", 13, "gemm",
     "the seed MLP, Gemm per Linear"),
    ("mlp_f64_gemm_opset17", "6,32:tanh,32:softmax,32:sigmoid,32:relu,3", "f64", "torchscript", 17, "gemm",
     "the seed MLP in float64, Gemm per Linear"),
    ("digits_f32_matmul_add_opset15", "64,16:relu,10:logsoftmax", "f32", "torchscript", 15, "matmul_add",
     "a digits-sized classifier computing x @ W.t() + b: MatMul of a folded transposed weight, then Add"),
    ("nobias_f32_transpose_matmul_opset14", "4,6:tanh,2", "f32", "torchscript", 14, "no_bias",
     "Linear(bias=False) exported without constant folding: Transpose of the weight, then MatMul"),
    ("flatten_f64_inputs_opset16", "5,8:sigmoid,4:softmax", "f64", "torchscript", 16, "flatten",
     "nn.Flatten first, initializers also listed as graph inputs (keep_initializers_as_inputs=True)"),
    ("mlp_f32_dynamo_form_opset18", "6,32:tanh,32:softmax,32:sigmoid,32:relu,3", "f32", "dynamo_form", 18, "raw",
     "the seed MLP in the form the dynamo exporter emits (built with onnx.helper), raw_data weights"),
    ("digits_f64_dynamo_form_opset18", "64,16:relu,10:logsoftmax", "f64", "dynamo_form", 18, "typed",
     "a digits-sized classifier in the dynamo exporter's form (built with onnx.helper), double_data weights"),
]


def torch_model(spec, dtype, variant, seed):
    torch.manual_seed(seed)
    model = build_model(spec, dtype)
    if variant == "matmul_add":
        model = nn.Sequential(*[MatMulLinear(m) if isinstance(m, nn.Linear) else m for m in model])
    elif variant == "no_bias":
        for m in model:
            if isinstance(m, nn.Linear):
                m.bias = None
    elif variant == "flatten":
        model = nn.Sequential(nn.Flatten(), *model)
    return model.eval()


def inputs(width, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((ROWS, width))
    x[NAN_ROW, width // 2] = np.nan
    return x


def export_torchscript(model, x, path, opset, variant):
    torch.onnx.export(model, x[:2], path, opset_version=opset, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                      do_constant_folding=variant != "no_bias",
                      keep_initializers_as_inputs=variant == "flatten")


def dynamo_form(model, dtype, path, variant):
    """Transpose(W) -> MatMul -> Add per Linear, activations as nodes, names as the dynamo
    exporter gives them (node_linear, val_0, ...), a symbolic batch 's0', IR 10, opset 18."""
    elem = ONNX_TYPES[dtype]
    nodes, inits, value_infos = [], [], []
    current, width, counter = "x", None, 0
    for index, m in enumerate(model):
        suffix = "" if counter == 0 else f"_{counter}"
        if isinstance(m, nn.Linear):
            w = m.weight.detach().numpy()
            b = m.bias.detach().numpy()
            width = width or w.shape[1]
            for name, array in ((f"{index}.weight", w), (f"{index}.bias", b)):
                if variant == "raw":
                    inits.append(numpy_helper.from_array(array, name))
                else:
                    inits.append(helper.make_tensor(name, elem, array.shape, array.flatten().tolist(), raw=False))
            t, mm, out = f"val_t{suffix}", f"val_mm{suffix}", f"linear{suffix}"
            nodes += [helper.make_node("Transpose", [f"{index}.weight"], [t], name=f"node_Transpose{suffix}", perm=[1, 0]),
                      helper.make_node("MatMul", [current, t], [mm], name=f"node_MatMul{suffix}"),
                      helper.make_node("Add", [mm, f"{index}.bias"], [out], name=f"node_linear{suffix}")]
            value_infos.append(helper.make_tensor_value_info(out, elem, ["s0", w.shape[0]]))
            current, counter = out, counter + 1
        else:
            op = {nn.Tanh: "Tanh", nn.Sigmoid: "Sigmoid", nn.ReLU: "Relu", nn.Softmax: "Softmax",
                  nn.LogSoftmax: "LogSoftmax"}[type(m)]
            out = f"{op.lower()}{suffix}"
            attrs = {"axis": 1} if op in ("Softmax", "LogSoftmax") else {}
            nodes.append(helper.make_node(op, [current], [out], name=f"node_{op}{suffix}", **attrs))
            current = out
    nodes[-1].output[0] = "output"
    out_width = [m for m in model if isinstance(m, nn.Linear)][-1].weight.shape[0]
    graph = helper.make_graph(nodes, "main_graph", [helper.make_tensor_value_info("x", elem, ["s0", width])],
                              [helper.make_tensor_value_info("output", elem, ["s0", out_width])], inits,
                              value_info=[v for v in value_infos if v.name != current and v.name != "output"])
    onnx_model = helper.make_model(graph, ir_version=10, producer_name="pytorch", producer_version="2.9.0",
                                   opset_imports=[helper.make_opsetid("", 18),
                                                  helper.make_opsetid("pkg.onnxscript.torch_lib.common", 1)])
    onnx.save(onnx_model, path)


def write_case(name, spec, dtype_name, form, opset, variant, description, seed):
    folder = os.path.join(OUT_DIR, name)
    os.makedirs(folder, exist_ok=True)
    dtype = DTYPES[dtype_name]
    model = torch_model(spec, dtype, variant, seed)
    x = inputs(int(spec.split(",")[0]), seed)
    path = os.path.join(folder, "model.onnx")
    with torch.no_grad():
        if form == "torchscript":
            export_torchscript(model, torch.from_numpy(x).to(dtype), path, opset, variant)
        else:
            dynamo_form(model, dtype, path, variant)
        out = model(torch.from_numpy(x).to(dtype)).numpy()
        out64 = model.to(torch.float64)(torch.from_numpy(x)).numpy()
        model.to(dtype)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    np.save(os.path.join(folder, "x.npy"), x, allow_pickle=False)
    np.save(os.path.join(folder, "torch_out.npy"), np.ascontiguousarray(out), allow_pickle=False)
    np.save(os.path.join(folder, "torch_out_f64.npy"), np.ascontiguousarray(out64), allow_pickle=False)
    write_safetensors(os.path.join(folder, "state.safetensors"), state,
                      {"case": name, "seed": seed, "torch": torch.__version__})
    config = {"model": spec, "dtype": dtype_name, "form": form, "opset": opset, "seed": seed,
              "bias": variant != "no_bias", "description": description,
              "torch": torch.__version__, "onnx": onnx.__version__}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def ops(model):
    return sorted({n.op_type for n in model.graph.node})


def check_case(name, spec, dtype_name, form, opset, variant, description, seed):
    """The file passes onnx.checker, imports the stated opset, and numpy's forward pass over its
    initializers (an implementation independent of PyTorch) gives PyTorch's outputs."""
    folder = os.path.join(OUT_DIR, name)
    model = onnx.load(os.path.join(folder, "model.onnx"))
    # onnx 1.12's checker knows IR versions up to 8; the opsets used here are all valid at IR 8.
    checked = onnx.ModelProto()
    checked.CopyFrom(model)
    checked.ir_version = min(checked.ir_version, 8)
    onnx.checker.check_model(checked)
    default = [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")]
    assert default == [opset], (name, default)
    x = np.load(os.path.join(folder, "x.npy"))
    out = np.load(os.path.join(folder, "torch_out.npy"))
    out64 = np.load(os.path.join(folder, "torch_out_f64.npy"))
    state, _ = read_safetensors(os.path.join(folder, "state.safetensors"))
    assert out.dtype == (np.float32 if dtype_name == "f32" else np.float64), name
    assert np.isnan(out[NAN_ROW]).any() and not np.isnan(np.delete(out, NAN_ROW, 0)).any(), name
    ref = numpy_forward(spec, state, x)
    finite = ~np.isnan(ref)
    assert np.array_equal(np.isnan(ref), np.isnan(out64)), name
    gap = np.max(np.abs(ref[finite] - out64[finite]) / np.maximum(np.abs(out64[finite]), 1e-300))
    assert gap < 1e-12, (name, gap)
    f32_gap = np.mean(np.abs(out[finite] - out64[finite]) / np.maximum(np.abs(out64[finite]), 1e-300))
    print(f"{name:38s} {form:12s} opset {opset}  ops {','.join(ops(model)):42s} "
          f"{os.path.getsize(os.path.join(folder, 'model.onnx')):6d} B  numpy vs torch f64 {gap:.1e}"
          + (f"  torch f32 MAPE vs f64 {f32_gap:.1e}" if dtype_name == "f32" else ""))


def numpy_forward(spec, state, x):
    acts = {"tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "relu": lambda z: np.where(z > 0, z, z * 0),
            "softmax": lambda z: np.exp(z - z.max(1, keepdims=True)) / np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True),
            "logsoftmax": lambda z: (z - z.max(1, keepdims=True)) - np.log(np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True))}
    weights = [k for k in state if k.endswith(".weight")]
    a = x.astype(np.float64)
    for layer, key in zip(spec.split(",")[1:], weights):
        w = state[key].astype(np.float64)
        bias_key = key[:-len("weight")] + "bias"
        a = a @ w.T + (state[bias_key].astype(np.float64) if bias_key in state else 0)
        _, _, act = layer.partition(":")
        if act:
            a = acts[act](a)
    return a


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only read back and check the fixtures")
    args = parser.parse_args()
    torch.set_num_threads(1)
    for seed, case in enumerate(CASES):
        if not args.check:
            write_case(*case, seed)
        check_case(*case, seed)


if __name__ == "__main__":
    main()
