// A CPU stand-in for the NVIDIA driver library (libcuda.so.1): the driver API entry points densekit
// calls through JCuda, over host memory, with densekit's CUDA C compiled for the host as the
// module's kernels. It is strict where the real driver is and a GPU would fail silently or later:
//  - streams are asynchronous: work queued on a stream runs only when the host waits (stream or
//    event synchronisation, a free, a copy into pageable memory), and then in an adversarial order
//    that keeps only what CUDA guarantees: each stream in order, a cuStreamWaitEvent after the
//    event's record; among the streams that can go on, the one whose next operation was queued
//    last goes first. So a missing event between the copy stream and the compute stream, or a
//    pinned staging buffer refilled before its copy ran, gives wrong results here as on a GPU.
//    Errors of queued work are returned by the next synchronisation, as the driver reports them.
//    Capture follows the driver's rules for events: a capturing stream may wait only for events
//    recorded in its capture (CUDA_ERROR_STREAM_CAPTURE_ISOLATION), an event recorded in a
//    capture cannot be waited for by another stream (it would join the capture) nor synchronised;
//    DENSEKIT_EMU_STREAMS=immediate runs work when it is queued instead (for debugging), and
//    DENSEKIT_EMU_STREAMS=random:SEED picks among the streams that can go on at random;
//  - every call but the device queries needs a current context on the calling thread (the driver's
//    rule: a context is current per OS thread), else CUDA_ERROR_INVALID_CONTEXT;
//  - copies and fills must lie inside one live allocation, kernel pointer arguments must be null or
//    inside one, and guard bytes behind every allocation are checked after each launch, so a
//    kernel that writes past its buffer fails at that launch (CUDA_ERROR_ILLEGAL_ADDRESS);
//  - new allocations hold NaN bytes (0xFF), as uninitialised device memory holds garbage;
//  - launch dimensions are checked against a compute capability 9.0 device's limits;
//  - a module image is PTX text or a cubin (a CUDA ELF): a cubin loads only on a device of its
//    family (sm_XY on compute capability X.Z, Z >= Y; else CUDA_ERROR_NO_BINARY_FOR_GPU), PTX only
//    if its .target is not newer than the device (else CUDA_ERROR_INVALID_PTX), and
//    cuModuleLoadDataEx writes the JIT info and error logs it was given buffers for;
//  - cuModuleGetFunction finds a kernel only if the loaded image declares its entry.
// The device's compute capability is DENSEKIT_EMU_COMPUTE_CAPABILITY (e.g. 80; default 90).
// The device's memory is DENSEKIT_EMU_DEVICE_BYTES (default 2 GiB), so out-of-memory is testable.
// DENSEKIT_EMU_ARITHMETIC=off checks every launch but runs no kernel (nor, in the fake cuBLAS, any
// GEMM): results are garbage, and what is left to time is the host side (docs/benchmarks.md).
// Each failure also prints one line on stderr naming the call and the reason.
#include <sys/mman.h>

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emu_capture.h"
#include "emu_image.h"

#include "kernels.h"
#include "scheduler.h"

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct EmuContext* CUcontext;
typedef struct EmuStream* CUstream;
typedef struct EmuModule* CUmodule;
typedef const struct emu::KernelInfo* CUfunction;
typedef struct EmuEvent* CUevent;

enum : CUresult {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_NO_BINARY_FOR_GPU = 209,
    CUDA_ERROR_INVALID_PTX = 218,
    CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_ILLEGAL_ADDRESS = 700,
    CUDA_ERROR_LAUNCH_FAILED = 719,
    CUDA_ERROR_NOT_SUPPORTED = 801,
    CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED = 900,
    CUDA_ERROR_STREAM_CAPTURE_INVALIDATED = 901,
    CUDA_ERROR_STREAM_CAPTURE_UNJOINED = 904,
    CUDA_ERROR_STREAM_CAPTURE_ISOLATION = 905,
    CUDA_ERROR_CAPTURED_EVENT = 907,
    CUDA_ERROR_ILLEGAL_STATE = 401,
};

