// Streams in the emulator, shared by the driver and cuBLAS stand-ins: work queued on a stream runs
// later (when the host synchronises), and while a stream captures (CUDA graphs) it is kept in the
// capture instead, run by each graph launch. Each operation re-checks its operands when it runs, as
// a GPU faults when the work runs, not when it is queued.
#pragma once

#include <functional>

namespace emu {
// Queues `op` (returning 0 on success) on the stream, or on its capture, and returns true; returns
// false, after all queued work has run, when the caller should run it now (the legacy stream, or
// DENSEKIT_EMU_STREAMS=immediate). A failure of queued work is reported by the next synchronisation.
bool defer(void* stream, std::function<int()> op);
}  // namespace emu
