// Module images in the emulator: PTX text or a cubin (a CUDA ELF), checked as the driver checks
// them against the device, with the JIT logs cuModuleLoadDataEx writes, and the driver's error names.
#pragma once

#include <set>
#include <string>

namespace emu_image {

// Loads `image` for a device of compute capability `cc` (major * 10 + minor): fills `entries`
// with its kernels' names and `info` with what was loaded; on failure returns the CUresult and
// says why in `error`, as the driver's JIT error log would.
int load(const void* image, int cc, std::set<std::string>& entries, std::string& info, std::string& error);

// Copies the logs into the buffers cuModuleLoadDataEx's options name (CU_JIT_INFO_LOG_BUFFER,
// CU_JIT_ERROR_LOG_BUFFER with their sizes), NUL-terminated and cut to fit, and sets each size
// option to the bytes written, as the driver does.
void write_logs(unsigned n, const int* options, void** values, const std::string& info, const std::string& error);

// "CUDA_ERROR_INVALID_PTX" for 218, or null for a code the emulator never returns.
const char* error_name(int code);

}  // namespace emu_image