struct EmuContext {
    int retained = 0;
};
struct EmuEvent {
    unsigned flags;
    uint64_t recorded = 0;  // records queued so far
    uint64_t reached = 0;   // records run so far
    EmuStream* captured_by = nullptr;  // the capturing stream of its latest record, if it was captured
};
// One queued operation: work, or a wait until `event` has reached record number `gen`.
struct PendingOp {
    uint64_t seq;
    std::function<CUresult()> run;
    EmuEvent* event = nullptr;
    uint64_t gen = 0;
};
struct EmuStream {
    unsigned flags;
    bool capturing = false;
    bool invalidated = false;
    int mode = 0;
    std::vector<std::function<CUresult()>> ops;  // the capture so far
    std::deque<PendingOp> pending;               // queued, not yet run
};
struct EmuGraph {
    std::vector<std::function<CUresult()>> ops;
};
typedef EmuGraph* CUgraph;
typedef EmuGraph* CUgraphExec;
struct EmuModule {
    std::set<std::string> entries;
};

namespace {

constexpr size_t kGuard = 256;
constexpr unsigned char kGuardByte = 0xA5;

struct Allocation {
    size_t bytes;
};

std::recursive_mutex mu;  // the driver is thread-safe; so is the stand-in
bool initialised = false;
EmuContext primary;
thread_local EmuContext* current_ctx = nullptr;
std::map<uintptr_t, Allocation> allocations;  // device memory by start address
std::map<uintptr_t, size_t> pinned;  // page-locked host memory by start address
std::set<EmuStream*> streams;
constexpr int kCaptureRelaxed = 2;
size_t used = 0;
bool sticky_error = false;  // after an illegal address the context is unusable, as on a GPU
uint64_t next_seq = 0;
CUresult deferred_error = 0;  // the first failure of queued work, for the next synchronisation

// DENSEKIT_EMU_STREAMS: unset (the latest-queued stream first), "immediate" (run work when it is
// queued) or "random:SEED" (a seeded random choice among the streams that can go on).
const char* streams_mode() {
    const char* s = std::getenv("DENSEKIT_EMU_STREAMS");
    return s != nullptr ? s : "";
}

bool immediate_streams() {
    static const bool immediate = std::strcmp(streams_mode(), "immediate") == 0;
    return immediate;
}

// The random mode's state (xorshift64), or 0 in the other modes.
uint64_t random_state = [] {
    const char* s = streams_mode();
    if (std::strncmp(s, "random:", 7) != 0) {
        return uint64_t{0};
    }
    uint64_t seed = std::strtoull(s + 7, nullptr, 10);
    return uint64_t{seed * 0x9E3779B97F4A7C15ull | 1};
}();

uint64_t next_random() {
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

// DENSEKIT_EMU_ARITHMETIC=off: launches are checked but their kernels do not run.
bool arithmetic_on() {
    static const bool on = [] {
        const char* s = std::getenv("DENSEKIT_EMU_ARITHMETIC");
        return s == nullptr || std::strcmp(s, "off") != 0;
    }();
    return on;
}

// The emulated device's compute capability as major * 10 + minor.
int compute_capability() {
    const char* s = std::getenv("DENSEKIT_EMU_COMPUTE_CAPABILITY");
    int cc = s != nullptr ? std::atoi(s) : 90;
    return cc >= 10 ? cc : 90;
}

size_t device_bytes() {
    const char* s = std::getenv("DENSEKIT_EMU_DEVICE_BYTES");
    return s != nullptr ? std::strtoull(s, nullptr, 10) : (size_t{2} << 30);
}

CUresult fail(CUresult r, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    std::fprintf(stderr, "densekit cuda emulator: ");
    std::vfprintf(stderr, fmt, ap);
    std::fprintf(stderr, "\n");
    va_end(ap);
    if (r == CUDA_ERROR_ILLEGAL_ADDRESS || r == CUDA_ERROR_LAUNCH_FAILED) {
        sticky_error = true;
    }
    return r;
}

CUresult need_context(const char* call) {
    if (!initialised) {
        return fail(CUDA_ERROR_NOT_INITIALIZED, "%s before cuInit", call);
    }
    if (current_ctx == nullptr || current_ctx->retained == 0) {
        return fail(CUDA_ERROR_INVALID_CONTEXT, "%s with no current context on this thread", call);
    }
    if (sticky_error) {
        return CUDA_ERROR_ILLEGAL_ADDRESS;
    }
    return CUDA_SUCCESS;
}

// The allocation holding [p, p + bytes), or null.
const std::pair<const uintptr_t, Allocation>* holding(uintptr_t p, size_t bytes) {
    auto it = allocations.upper_bound(p);
    if (it == allocations.begin()) {
        return nullptr;
    }
    --it;
    if (p < it->first || p + bytes > it->first + it->second.bytes || p + bytes < p) {
        return nullptr;
    }
    return &*it;
}

// The first allocation whose guard bytes were overwritten, or 0.
uintptr_t damaged_guard() {
    for (auto& [start, a] : allocations) {
        const unsigned char* g = reinterpret_cast<const unsigned char*>(start + a.bytes);
        for (size_t i = 0; i < kGuard; i++) {
            if (g[i] != kGuardByte) {
                return start;
            }
        }
    }
    return 0;
}

// A context is current and [p, p + bytes) lies inside one allocation; else the error, reported.
CUresult device_range(const char* call, uintptr_t p, size_t bytes) {
    if (CUresult r = need_context(call)) {
        return r;
    }
    if (holding(p, bytes) == nullptr) {
        return fail(CUDA_ERROR_INVALID_VALUE, "%s: [%p, +%zu bytes) is not inside one allocation", call, (void*) p, bytes);
    }
    return CUDA_SUCCESS;
}

// The multi-tensor updates read their tensors' addresses from a table in device memory (optim.cuh:
// DK_MULTI_STRIDE entries {param, grad, state0, state1, n} per tensor). They are checked as a
// kernel's own pointer arguments are, so a table that has not arrived (still NaN bytes) is an
// illegal address here, as on a GPU, not a crash of the process.
CUresult check_pointer_table(const emu::KernelInfo* f, void** params) {
    if (std::strstr(f->name, "_update_multi_") == nullptr) {
        return CUDA_SUCCESS;
    }
    constexpr int kStride = 5;
    const long long* table = *static_cast<const long long* const*>(params[0]);
    int count = *static_cast<const int*>(params[1]);
    size_t elem = std::strstr(f->name, "_f64") != nullptr ? 8 : 4;
    if (count < 0 || holding(reinterpret_cast<uintptr_t>(table), (size_t) count * kStride * 8) == nullptr) {
        return fail(CUDA_ERROR_ILLEGAL_ADDRESS, "%s: its table of %d tensors is not in device memory", f->name, count);
    }
    for (int t = 0; t < count; t++) {
        const long long* e = table + (size_t) t * kStride;
        for (int j = 0; j < 4; j++) {
            if (e[j] != 0 && (e[4] < 0 || holding((uintptr_t) e[j], (size_t) e[4] * elem) == nullptr)) {
                return fail(CUDA_ERROR_ILLEGAL_ADDRESS, "%s: table entry %d, field %d (%p, %lld elements) is not "
                            "device memory", f->name, t, j, (void*) e[j], e[4]);
            }
        }
    }
    return CUDA_SUCCESS;
}

// Checks and runs one launch (now, or when a graph replays it).
CUresult launch_now(const emu::KernelInfo* f, dim3 grid, dim3 block, unsigned shared, void** params) {
    unsigned long long threads = (unsigned long long) block.x * block.y * block.z;
    if (block.x == 0 || block.y == 0 || block.z == 0 || grid.x == 0 || grid.y == 0 || grid.z == 0 || threads > 1024
        || block.x > 1024 || block.y > 1024 || block.z > 64 || grid.x > 0x7fffffffu || grid.y > 65535 || grid.z > 65535
        || shared > 48 * 1024) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(%s): grid (%u,%u,%u) block (%u,%u,%u) shared %u "
                    "exceeds the device's limits", f->name, grid.x, grid.y, grid.z, block.x, block.y, block.z, shared);
    }
    int bad = f->first_bad_pointer(params);
    if (bad >= 0) {
        return fail(CUDA_ERROR_ILLEGAL_ADDRESS, "cuLaunchKernel(%s): pointer argument %d (%p) is not device memory",
                    f->name, bad, *static_cast<void**>(params[bad]));
    }
    if (CUresult r = check_pointer_table(f, params)) {
        return r;
    }
    if (!arithmetic_on()) {
        return CUDA_SUCCESS;  // checked, not run: no guard can have changed either
    }
    std::string err = emu::run_launch(*f, grid, block, params);
    if (!err.empty()) {
        return fail(CUDA_ERROR_LAUNCH_FAILED, "%s", err.c_str());
    }
    if (uintptr_t at = damaged_guard()) {
        return fail(CUDA_ERROR_ILLEGAL_ADDRESS, "%s wrote past the end of the allocation at %p", f->name, (void*) at);
    }
    return CUDA_SUCCESS;
}

