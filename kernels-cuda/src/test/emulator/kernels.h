// The registry of emulated kernels: each extern "C" entry point of densekit's CUDA C, by name, with
// an invoker that unpacks cuLaunchKernel's parameter array into the entry point's typed arguments.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

namespace emu {

using Invoker = void (*)(void* fn, void** params);
using ArgCheck = int (*)(void** params);

struct KernelInfo {
    const char* name;
    void* fn;
    Invoker invoke;
    ArgCheck first_bad_pointer;  // index of the first pointer argument outside device memory, or -1
    int arity;
    const size_t* sizes;  // each argument's size in bytes (a recorded launch copies the values)
};

template <typename... A>
struct ParamSizes {
    static constexpr size_t value[sizeof...(A) + 1] = {sizeof(A)..., 0};
};

// Null, or an address inside a live device allocation (fake_cuda.cpp).
bool device_pointer_ok(const void* p);

template <typename A>
bool arg_ok(void* param) {
    if constexpr (std::is_pointer_v<A>) {
        return device_pointer_ok(*static_cast<A*>(param));
    } else {
        return true;
    }
}

template <typename... A>
int first_bad_pointer(void** params) {
    int i = 0, bad = -1;
    ((bad < 0 && !arg_ok<A>(params[i]) ? bad = i : 0, i++), ...);
    return bad;
}

void register_kernel(const KernelInfo& k);
const KernelInfo* find_kernel(const std::string& name);

template <typename... A, std::size_t... I>
void invoke_with(void (*f)(A...), void** params, std::index_sequence<I...>) {
    f(*static_cast<A*>(params[I])...);
}

template <typename... A>
void invoke(void* fn, void** params) {
    invoke_with(reinterpret_cast<void (*)(A...)>(fn), params, std::index_sequence_for<A...>{});
}

// Registers a kernel at static initialisation: emu::Registrar r("name", &fn);
struct Registrar {
    template <typename... A>
    Registrar(const char* name, void (*fn)(A...)) {
        register_kernel(KernelInfo{name, reinterpret_cast<void*>(fn), &invoke<A...>, &first_bad_pointer<A...>,
                                    (int) sizeof...(A), ParamSizes<A...>::value});
    }
};

}  // namespace emu

// The emulator's DK_EXPORT (common.cuh keeps its own unless this one is defined first): the same
// entry points, each registered under its name.
#define DK_EXPORT(NAME, PARAMS_F, ARGS, PARAMS_D)                                   \
    extern "C" void NAME##_f32 PARAMS_F { NAME<float> ARGS; }                      \
    extern "C" void NAME##_f64 PARAMS_D { NAME<double> ARGS; }                     \
    static emu::Registrar NAME##_f32_registrar(#NAME "_f32", &NAME##_f32);         \
    static emu::Registrar NAME##_f64_registrar(#NAME "_f64", &NAME##_f64);
