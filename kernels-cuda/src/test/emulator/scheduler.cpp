// Runs one kernel launch on the CPU: blocks one after another, each block's threads as fibers that
// switch only at __syncthreads() (see device_shim.h). x86-64 only: the context switch below saves
// the System V callee-saved registers and swaps stacks, a few nanoseconds per switch (glibc's
// swapcontext makes a system call per switch, too slow for one fiber per CUDA thread).
#include "scheduler.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "device_shim.h"
#include "kernels.h"

#if !defined(__x86_64__)
#error "the densekit CUDA emulator's fibers are written for x86-64"
#endif

extern "C" void emu_switch(void** save_sp, void* to_sp);
asm(R"(
    .text
    .globl emu_switch
    .hidden emu_switch
    .type emu_switch,@function
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size emu_switch, .-emu_switch
)");

namespace emu {

uint3 threadIdx, blockIdx;
dim3 blockDim, gridDim;

namespace {

constexpr size_t kStackBytes = 64 * 1024;
constexpr size_t kGuardBytes = 4096;

struct Fiber {
    char* stack = nullptr;  // lowest address of the usable stack (a guard page lies below)
    void* sp = nullptr;
    bool done = false;
    bool waiting = false;
    uint3 tid;
};

std::vector<Fiber> fibers;
void* scheduler_sp = nullptr;
size_t current = 0;
size_t block_threads = 0;  // fibers of the block being run
const KernelInfo* current_kernel = nullptr;
void** current_params = nullptr;

std::unordered_map<std::string, KernelInfo>& registry() {
    static std::unordered_map<std::string, KernelInfo> r;
    return r;
}

// The first fiber at or after i that has not returned, or block_threads.
size_t next_live(size_t i) {
    while (i < block_threads && fibers[i].done) {
        i++;
    }
    return i;
}

// Makes fiber i the running thread and returns its stack.
void* enter(size_t i) {
    current = i;
    fibers[i].waiting = false;
    threadIdx = fibers[i].tid;
    return fibers[i].sp;
}

// Leaves the current fiber (at a barrier or at its end) for the next live one of this pass, or for
// the scheduler after the last: one switch per thread and pass instead of two through the scheduler.
void yield_to_next() {
    size_t from = current;
    size_t to = next_live(from + 1);
    emu_switch(&fibers[from].sp, to < block_threads ? enter(to) : scheduler_sp);
}

[[noreturn]] void fiber_entry() {
    current_kernel->invoke(current_kernel->fn, current_params);
    fibers[current].done = true;
    yield_to_next();
    std::abort();  // a finished fiber is never resumed
}

char* new_stack() {
    void* p = mmap(nullptr, kStackBytes + kGuardBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        std::perror("densekit cuda emulator: mmap of a fiber stack");
        std::abort();
    }
    mprotect(p, kGuardBytes, PROT_NONE);  // a stack overflow faults instead of corrupting memory
    return static_cast<char*>(p) + kGuardBytes;
}

// A fresh stack whose first switch "returns" into fiber_entry, with the alignment of a function entry.
void prepare(Fiber& f) {
    uintptr_t top = (reinterpret_cast<uintptr_t>(f.stack) + kStackBytes) & ~uintptr_t(15);
    void** sp = reinterpret_cast<void**>(top);
    *--sp = nullptr;                                     // fiber_entry's return address (never used)
    *--sp = reinterpret_cast<void*>(&fiber_entry);      // popped by emu_switch's ret
    for (int i = 0; i < 6; i++) {
        *--sp = nullptr;                                 // rbp, rbx, r12-r15
    }
    f.sp = sp;
    f.done = false;
    f.waiting = false;
}

}  // namespace

void register_kernel(const KernelInfo& k) { registry()[k.name] = k; }

const KernelInfo* find_kernel(const std::string& name) {
    auto it = registry().find(name);
    return it == registry().end() ? nullptr : &it->second;
}

void syncthreads() {
    fibers[current].waiting = true;
    yield_to_next();
}

std::string run_launch(const KernelInfo& k, dim3 grid, dim3 block, void** params) {
    size_t n = (size_t) block.x * block.y * block.z;
    while (fibers.size() < n) {
        fibers.emplace_back();
        fibers.back().stack = new_stack();
    }
    current_kernel = &k;
    current_params = params;
    gridDim = grid;
    blockDim = block;
    for (unsigned bz = 0; bz < grid.z; bz++) {
        for (unsigned by = 0; by < grid.y; by++) {
            for (unsigned bx = 0; bx < grid.x; bx++) {
                blockIdx = uint3{bx, by, bz};
                size_t t = 0;
                for (unsigned z = 0; z < block.z; z++) {
                    for (unsigned y = 0; y < block.y; y++) {
                        for (unsigned x = 0; x < block.x; x++, t++) {
                            prepare(fibers[t]);
                            fibers[t].tid = uint3{x, y, z};
                        }
                    }
                }
                // Each pass runs every live thread, in order, up to its next barrier or its end;
                // each hands over to the next (yield_to_next), the last back to here.
                block_threads = n;
                while (true) {
                    size_t done = 0, waiting = 0;
                    size_t first = next_live(0);
                    if (first < n) {
                        emu_switch(&scheduler_sp, enter(first));
                    }
                    for (size_t i = 0; i < n; i++) {
                        done += fibers[i].done;
                        waiting += fibers[i].waiting;
                    }
                    if (done == n) {
                        break;
                    }
                    if (done > 0) {
                        // Threads that returned while others wait at a barrier: undefined on a GPU.
                        char msg[200];
                        std::snprintf(msg, sizeof msg,
                                      "%s: in block (%u,%u,%u) %zu threads returned while %zu wait at __syncthreads()",
                                      k.name, bx, by, bz, done, waiting);
                        return msg;
                    }
                }
            }
        }
    }
    return "";
}

}  // namespace emu
