#pragma once

#include <string>

#include "device_shim.h"
#include "kernels.h"

namespace emu {
// Runs the launch to completion; returns "" or what went wrong (a barrier not reached by all threads).
std::string run_launch(const KernelInfo& k, dim3 grid, dim3 block, void** params);
}  // namespace emu
