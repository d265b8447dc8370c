#!/usr/bin/env python3
"""The driver and densekit's kernel module, without Java: the first step of
scripts/gpu-first-contact.sh.

Through ctypes on libcuda alone (no toolkit, no PyTorch): the device, then each form of the module
(the PTX and every shipped cubin) loaded with cuModuleLoadDataEx and its JIT info and error logs,
every entry point looked up in each form that loaded, and four kernels run and checked against
values computed here: an element-wise kernel with device math (dk_bias_act_forward_f32, tanh), a
row kernel with a shared-memory reduction and exp (dk_bias_softmax_forward_f64), the 2-D
column-sum kernel (dk_column_sums_f64) and the one-block sum (dk_sum_div).

Prints PASS / FAIL / INFO lines; exit status 0 when nothing failed. Must fail: the PTX does not
load, the cubin of the device's family does not load, an entry point is missing, a kernel's result
is beyond its rounding bound. A cubin of another family being refused is INFO (that is the
driver's rule).

Usage: driver_probe.py --libcuda PATH [--resources DIR]
"""
import argparse
import array
import ctypes
import gzip
import math
import os
import random
import re
import struct
import sys
import time

U64 = ctypes.c_uint64
CU_JIT_WALL_TIME, CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 2, 3, 4
CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CU_JIT_LOG_VERBOSE = 5, 6, 12
CU_FUNC_ATTRIBUTE_NUM_REGS, CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES = 4, 3
LOG_BYTES = 1 << 16

failures = []


def report(verdict, text):
    print("%s %s" % (verdict, text), flush=True)
    if verdict == "FAIL":
        failures.append(text)


class Driver:
    def __init__(self, path):
        self.lib = ctypes.CDLL(path)

    def name(self, code):
        s = ctypes.c_char_p()
        try:
            if self.lib.cuGetErrorName(code, ctypes.byref(s)) == 0 and s.value:
                return "%s (%d)" % (s.value.decode(), code)
        except AttributeError:
            pass
        return "CUresult %d" % code

    def call(self, fn, *args):
        r = getattr(self.lib, fn)(*args)
        if r != 0:
            raise RuntimeError("%s failed: %s" % (fn, self.name(r)))


def device_facts(d):
    d.call("cuInit", 0)
    v = ctypes.c_int()
    d.call("cuDriverGetVersion", ctypes.byref(v))
    n = ctypes.c_int()
    d.call("cuDeviceGetCount", ctypes.byref(n))
    dev = ctypes.c_int()
    d.call("cuDeviceGet", ctypes.byref(dev), 0)
    name = ctypes.create_string_buffer(256)
    d.call("cuDeviceGetName", name, 256, dev)
    major, minor = ctypes.c_int(), ctypes.c_int()
    d.call("cuDeviceGetAttribute", ctypes.byref(major), 75, dev)
    d.call("cuDeviceGetAttribute", ctypes.byref(minor), 76, dev)
    total = ctypes.c_size_t()
    d.call("cuDeviceTotalMem_v2", ctypes.byref(total), dev)
    report("INFO", "driver CUDA %d.%d, %d device(s); cuda:0 %s, sm_%d%d, %.1f GiB" % (
        v.value // 1000, v.value % 1000 // 10, n.value, name.value.decode(), major.value, minor.value,
        total.value / 2 ** 30))
    return dev, major.value * 10 + minor.value


def load(d, image):
    """cuModuleLoadDataEx with JIT logs: (module or None, status, info log, error log, wall ms)."""
    info = ctypes.create_string_buffer(LOG_BYTES)
    error = ctypes.create_string_buffer(LOG_BYTES)
    options = (ctypes.c_int * 6)(CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES, CU_JIT_ERROR_LOG_BUFFER,
                                 CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CU_JIT_LOG_VERBOSE, CU_JIT_WALL_TIME)
    values = (ctypes.c_void_p * 6)(ctypes.cast(info, ctypes.c_void_p), LOG_BYTES, ctypes.cast(error, ctypes.c_void_p),
                                   LOG_BYTES, 1, 0)
    module = ctypes.c_void_p()
    buf = ctypes.create_string_buffer(image, len(image))
    status = d.lib.cuModuleLoadDataEx(ctypes.byref(module), buf, 6, options, values)
    wall = struct.unpack("<f", struct.pack("<I", (values[5] or 0) & 0xffffffff))[0]
    return (module if status == 0 else None, status, info.value.decode(errors="replace").strip(),
            error.value.decode(errors="replace").strip(), wall)