// Work that must not happen while some stream captures in a mode other than relaxed (the
// driver's rule for "potentially unsafe" calls such as cuMemAlloc); invalidates that capture.
CUresult unsafe_during_capture(const char* call) {
    for (EmuStream* s : streams) {
        if (s->capturing && s->mode != kCaptureRelaxed) {
            s->invalidated = true;
            return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "%s while a stream captures in mode %d (not relaxed)",
                        call, s->mode);
        }
    }
    return CUDA_SUCCESS;
}

bool ready(const PendingOp& op) {
    return op.event == nullptr || op.event->reached >= op.gen;
}

// Runs queued work until done() holds. Each stream runs in order; among the streams whose next
// operation can run, the one queued last goes first (the order least like the host's), or, in the
// random mode, a seeded random one.
CUresult run_until(const std::function<bool()>& done) {
    std::vector<EmuStream*> can_go;
    while (!done()) {
        EmuStream* pick = nullptr;
        can_go.clear();
        for (EmuStream* s : streams) {
            if (!s->pending.empty() && ready(s->pending.front())) {
                can_go.push_back(s);
                if (pick == nullptr || s->pending.front().seq > pick->pending.front().seq) {
                    pick = s;
                }
            }
        }
        if (random_state != 0 && !can_go.empty()) {
            // std::set<EmuStream*> orders by address: sort by queue order so a seed replays the same choices.
            std::sort(can_go.begin(), can_go.end(), [](EmuStream* a, EmuStream* b) {
                return a->pending.front().seq < b->pending.front().seq;
            });
            pick = can_go[next_random() % can_go.size()];
        }
        if (pick == nullptr) {
            return fail(CUDA_ERROR_ILLEGAL_STATE, "queued work waits for events that no stream will record");
        }
        PendingOp op = std::move(pick->pending.front());
        pick->pending.pop_front();
        if (op.run) {
            CUresult r = op.run();
            if (r != CUDA_SUCCESS && deferred_error == CUDA_SUCCESS) {
                deferred_error = r;
            }
        }
    }
    return CUDA_SUCCESS;
}

