#include "emu_image.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

constexpr int kInvalidValue = 1;
constexpr int kInvalidImage = 200;
constexpr int kNoBinaryForGpu = 209;
constexpr int kInvalidPtx = 218;
constexpr uint16_t kMachineCuda = 190;  // e_machine of a CUDA ELF
constexpr uint32_t kSymtab = 2;         // SHT_SYMTAB
constexpr int kFunc = 2;                // STT_FUNC
constexpr int kGlobal = 1;              // STB_GLOBAL

template <typename T>
T read(const unsigned char* b, size_t at) {
    T v;
    std::memcpy(&v, b + at, sizeof v);
    return v;
}

std::string format(const char* fmt, int a, int b) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

// A cubin: its global functions are the kernels. The arch is byte 1 of e_flags (0x5a = sm_90), as
// nvcc writes it; machine code for sm_XY runs on compute capability X.Z for Z >= Y only.
int load_cubin(const unsigned char* b, int cc, std::set<std::string>& entries, std::string& info, std::string& error) {
    if (b[4] != 2 || read<uint16_t>(b, 18) != kMachineCuda) {
        error = "the image is an ELF file but not a 64-bit CUDA cubin";
        return kInvalidImage;
    }
    int arch = (int) ((read<uint32_t>(b, 48) >> 8) & 0xff);
    if (arch / 10 != cc / 10 || arch % 10 > cc % 10) {
        error = format("the cubin is machine code for sm_%d; this device is compute capability sm_%d", arch, cc);
        return kNoBinaryForGpu;
    }
    uint64_t shoff = read<uint64_t>(b, 40);
    uint16_t shentsize = read<uint16_t>(b, 58);
    uint16_t shnum = read<uint16_t>(b, 60);
    for (uint16_t i = 0; i < shnum; i++) {
        const unsigned char* sh = b + shoff + (uint64_t) i * shentsize;
        if (read<uint32_t>(sh, 4) != kSymtab) {
            continue;
        }
        const unsigned char* strtab = b + read<uint64_t>(b + shoff + (uint64_t) read<uint32_t>(sh, 40) * shentsize, 24);
        uint64_t offset = read<uint64_t>(sh, 24);
        uint64_t count = read<uint64_t>(sh, 32) / 24;
        for (uint64_t k = 0; k < count; k++) {
            const unsigned char* sym = b + offset + k * 24;
            unsigned char type = sym[4];
            if ((type & 0xf) == kFunc && (type >> 4) == kGlobal) {
                entries.insert(reinterpret_cast<const char*>(strtab + read<uint32_t>(sym, 0)));
            }
        }
    }
    info = format("densekit cuda emulator: loaded a cubin for sm_%d (%d kernels)", arch, (int) entries.size());
    return 0;
}

// PTX text: its .entry names are the kernels; a .target newer than the device does not compile.
int load_ptx(const char* text, int cc, std::set<std::string>& entries, std::string& info, std::string& error) {
    std::string ptx(text);
    if (ptx.find(".version") == std::string::npos) {
        error = "ptxas fatal   : the PTX has no .version directive";
        return kInvalidPtx;
    }
    size_t t = ptx.find(".target sm_");
    if (t == std::string::npos) {
        error = "ptxas fatal   : the PTX has no .target sm_NN directive";
        return kInvalidPtx;
    }
    int target = std::atoi(ptx.c_str() + t + 11);
    if (target > cc) {
        error = format("ptxas fatal   : SM version specified by .target (sm_%d) is higher than this device's (sm_%d)",
                       target, cc);
        return kInvalidPtx;
    }
    for (size_t at = ptx.find(".entry "); at != std::string::npos; at = ptx.find(".entry ", at + 7)) {
        size_t open = ptx.find('(', at);
        if (open != std::string::npos) {
            entries.insert(ptx.substr(at + 7, open - at - 7));
        }
    }
    info = format("densekit cuda emulator: JIT-compiled PTX for sm_%d to sm_%d", target, cc)
           + " (" + std::to_string(entries.size()) + " kernels)";
    return 0;
}

