package io.densekit.kernel.cuda.driver;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the driver, through JCuda, whether the requested GPU is there and new enough. This is the
 * first class to touch {@link JCudaDriver}, whose class initialiser loads JCuda's native binding;
 * callers reach it only after libcuda has been found, so a machine without a driver never loads it.
 * Before that, {@link JCudaBindingFile} makes sure the binding JCuda will load is a whole file.
 */
public final class DriverProbe {
    private DriverProbe() {
    }

    /** The device, or why it cannot be used. */
    public record Result(DeviceInfo device, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Never throws: a failure to load JCuda's binding or a driver error becomes the problem. */
    public static Result probe(int ordinal) {
        JCudaBindingFile.prepare();
        try {
            return query(ordinal);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Result(null, "JCuda's native driver binding (jcuda-natives " + "for " + platform()
                    + ") failed to load: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Result(null, "CUDA driver query failed: " + e.getMessage());
        }
    }

    private static Result query(int ordinal) {
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            return new Result(null, "cuInit failed: " + Cu.describe(init) + initHint(init));
        }
        int[] count = new int[1];
        Cu.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            return new Result(null, "the CUDA driver sees no GPU (cuDeviceGetCount = 0)");
        }
        if (ordinal < 0 || ordinal >= count[0]) {
            return new Result(null, "GPU cuda:" + ordinal + " requested (densekit.cuda.device), but the driver sees "
                    + count[0] + " GPU(s): cuda:0 .. cuda:" + (count[0] - 1));
        }
        DeviceInfo info = info(ordinal);
        if (!info.supported()) {
            return new Result(info, info.device() + " has compute capability " + info.major() + "." + info.minor()
                    + "; densekit's PTX needs " + DeviceInfo.MIN_MAJOR + "." + DeviceInfo.MIN_MINOR + " or newer");
        }
        return new Result(info, null);
    }

    private static DeviceInfo info(int ordinal) {
        CUdevice dev = new CUdevice();
        Cu.check(JCudaDriver.cuDeviceGet(dev, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        Cu.check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
        int[] v = new int[1];
        Cu.check(JCudaDriver.cuDeviceGetAttribute(v, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev), "cuDeviceGetAttribute");
        int major = v[0];
        Cu.check(JCudaDriver.cuDeviceGetAttribute(v, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev), "cuDeviceGetAttribute");
        int minor = v[0];
        long[] total = new long[1];
        Cu.check(JCudaDriver.cuDeviceTotalMem(total, dev), "cuDeviceTotalMem");
        Cu.check(JCudaDriver.cuDriverGetVersion(v), "cuDriverGetVersion");
        return new DeviceInfo(ordinal, cString(name), major, minor, total[0], v[0]);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    private static String initHint(int status) {
        return switch (status) {
            case 100 -> ": no CUDA-capable GPU is visible (check CUDA_VISIBLE_DEVICES and nvidia-smi)";
            case 35 -> ": the NVIDIA driver is older than the CUDA runtime needs";
            case 34 -> ": the libcuda found is the toolkit's stub, not the driver's library";
            case 999, 3 -> ": the driver failed to initialise (is the kernel module loaded? see nvidia-smi)";
            default -> "";
        };
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }
}