bool all_idle() {
    for (EmuStream* s : streams) {
        if (!s->pending.empty()) {
            return false;
        }
    }
    return true;
}

CUresult finish_all() {
    return run_until(all_idle);
}

// What a synchronisation returns: the first error of the work it waited for (sticky ones stay).
CUresult take_deferred_error() {
    CUresult r = deferred_error;
    if (!sticky_error) {
        deferred_error = CUDA_SUCCESS;
    }
    return r;
}

// Queues `op` on the stream: appended to its capture, queued, or (the legacy stream, or immediate
// mode) run now after all queued work.
CUresult submit(CUstream stream, std::function<CUresult()> op) {
    if (stream != nullptr && stream->capturing) {
        stream->ops.push_back(std::move(op));
        return CUDA_SUCCESS;
    }
    if (stream == nullptr || immediate_streams()) {
        if (CUresult r = finish_all()) {
            return r;
        }
        return op();
    }
    stream->pending.push_back(PendingOp{++next_seq, std::move(op)});
    return CUDA_SUCCESS;
}

// Is [p, p + bytes) page-locked host memory (cuMemAllocHost)?
bool is_pinned(const void* p, size_t bytes) {
    uintptr_t a = reinterpret_cast<uintptr_t>(p);
    auto it = pinned.upper_bound(a);
    if (it == pinned.begin()) {
        return false;
    }
    --it;
    return a >= it->first && a + bytes <= it->first + it->second;
}

// A stream or event: its flags; work is queued on the stream's own list.
template <typename Handle>
CUresult create_handle(Handle** out, unsigned flags, const char* call) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context(call)) {
        return r;
    }
    *out = new Handle();
    (*out)->flags = flags;
    return CUDA_SUCCESS;
}

void free_all() {
    for (auto& [start, a] : allocations) {
        std::free(reinterpret_cast<void*>(start));
    }
    allocations.clear();
    used = 0;
}

}  // namespace

bool emu::device_pointer_ok(const void* p) {
    return p == nullptr || holding(reinterpret_cast<uintptr_t>(p), 0) != nullptr;
}

