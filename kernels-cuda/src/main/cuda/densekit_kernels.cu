// The densekit CUDA kernels: one translation unit, so one PTX module
// (io/densekit/cuda/densekit_kernels.ptx). Kernel names, signatures and launch geometry: README.md.
// Build: scripts/build-ptx.sh.
#include "common.cuh"
#include "activations.cuh"
#include "softmax.cuh"
#include "losses.cuh"
#include "reduce.cuh"
#include "optim.cuh"
#include "gather.cuh"