def forms(resources):
    ptx = open(os.path.join(resources, "densekit_kernels.ptx"), "rb").read()
    out = [("PTX", 75, ptx + b"\0")]
    listing = os.path.join(resources, "densekit_kernels.cubins")
    if os.path.exists(listing):
        for line in open(listing):
            if line.strip() and not line.startswith("#"):
                arch, resource = line.split()
                out.append(("cubin", int(arch[3:]), gzip.open(os.path.join(resources, resource)).read()))
    return out, re.findall(rb"^\.visible \.entry ([A-Za-z0-9_]+)\(", ptx, re.M)


def cubin_runs_on(arch, cc):
    return arch // 10 == cc // 10 and arch % 10 <= cc % 10


def function(d, module, name):
    f = ctypes.c_void_p()
    r = d.lib.cuModuleGetFunction(ctypes.byref(f), module, name.encode() if isinstance(name, str) else name)
    return f if r == 0 else None


def function_resources(d, f):
    regs, local = ctypes.c_int(), ctypes.c_int()
    if d.lib.cuFuncGetAttribute(ctypes.byref(regs), CU_FUNC_ATTRIBUTE_NUM_REGS, f) != 0:
        return None
    d.lib.cuFuncGetAttribute(ctypes.byref(local), CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES, f)
    return regs.value, local.value


class Device:
    """Device buffers and launches on one stream."""

    def __init__(self, d):
        self.d = d
        self.stream = ctypes.c_void_p()
        d.call("cuStreamCreate", ctypes.byref(self.stream), 1)
        self.buffers = []

    def upload(self, arr):
        p = U64()
        nbytes = max(1, len(arr) * arr.itemsize)
        self.d.call("cuMemAlloc_v2", ctypes.byref(p), ctypes.c_size_t(nbytes))
        self.buffers.append(p)
        if len(arr):
            src = (ctypes.c_char * nbytes).from_buffer(arr)
            self.d.call("cuMemcpyHtoDAsync_v2", p, src, ctypes.c_size_t(nbytes), self.stream)
        return p

    def download(self, p, typecode, n):
        out = array.array(typecode, bytes(n * array.array(typecode).itemsize))
        dst = (ctypes.c_char * (n * out.itemsize)).from_buffer(out)
        self.d.call("cuMemcpyDtoHAsync_v2", dst, p, ctypes.c_size_t(n * out.itemsize), self.stream)
        self.d.call("cuStreamSynchronize", self.stream)
        return out

    def launch(self, f, grid, block, *args):
        params = (ctypes.c_void_p * len(args))(*[ctypes.cast(ctypes.byref(a), ctypes.c_void_p) for a in args])
        self.d.call("cuLaunchKernel", f, grid[0], grid[1], 1, block[0], block[1], 1, 0, self.stream, params, None)
        self.d.call("cuStreamSynchronize", self.stream)

    def close(self):
        for p in self.buffers:
            self.d.lib.cuMemFree_v2(p)
        self.d.lib.cuStreamDestroy_v2(self.stream)


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def worst(got, expected, bound):
    return max(abs(g - e) / b for g, e, b in zip(got, expected, bound))


