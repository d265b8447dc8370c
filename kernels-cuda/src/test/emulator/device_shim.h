// Lets densekit's CUDA C (kernels-cuda/src/main/cuda) compile as host C++ for the CPU emulator.
//
// A launch runs the grid's blocks one after another; each block's threads are fibers on one OS
// thread (fiber.h). A thread runs until it finishes or reaches __syncthreads(), which yields to the
// next thread of the block; once every thread has arrived, all resume. So shared memory can be
// plain static storage (one block at a time), atomics need no locking, and a kernel whose threads
// do not all reach the same barriers hangs here as it would on a GPU (the scheduler detects it).
#pragma once

#include <climits>
#include <cmath>
#include <cstdint>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};
using uint3 = dim3;

namespace emu {
// The running thread's coordinates, set by the scheduler before it switches to the thread's fiber.
extern uint3 threadIdx, blockIdx;
extern dim3 blockDim, gridDim;
void syncthreads();
}  // namespace emu

using emu::blockDim;
using emu::blockIdx;
using emu::gridDim;
using emu::threadIdx;

inline void __syncthreads() { emu::syncthreads(); }

// Fibers of one block never run at the same time, so a plain read-modify-write is atomic.
inline int atomicMin(int* address, int value) {
    int old = *address;
    if (value < old) {
        *address = value;
    }
    return old;
}

using std::ceil;
using std::exp;
using std::fmax;
using std::log;
using std::log1p;
using std::rint;
using std::sqrt;
using std::tanh;