// For the cuBLAS stand-in: is [p, p + bytes) device memory?
extern "C" int densekit_emu_device_range_ok(const void* p, size_t bytes) {
    std::lock_guard<std::recursive_mutex> l(mu);
    return holding(reinterpret_cast<uintptr_t>(p), bytes) != nullptr;
}

bool emu::defer(void* stream, std::function<int()> op) {
    std::lock_guard<std::recursive_mutex> l(mu);
    EmuStream* s = static_cast<EmuStream*>(stream);
    if (s == nullptr || streams.count(s) == 0 || (!s->capturing && immediate_streams())) {
        finish_all();
        return false;
    }
    submit(s, [op]() {
        int status = op();
        return status == 0 ? CUresult(CUDA_SUCCESS)
                           : fail(CUDA_ERROR_LAUNCH_FAILED, "a queued cuBLAS call failed with status %d", status);
    });
    return true;
}

extern "C" {

CUresult cuInit(unsigned flags) {
    if (flags != 0) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuInit(%u): flags must be 0", flags);
    }
    initialised = true;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int* v) {
    *v = 13000;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int* n) {
    if (!initialised) {
        return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDeviceGetCount before cuInit");
    }
    *n = 1;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice* d, int ordinal) {
    if (!initialised) {
        return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDeviceGet before cuInit");
    }
    if (ordinal != 0) {
        return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceGet(%d): the emulator has one device", ordinal);
    }
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice d) {
    if (d != 0 || len <= 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    std::snprintf(name, (size_t) len, "%s", "densekit CPU emulator");
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* v, int attribute, CUdevice d) {
    if (d != 0) {
        return CUDA_ERROR_INVALID_DEVICE;
    }
    switch (attribute) {
        case 1: *v = 1024; break;   // max threads per block
        case 10: *v = 32; break;    // warp size
        case 16: *v = 4; break;     // multiprocessors
        case 75: *v = compute_capability() / 10; break;  // compute capability major
        case 76: *v = compute_capability() % 10; break;  // compute capability minor
        default: *v = 0; break;
    }
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice d) {
    if (d != 0) {
        return CUDA_ERROR_INVALID_DEVICE;
    }
    *bytes = device_bytes();
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext* ctx, CUdevice d) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (!initialised) {
        return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDevicePrimaryCtxRetain before cuInit");
    }
    if (d != 0) {
        return CUDA_ERROR_INVALID_DEVICE;
    }
    primary.retained++;
    *ctx = &primary;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (d != 0 || primary.retained == 0) {
        return fail(CUDA_ERROR_INVALID_CONTEXT, "cuDevicePrimaryCtxRelease: not retained");
    }
    if (--primary.retained == 0) {
        finish_all();
        free_all();  // the driver destroys the context and its memory with the last reference
        sticky_error = false;
        deferred_error = CUDA_SUCCESS;
    }
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext ctx) {
    if (ctx != nullptr && ctx != &primary) {
        return fail(CUDA_ERROR_INVALID_CONTEXT, "cuCtxSetCurrent: unknown context");
    }
    current_ctx = ctx;
    return CUDA_SUCCESS;
}

CUresult cuStreamCreate(CUstream* s, unsigned flags) {
    CUresult r = create_handle(s, flags, "cuStreamCreate");
    if (r == CUDA_SUCCESS) {
        std::lock_guard<std::recursive_mutex> l(mu);
        streams.insert(*s);
    }
    return r;
}

CUresult cuStreamDestroy_v2(CUstream s) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (s == nullptr || streams.count(s) == 0) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    finish_all();  // the driver lets queued work finish
    streams.erase(s);
    delete s;
    return CUDA_SUCCESS;
}

CUresult cuStreamSynchronize(CUstream s) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (s != nullptr && s->capturing) {
        s->invalidated = true;  // the driver refuses, and the capture is lost
        return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "cuStreamSynchronize on a capturing stream");
    }
    if (CUresult r = need_context("cuStreamSynchronize")) {
        return r;
    }
    if (s != nullptr && streams.count(s) == 0) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuStreamSynchronize: unknown stream");
    }
    if (CUresult r = s == nullptr ? finish_all() : run_until([s] { return s->pending.empty(); })) {
        return r;
    }
    return take_deferred_error();
}

