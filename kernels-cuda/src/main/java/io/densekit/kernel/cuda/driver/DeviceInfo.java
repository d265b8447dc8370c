package io.densekit.kernel.cuda.driver;

import io.densekit.kernel.cuda.memory.Bytes;

/**
 * What the driver says about one GPU.
 *
 * @param ordinal       the device number (cuda:N)
 * @param name          e.g. "NVIDIA H100 80GB HBM3"
 * @param major         compute capability, major
 * @param minor         compute capability, minor
 * @param totalBytes    device memory
 * @param driverVersion cuDriverGetVersion's value, e.g. 13000 for CUDA 13.0
 */
public record DeviceInfo(int ordinal, String name, int major, int minor, long totalBytes, int driverVersion) {

    /** The oldest GPUs the PTX targets: compute capability 7.5 (Turing). */
    public static final int MIN_MAJOR = 7;
    public static final int MIN_MINOR = 5;

    public boolean supported() {
        return major > MIN_MAJOR || (major == MIN_MAJOR && minor >= MIN_MINOR);
    }

    /** "cuda:0 NVIDIA H100 80GB HBM3". */
    public String device() {
        return "cuda:" + ordinal + " " + name;
    }

    /** "sm_90, 79.1 GiB, driver CUDA 13.0". */
    public String describe() {
        return "sm_" + major + minor + ", " + Bytes.format(totalBytes) + ", driver CUDA " + driverVersion / 1000 + "."
                + driverVersion % 1000 / 10;
    }
}