void copy_log(char* buffer, size_t size, const std::string& log, size_t* written) {
    if (buffer == nullptr || size == 0) {
        *written = 0;
        return;
    }
    size_t n = log.size() < size - 1 ? log.size() : size - 1;
    std::memcpy(buffer, log.data(), n);
    buffer[n] = '\0';
    *written = n;
}

}  // namespace

int emu_image::load(const void* image, int cc, std::set<std::string>& entries, std::string& info, std::string& error) {
    const unsigned char* b = static_cast<const unsigned char*>(image);
    if (std::memcmp(b, "\x7f" "ELF", 4) == 0) {
        return load_cubin(b, cc, entries, info, error);
    }
    const char* text = static_cast<const char*>(image);
    if (std::strstr(text, ".version") == nullptr && std::strstr(text, ".target") == nullptr) {
        error = "the image is neither PTX text nor a cubin";
        return kInvalidImage;
    }
    return load_ptx(text, cc, entries, info, error);
}

void emu_image::write_logs(unsigned n, const int* options, void** values, const std::string& info,
                           const std::string& error) {
    constexpr int kInfoBuffer = 3, kInfoSize = 4, kErrorBuffer = 5, kErrorSize = 6;
    char* info_buf = nullptr;
    char* error_buf = nullptr;
    int info_size = -1;
    int error_size = -1;
    for (unsigned i = 0; i < n; i++) {
        switch (options[i]) {
            case kInfoBuffer: info_buf = static_cast<char*>(values[i]); break;
            case kErrorBuffer: error_buf = static_cast<char*>(values[i]); break;
            case kInfoSize: info_size = (int) i; break;
            case kErrorSize: error_size = (int) i; break;
            default: break;
        }
    }
    if (info_size >= 0) {
        size_t written;
        copy_log(info_buf, (size_t) reinterpret_cast<uintptr_t>(values[info_size]), info, &written);
        values[info_size] = reinterpret_cast<void*>(written);
    }
    if (error_size >= 0) {
        size_t written;
        copy_log(error_buf, (size_t) reinterpret_cast<uintptr_t>(values[error_size]), error, &written);
        values[error_size] = reinterpret_cast<void*>(written);
    }
}

const char* emu_image::error_name(int code) {
    switch (code) {
        case 0: return "CUDA_SUCCESS";
        case kInvalidValue: return "CUDA_ERROR_INVALID_VALUE";
        case 2: return "CUDA_ERROR_OUT_OF_MEMORY";
        case 3: return "CUDA_ERROR_NOT_INITIALIZED";
        case 101: return "CUDA_ERROR_INVALID_DEVICE";
        case kInvalidImage: return "CUDA_ERROR_INVALID_IMAGE";
        case 201: return "CUDA_ERROR_INVALID_CONTEXT";
        case kNoBinaryForGpu: return "CUDA_ERROR_NO_BINARY_FOR_GPU";
        case kInvalidPtx: return "CUDA_ERROR_INVALID_PTX";
        case 400: return "CUDA_ERROR_INVALID_HANDLE";
        case 401: return "CUDA_ERROR_ILLEGAL_STATE";
        case 500: return "CUDA_ERROR_NOT_FOUND";
        case 700: return "CUDA_ERROR_ILLEGAL_ADDRESS";
        case 719: return "CUDA_ERROR_LAUNCH_FAILED";
        case 801: return "CUDA_ERROR_NOT_SUPPORTED";
        case 900: return "CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED";
        case 901: return "CUDA_ERROR_STREAM_CAPTURE_INVALIDATED";
        case 904: return "CUDA_ERROR_STREAM_CAPTURE_UNJOINED";
        case 905: return "CUDA_ERROR_STREAM_CAPTURE_ISOLATION";
        case 907: return "CUDA_ERROR_CAPTURED_EVENT";
        default: return nullptr;
    }
}