CUresult cuStreamBeginCapture_v2(CUstream s, int mode) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuStreamBeginCapture")) {
        return r;
    }
    if (s == nullptr) {
        return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "cuStreamBeginCapture: the legacy stream cannot capture");
    }
    if (s->capturing) {
        return fail(CUDA_ERROR_ILLEGAL_STATE, "cuStreamBeginCapture: the stream is capturing already");
    }
    s->capturing = true;
    s->invalidated = false;
    s->mode = mode;
    s->ops.clear();
    return CUDA_SUCCESS;
}

CUresult cuStreamEndCapture(CUstream s, CUgraph* graph) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (s == nullptr || !s->capturing) {
        return fail(CUDA_ERROR_ILLEGAL_STATE, "cuStreamEndCapture: the stream is not capturing");
    }
    s->capturing = false;
    if (s->invalidated) {
        *graph = nullptr;
        s->ops.clear();
        return fail(CUDA_ERROR_STREAM_CAPTURE_INVALIDATED, "cuStreamEndCapture: the capture was invalidated");
    }
    *graph = new EmuGraph{std::move(s->ops)};
    s->ops.clear();
    return CUDA_SUCCESS;
}

CUresult cuStreamIsCapturing(CUstream s, int* status) {
    *status = s == nullptr || !s->capturing ? 0 : (s->invalidated ? 2 : 1);
    return CUDA_SUCCESS;
}

CUresult cuGraphInstantiateWithFlags(CUgraphExec* exec, CUgraph graph, unsigned long long) {
    if (graph == nullptr) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuGraphInstantiate: null graph");
    }
    *exec = new EmuGraph{graph->ops};
    return CUDA_SUCCESS;
}

CUresult cuGraphLaunch(CUgraphExec exec, CUstream s) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuGraphLaunch")) {
        return r;
    }
    if (exec == nullptr) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuGraphLaunch: null graph");
    }
    if (s != nullptr && s->capturing) {
        return fail(CUDA_ERROR_NOT_SUPPORTED, "cuGraphLaunch into a capturing stream is not emulated");
    }
    std::vector<std::function<CUresult()>> ops = exec->ops;  // the graph may be destroyed before it runs
    return submit(s, [ops]() {
        for (auto& op : ops) {
            if (CUresult r = op()) {
                return r;
            }
        }
        return CUresult(CUDA_SUCCESS);
    });
}

CUresult cuGraphExecDestroy(CUgraphExec exec) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (exec == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    delete exec;
    return CUDA_SUCCESS;
}

CUresult cuGraphDestroy(CUgraph graph) {
    if (graph == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    delete graph;
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadDataEx(CUmodule* m, const void* image, unsigned n, const int* options, void** values) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuModuleLoadDataEx")) {
        return r;
    }
    if (image == nullptr || (n > 0 && (options == nullptr || values == nullptr))) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuModuleLoadDataEx: null image or options");
    }
    std::string info;
    std::string error;
    std::set<std::string> entries;
    CUresult r = emu_image::load(image, compute_capability(), entries, info, error);
    emu_image::write_logs(n, options, values, info, error);
    if (r != CUDA_SUCCESS) {
        return fail(r, "cuModuleLoadDataEx: %s", error.c_str());
    }
    *m = new EmuModule{entries};
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* m, const void* image) {
    return cuModuleLoadDataEx(m, image, 0, nullptr, nullptr);
}

CUresult cuModuleUnload(CUmodule m) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (m == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    finish_all();
    delete m;
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* f, CUmodule m, const char* name) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuModuleGetFunction")) {
        return r;
    }
    if (m == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    if (m->entries.count(name) == 0) {
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction: the module declares no entry %s", name);
    }
    const emu::KernelInfo* k = emu::find_kernel(name);
    if (k == nullptr) {
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction: %s is in the module but not in the emulator's build", name);
    }
    *f = k;
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, CUstream stream, void** params, void** extra) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuLaunchKernel")) {
        return r;
    }
    if (f == nullptr) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuLaunchKernel: null function");
    }
    if (extra != nullptr) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(%s): extra is not supported", f->name);
    }
    if (params == nullptr && f->arity > 0) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(%s): no kernelParams", f->name);
    }
    if (stream != nullptr && streams.count(stream) == 0) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuLaunchKernel(%s): unknown stream", f->name);
    }
    // The values are copied now, as the driver copies them when the launch is queued (or into the
    // graph's kernel node), so the caller may reuse its parameter block at once.
    auto values = std::make_shared<std::vector<std::vector<char>>>();
    for (int i = 0; i < f->arity; i++) {
        const char* v = static_cast<const char*>(params[i]);
        values->emplace_back(v, v + f->sizes[i]);
    }
    return submit(stream, [=]() {
        std::vector<void*> p;
        for (auto& v : *values) {
            p.push_back(v.data());
        }
        return launch_now(f, dim3{gx, gy, gz}, dim3{bx, by, bz}, shared, p.data());
    });
}

CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuMemAlloc")) {
        return r;
    }
    if (CUresult r = unsafe_during_capture("cuMemAlloc")) {
        return r;
    }
    if (bytes == 0) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAlloc(0)");
    }
    if (bytes > device_bytes() - used) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    void* m = std::aligned_alloc(256, (bytes + kGuard + 255) / 256 * 256);
    if (m == nullptr) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    std::memset(m, 0xFF, bytes);
    std::memset(static_cast<char*>(m) + bytes, kGuardByte, kGuard);
    allocations[reinterpret_cast<uintptr_t>(m)] = Allocation{bytes};
    used += bytes;
    *p = reinterpret_cast<uintptr_t>(m);
    return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr p) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuMemFree")) {
        return r;
    }
    if (CUresult r = unsafe_during_capture("cuMemFree")) {
        return r;
    }
    finish_all();  // cuMemFree waits for the device, as the driver does
    auto it = allocations.find(p);
    if (it == allocations.end()) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemFree(%p): not the start of a live allocation", (void*) p);
    }
    used -= it->second.bytes;
    allocations.erase(it);
    std::free(reinterpret_cast<void*>(p));
    return CUDA_SUCCESS;
}

CUresult cuMemGetInfo_v2(size_t* free_bytes, size_t* total) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuMemGetInfo")) {
        return r;
    }
    *total = device_bytes();
    *free_bytes = *total - used;
    return CUDA_SUCCESS;
}

CUresult cuMemAllocHost_v2(void** p, size_t bytes) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (CUresult r = need_context("cuMemAllocHost")) {
        return r;
    }
    *p = std::aligned_alloc(4096, (bytes + 4095) / 4096 * 4096);
    if (*p == nullptr) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    pinned[reinterpret_cast<uintptr_t>(*p)] = bytes;
    return CUDA_SUCCESS;
}

CUresult cuMemFreeHost(void* p) {
    std::lock_guard<std::recursive_mutex> l(mu);
    finish_all();
    if (pinned.erase(reinterpret_cast<uintptr_t>(p)) == 0) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemFreeHost(%p): not pinned memory", p);
    }
    std::free(p);
    return CUDA_SUCCESS;
}

// From pinned memory the copy reads the source when it runs; from pageable memory the driver
// stages the source before the call returns, so that is copied now.
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t bytes, CUstream stream) {
    std::lock_guard<std::recursive_mutex> l(mu);
    std::shared_ptr<std::vector<char>> staged;
    if (!is_pinned(src, bytes)) {
        staged = std::make_shared<std::vector<char>>(static_cast<const char*>(src), static_cast<const char*>(src) + bytes);
    }
    return submit(stream, [=]() {
        if (CUresult r = device_range("cuMemcpyHtoDAsync", dst, bytes)) {
            return r;
        }
        std::memcpy(reinterpret_cast<void*>(dst), staged ? staged->data() : src, bytes);
        return CUresult(CUDA_SUCCESS);
    });
}

// Into pageable memory the copy is synchronous, as the driver makes it.
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t bytes, CUstream stream) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (!is_pinned(dst, bytes) && stream != nullptr && !stream->capturing) {
        if (CUresult r = run_until([stream] { return stream->pending.empty(); })) {
            return r;
        }
        if (CUresult r = device_range("cuMemcpyDtoHAsync", src, bytes)) {
            return r;
        }
        std::memcpy(dst, reinterpret_cast<const void*>(src), bytes);
        return take_deferred_error();
    }
    return submit(stream, [=]() {
        if (CUresult r = device_range("cuMemcpyDtoHAsync", src, bytes)) {
            return r;
        }
        std::memcpy(dst, reinterpret_cast<const void*>(src), bytes);
        return CUresult(CUDA_SUCCESS);
    });
}

CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char value, size_t n, CUstream stream) {
    std::lock_guard<std::recursive_mutex> l(mu);
    return submit(stream, [=]() {
        if (CUresult r = device_range("cuMemsetD8Async", dst, n)) {
            return r;
        }
        std::memset(reinterpret_cast<void*>(dst), value, n);
        return CUresult(CUDA_SUCCESS);
    });
}

CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned value, size_t n, CUstream stream) {
    std::lock_guard<std::recursive_mutex> l(mu);
    return submit(stream, [=]() {
        if (CUresult r = device_range("cuMemsetD32Async", dst, n * 4)) {
            return r;
        }
        if (dst % 4 != 0) {
            return fail(CUDA_ERROR_INVALID_VALUE, "cuMemsetD32Async: %p is not 4-byte aligned", (void*) dst);
        }
        unsigned* w = reinterpret_cast<unsigned*>(dst);
        for (size_t i = 0; i < n; i++) {
            w[i] = value;
        }
        return CUresult(CUDA_SUCCESS);
    });
}

CUresult cuEventCreate(CUevent* e, unsigned flags) {
    return create_handle(e, flags, "cuEventCreate");
}

// The event fires when the stream reaches this point (inside a capture: only checked).
CUresult cuEventRecord(CUevent e, CUstream s) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (e == nullptr || (s != nullptr && streams.count(s) == 0)) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    if (CUresult r = need_context("cuEventRecord")) {
        return r;
    }
    if (s != nullptr && s->capturing) {
        e->captured_by = s;  // a node of the graph now: only that capture may wait for it
        return CUDA_SUCCESS;
    }
    e->captured_by = nullptr;
    uint64_t gen = ++e->recorded;
    return submit(s, [e, gen]() {
        e->reached = e->reached > gen ? e->reached : gen;
        return CUresult(CUDA_SUCCESS);
    });
}

// Work queued on s later waits until the event's latest record (at the time of this call) ran; an
// event never recorded is no wait, as in CUDA.
CUresult cuStreamWaitEvent(CUstream s, CUevent e, unsigned flags) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (e == nullptr || flags != 0 || (s != nullptr && streams.count(s) == 0)) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuStreamWaitEvent: bad stream, event or flags");
    }
    if (CUresult r = need_context("cuStreamWaitEvent")) {
        return r;
    }
    // The driver's capture rules: a capturing stream may wait only for events recorded in its own
    // capture (only in-stream order crosses the capture's boundary), and a stream that waits for an
    // event recorded in a capture joins that capture (which densekit never means to do).
    if (s != nullptr && s->capturing && e->captured_by != s && e->recorded > 0) {
        s->invalidated = true;
        return fail(CUDA_ERROR_STREAM_CAPTURE_ISOLATION, "cuStreamWaitEvent: a capturing stream waits for an event "
                    "recorded outside its capture");
    }
    if (e->captured_by != nullptr && e->captured_by != s) {
        e->captured_by->invalidated = true;
        return fail(CUDA_ERROR_STREAM_CAPTURE_UNJOINED, "cuStreamWaitEvent: another stream waits for an event recorded "
                    "in a capture, so it would join that capture");
    }
    if (s == nullptr || s->capturing || immediate_streams()) {
        return e->reached >= e->recorded ? CUDA_SUCCESS : finish_all();
    }
    if (e->reached < e->recorded) {
        s->pending.push_back(PendingOp{++next_seq, nullptr, e, e->recorded});
    }
    return CUDA_SUCCESS;
}

CUresult cuEventSynchronize(CUevent e) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (e == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    if (e->captured_by != nullptr) {
        return fail(CUDA_ERROR_CAPTURED_EVENT, "cuEventSynchronize: the event was last recorded in a capture");
    }
    if (CUresult r = run_until([e] { return e->reached >= e->recorded; })) {
        return r;
    }
    return take_deferred_error();
}

CUresult cuEventDestroy_v2(CUevent e) {
    std::lock_guard<std::recursive_mutex> l(mu);
    if (e == nullptr) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    finish_all();  // queued waits refer to it
    delete e;
    return CUDA_SUCCESS;
}

CUresult cuGetErrorName(CUresult error, const char** name) {
    *name = emu_image::error_name(error);
    return *name != nullptr ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

// The emulator describes an error by its name.
CUresult cuGetErrorString(CUresult error, const char** text) {
    *text = emu_image::error_name(error);
    return *text != nullptr ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

}  // extern "C"

#define DK_EMU_UNSUPPORTED(NAME) \
    extern "C" CUresult NAME() { return fail(CUDA_ERROR_NOT_SUPPORTED, #NAME " is not emulated"); }
#include "unsupported.inc"
