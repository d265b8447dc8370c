#!/usr/bin/env python3
"""Writes the CUresult table the cuda kernel names driver errors by, from a toolkit's cuda.h.

Usage: kernels-cuda/scripts/cuda-result-names.py [/usr/local/cuda/include/cuda.h]
"""
import os
import re
import sys

header = sys.argv[1] if len(sys.argv) > 1 else "/usr/local/cuda/include/cuda.h"
text = open(header).read()
enum = re.search(r"typedef enum cudaError_enum \{(.*?)\} CUresult;", text, re.S)
version = int(re.search(r"#define CUDA_VERSION (\d+)", text).group(1))
codes = re.findall(r"(CUDA_\w+)\s*=\s*(\d+)", enum.group(1))
out = os.path.join(os.path.dirname(__file__), "..", "src/main/resources/io/densekit/kernel/cuda/driver/cuda-result-names.txt")
with open(out, "w") as f:
    f.write("# CUresult codes and names, from the CUDA %d.%d toolkit's cuda.h (enum cudaError_enum).\n"
            % (version // 1000, version % 1000 // 10))
    f.write("# Regenerate with kernels-cuda/scripts/cuda-result-names.py when a toolkit adds codes.\n")
    for name, code in codes:
        f.write("%s %s\n" % (code, name))
print("wrote %d codes to %s" % (len(codes), os.path.normpath(out)))
