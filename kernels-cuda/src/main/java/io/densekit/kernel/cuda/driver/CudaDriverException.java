package io.densekit.kernel.cuda.driver;

/**
 * A CUDA driver call returned an error. The message names the call and the status by its CUDA 13
 * name ({@link CuResultNames}), and says when the error is one that leaves the context unusable
 * for the rest of the process.
 */
public class CudaDriverException extends RuntimeException {
    private final int status;

    public CudaDriverException(String call, int status) {
        this(call, status, CuResultNames.describe(status));
    }

    CudaDriverException(String call, int status, String statusName) {
        super(message(call, statusName, status));
        this.status = status;
    }

    /** For a subclass that words its own message. */
    protected CudaDriverException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The CUresult code. */
    public int status() {
        return status;
    }

    /** True for the errors after which the context stays broken (an illegal address, a failed launch, ...). */
    public boolean sticky() {
        return isSticky(status);
    }

    private static String message(String call, String statusName, int status) {
        String m = call + " failed: " + statusName;
        if (isSticky(status)) {
            m += "; the CUDA context is unusable for the rest of this process (restart the JVM)";
        }
        return m;
    }

    /** The CUresult codes the CUDA documentation calls sticky: the process must be restarted. */
    static boolean isSticky(int status) {
        return switch (status) {
            case 700, 701, 702, 710, 714, 715, 716, 719 -> true; // illegal address ... launch failed
            default -> false;
        };
    }
}