def check_kernels(d, module, label):
    dev = Device(d)
    rng = random.Random(5)
    u32, u64 = 2.0 ** -24, 2.0 ** -53
    try:
        # dk_bias_act_forward_f32(z, bias, a, rows, cols, act = 3 tanh): element-wise, device tanhf
        rows, cols = 37, 29
        z = array.array("f", [rng.uniform(-3, 3) for _ in range(rows * cols)])
        b = array.array("f", [rng.uniform(-1, 1) for _ in range(cols)])
        a = dev.upload(array.array("f", bytes(4 * rows * cols)))
        dev.launch(function(d, module, "dk_bias_act_forward_f32"), ((rows * cols + 255) // 256, 1), (256, 1),
                   dev.upload(z), dev.upload(b), a, ctypes.c_int(rows), ctypes.c_int(cols), ctypes.c_int(3))
        exp = [math.tanh(f32(z[i] + b[i % cols])) for i in range(rows * cols)]
        got = dev.download(a, "f", rows * cols)
        w = worst(got, exp, [8 * u32 * max(abs(e), 1e-30) for e in exp])  # tanhf within 2 ulps
        report("PASS" if w <= 1 else "FAIL", "%s dk_bias_act_forward_f32 tanh %dx%d: worst error %.3g of its bound" % (
            label, rows, cols, w))

        # dk_bias_softmax_forward_f64(z, bias, a, rows, cols): a row kernel (shared memory, exp)
        rows, cols = 19, 300
        z = array.array("d", [rng.uniform(-5, 5) for _ in range(rows * cols)])
        a = dev.upload(array.array("d", bytes(8 * rows * cols)))
        dev.launch(function(d, module, "dk_bias_softmax_forward_f64"), (rows, 1), (256, 1),
                   dev.upload(z), U64(0), a, ctypes.c_int(rows), ctypes.c_int(cols))
        exp = []
        for r in range(rows):
            row = z[r * cols:(r + 1) * cols]
            m = max(row)
            e = [math.exp(x - m) for x in row]
            s = math.fsum(e)
            exp += [x / s for x in e]
        got = dev.download(a, "d", rows * cols)
        w = worst(got, exp, [(cols + 8) * u64 * e for e in exp])
        report("PASS" if w <= 1 else "FAIL", "%s dk_bias_softmax_forward_f64 %dx%d: worst error %.3g of its bound" % (
            label, rows, cols, w))

        # dk_column_sums_f64(g, out, rows, cols): block (32, 8), one block column per 32 columns
        rows, cols = 1000, 45
        g = array.array("d", [rng.uniform(-1, 1) for _ in range(rows * cols)])
        out = dev.upload(array.array("d", bytes(8 * cols)))
        dev.launch(function(d, module, "dk_column_sums_f64"), ((cols + 31) // 32, 1), (32, 8),
                   dev.upload(g), out, ctypes.c_int(rows), ctypes.c_int(cols))
        exp = [math.fsum(g[r * cols + c] for r in range(rows)) for c in range(cols)]
        bound = [rows * u64 * math.fsum(abs(g[r * cols + c]) for r in range(rows)) for c in range(cols)]
        w = worst(dev.download(out, "d", cols), exp, bound)
        report("PASS" if w <= 1 else "FAIL", "%s dk_column_sums_f64 %dx%d: worst error %.3g of its bound" % (
            label, rows, cols, w))

        # dk_sum_div(x, out, n, divisor): exactly one block
        n = 5000
        x = array.array("d", [rng.uniform(-1, 1) for _ in range(n)])
        out = dev.upload(array.array("d", bytes(8)))
        dev.launch(function(d, module, "dk_sum_div"), (1, 1), (256, 1), dev.upload(x), out, ctypes.c_int(n),
                   ctypes.c_double(7.0))
        exp = math.fsum(x) / 7.0
        w = worst(dev.download(out, "d", 1), [exp], [(n + 1) * u64 * math.fsum(abs(v) for v in x) / 7.0])
        report("PASS" if w <= 1 else "FAIL", "%s dk_sum_div n=%d: worst error %.3g of its bound" % (label, n, w))
    except RuntimeError as e:
        report("FAIL", "%s kernel checks: %s" % (label, e))
    finally:
        dev.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--libcuda", required=True)
    ap.add_argument("--resources", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                        "kernels-cuda/src/main/resources/io/densekit/cuda"))
    args = ap.parse_args()
    try:
        d = Driver(args.libcuda)
        dev, cc = device_facts(d)
        ctx = ctypes.c_void_p()
        d.call("cuDevicePrimaryCtxRetain", ctypes.byref(ctx), dev)
        d.call("cuCtxSetCurrent", ctx)
    except (OSError, RuntimeError, AttributeError) as e:
        report("FAIL", "the driver (%s): %s" % (args.libcuda, e))
        return 1
    images, entries = forms(args.resources)
    loaded = []
    report("INFO", "the PTX declares %d entry points" % len(entries))
    for kind, arch, image in images:
        label = "PTX" if kind == "PTX" else "sm_%d cubin" % arch
        t0 = time.perf_counter()
        module, status, info, error, wall = load(d, image)
        seconds = time.perf_counter() - t0
        print("--- %s: JIT info log ---\n%s\n--- %s: JIT error log ---\n%s" % (label, info, label, error))
        if module is None:
            expected_refusal = kind == "cubin" and not cubin_runs_on(arch, cc)
            report("INFO" if expected_refusal else "FAIL", "%s refused: %s%s" % (
                label, d.name(status), "; JIT error log: " + error.replace("\n", " | ") if error else ""))
            continue
        report("PASS", "%s loaded in %.3f s (JIT wall time %.1f ms)" % (label, seconds, wall))
        loaded.append(label)
        found = [e for e in entries if function(d, module, e) is not None]
        missing = sorted(set(e.decode() for e in entries) - set(e.decode() for e in found))
        report("PASS" if not missing else "FAIL", "%s: %d of %d entry points found%s" % (
            label, len(found), len(entries), "; missing: " + ", ".join(missing) if missing else ""))
        if found and function_resources(d, function(d, module, found[0])) is not None:
            print("%s registers / local bytes per thread: %s" % (label, ", ".join(
                "%s %d/%d" % ((e.decode(),) + function_resources(d, function(d, module, e))) for e in found)))
        check_kernels(d, module, label)
        d.lib.cuModuleUnload(module)
    d.lib.cuDevicePrimaryCtxRelease_v2(dev)
    report("PASS" if not failures else "FAIL", "%s loaded on sm_%d; %d failure(s)%s" % (
        " and ".join(loaded) or "nothing", cc, len(failures), ": " + failures[0] if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
