// Stream capture (CUDA graphs) in the emulator, shared by the driver and cuBLAS stand-ins: while a
// stream captures, work queued on it is kept as a list of operations instead of being run, and a
// graph launch runs the list. Each operation re-checks its operands when it runs, as a GPU would
// fault at replay, not at capture.
#pragma once

#include <functional>

namespace emu {
// If `stream` is capturing, appends `op` (returning 0 on success) to its capture and returns true.
bool record_if_capturing(void* stream, std::function<int()> op);
}  // namespace emu
