#!/usr/bin/python3
"""Writes the small interop fixtures the io tests read: .npy files written by numpy, safetensors
files holding PyTorch tensors, CSV files written by numpy.savetxt and IDX files (the MNIST format).

Run with a Python that has numpy and torch (on the dev machine: /usr/bin/python3):
    /usr/bin/python3 scripts/make_format_fixtures.py [OUT_DIR]
OUT_DIR defaults to nn-api/src/test/resources/io. The output is deterministic (gzip mtime 0),
so re-running it leaves git clean. The values are fixed literals that the Java tests repeat.

The safetensors package is not installed here, so safetensors files are written by
write_safetensors below, following the format as the reference implementation writes it:
u64 little-endian header length, compact JSON header (__metadata__ first, then the tensors in
data order), padded with spaces to a multiple of 8 bytes, then the raw little-endian data.
"""
import gzip
import io
import json
import os
import struct
import sys

import numpy as np
import torch


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, dtype string, shape, raw little-endian bytes), in data order."""
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    offset = 0
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape),
                        "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for _, _, _, raw in tensors:
            f.write(raw)


def torch_entry(name, t):
    """A safetensors entry from a torch tensor, bytes taken the way safetensors.torch does."""
    dtype = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16",
             torch.bfloat16: "BF16", torch.int64: "I64"}[t.dtype]
    t = t.contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: take the raw 16-bit patterns
        raw = t.view(torch.int16).numpy().astype("<i2").tobytes()
    else:
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
    return (name, dtype, tuple(t.shape), raw)


def write_idx(path, array, code, compress=False):
    a = np.ascontiguousarray(array)
    data = struct.pack(">BBBB", 0, 0, code, a.ndim) + struct.pack(">" + "I" * a.ndim, *a.shape)
    data += a.astype(a.dtype.newbyteorder(">")).tobytes()
    if compress:
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def gzip_bytes(path, data):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
        f.write(data)


def npy_fixtures(out):
    p = lambda name: os.path.join(out, name)
    np.save(p("f32_2x3.npy"), np.array([[0.0, -1.5, 2.25], [3.0e-8, 1.0e30, -0.0]], dtype=np.float32))
    np.save(p("f64_5.npy"), np.array([0.1, -2.5, 1e-300, 5e-324, 1.7976931348623157e308]))
    np.save(p("i32_2x2.npy"), np.array([[1, -2], [2147483647, -2147483648]], dtype=np.int32))
    np.save(p("i64_4.npy"), np.array([0, -1, 2**53, -2**62], dtype=np.int64))
    np.save(p("u8_3.npy"), np.array([0, 128, 255], dtype=np.uint8))
    np.save(p("i8_3.npy"), np.array([-128, 0, 127], dtype=np.int8))
    np.save(p("f16_3.npy"), np.array([1.0, -0.5, 65504.0], dtype=np.float16))
    np.save(p("f64_be_2x2.npy"), np.array([[1.5, -2.0], [3.0, 4.25]], dtype=">f8"))
    v = np.array([[1.0, 2.0], [3.0, 4.5]], dtype=np.float32)
    for version in [(2, 0), (3, 0)]:
        with open(p("f32_v%d.npy" % version[0]), "wb") as f:
            np.lib.format.write_array(f, v, version=version)
    np.save(p("f64_fortran_2x3.npy"), np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)))
    np.save(p("f64_2x3x4.npy"), np.arange(24, dtype=np.float64).reshape(2, 3, 4))
    np.save(p("f64_scalar.npy"), np.float64(2.5))
    np.save(p("f64_0x3.npy"), np.zeros((0, 3)))
    np.save(p("bool_2.npy"), np.array([True, False]))
    np.save(p("structured_2.npy"), np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))


def safetensors_fixtures(out):
    # A PyTorch nn.Sequential(Linear(2, 3), Tanh(), Linear(3, 1)) with known weights, float32.
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.5, -1.0], [0.25, 2.0], [-0.125, 0.0]]))
        model[0].bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
        model[2].weight.copy_(torch.tensor([[1.0, -2.0, 3.0]]))
        model[2].bias.copy_(torch.tensor([-0.5]))
    sd = model.state_dict()
    write_safetensors(os.path.join(out, "torch_mlp_f32.safetensors"),
                      [torch_entry(k, v) for k, v in sd.items()], {"format": "pt"})
    write_safetensors(os.path.join(out, "torch_mlp_f64.safetensors"),
                      [torch_entry(k, v.double()) for k, v in sd.items()])
    half = torch.tensor([[1.0, -0.5], [65504.0, 2.0 ** -24]], dtype=torch.float16)
    bf = torch.tensor([1.0, -3.0, 2.0 ** 100], dtype=torch.bfloat16)
    write_safetensors(os.path.join(out, "torch_f16_bf16.safetensors"),
                      [torch_entry("half", half), torch_entry("brain", bf)])
    write_safetensors(os.path.join(out, "torch_i64.safetensors"),
                      [torch_entry("steps", torch.tensor([1, 2, 3], dtype=torch.int64))])


def csv_fixtures(out):
    a = np.array([[1.5, -2.0, 0.1], [3e-5, 4.0, -1e10]])
    np.savetxt(os.path.join(out, "savetxt.csv"), a, delimiter=",")
    np.savetxt(os.path.join(out, "savetxt_comment_header.csv"), a, delimiter=",", header="a,b,c")
    np.savetxt(os.path.join(out, "savetxt_header.csv"), a, delimiter=",", header="a,b,c", comments="")
    buf = io.StringIO()
    np.savetxt(buf, a, delimiter=",")
    gzip_bytes(os.path.join(out, "savetxt.csv.gz"), buf.getvalue().encode())
    gzip_bytes(os.path.join(out, "gzipped_without_gz_name.csv"), buf.getvalue().encode())


def idx_fixtures(out):
    images = np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 10  # 0, 10, ..., 230
    write_idx(os.path.join(out, "images_u8_2x3x4.idx"), images, 0x08)
    write_idx(os.path.join(out, "images_u8_2x3x4.idx.gz"), images, 0x08, compress=True)
    write_idx(os.path.join(out, "images_gzipped_without_gz_name.idx"), images, 0x08, compress=True)
    write_idx(os.path.join(out, "labels_u8_5.idx"), np.array([7, 2, 1, 0, 9], dtype=np.uint8), 0x08)
    write_idx(os.path.join(out, "i16_3.idx"), np.array([-300, 0, 32767], dtype=np.int16), 0x0B)
    write_idx(os.path.join(out, "i32_2x2.idx"), np.array([[-7, 1 << 30], [0, 5]], dtype=np.int32), 0x0C)
    write_idx(os.path.join(out, "f32_3.idx"), np.array([0.5, -1.25, 1e-3], dtype=np.float32), 0x0D)
    write_idx(os.path.join(out, "f64_2x2.idx"), np.array([[0.1, -0.2], [1e300, 0.0]]), 0x0E)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "nn-api", "src", "test", "resources", "io")
    os.makedirs(out, exist_ok=True)
    npy_fixtures(out)
    safetensors_fixtures(out)
    csv_fixtures(out)
    idx_fixtures(out)
    print("wrote fixtures to", os.path.normpath(out))


if __name__ == "__main__":
    main()
