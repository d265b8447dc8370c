// densekit's CUDA C (kernels-cuda/src/main/cuda), compiled as host C++ for the emulator: the same source
// files the PTX is built from, with device_shim.h in place of the CUDA headers.
#include "device_shim.h"
#include "kernels.h"

#include "densekit_kernels.cu"

// The one entry point not declared through DK_EXPORT.
static emu::Registrar dk_sum_div_registrar("dk_sum_div", &dk_sum_div);
