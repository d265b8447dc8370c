package io.densekit.kernel.cuda.driver;

/**
 * One form of densekit's kernel module that the driver can load: machine code for one GPU family
 * (a cubin) or the PTX the driver JIT-compiles for any GPU of compute capability 7.5 or newer.
 *
 * @param kind  CUBIN or PTX
 * @param arch  for a cubin, its sm number (90 for sm_90); for PTX, the oldest it targets (75)
 * @param image the bytes cuModuleLoadDataEx takes (PTX NUL-terminated)
 */
public record ModuleImage(Kind kind, int arch, byte[] image) {
    /** The two forms. */
    public enum Kind { CUBIN, PTX }

    /** "sm_90 cubin" or "PTX (compute_75, JIT-compiled by the driver)". */
    public String label() {
        return kind == Kind.CUBIN ? "sm_" + arch + " cubin" : "PTX (compute_" + arch + ", JIT-compiled by the driver)";
    }

    /** Whether a cubin of this arch runs on a GPU of that compute capability: same major, minor not newer. */
    public boolean runsOn(int major, int minor) {
        return kind == Kind.PTX ? major * 10 + minor >= arch : cubinRunsOn(arch, major, minor);
    }

    /** Machine code for sm_XY runs on compute capability X.Z for Z >= Y only. */
    static boolean cubinRunsOn(int arch, int major, int minor) {
        return arch / 10 == major && arch % 10 <= minor;
    }
}
