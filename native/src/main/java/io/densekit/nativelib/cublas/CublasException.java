package io.densekit.nativelib.cublas;

/** A cuBLAS call returned an error status; the message names the call and the status. */
public class CublasException extends RuntimeException {
    private final String call;
    private final CublasStatus status;
    private final int code;

    public CublasException(String call, int code) {
        super(message(call, code));
        this.call = call;
        this.status = CublasStatus.of(code);
        this.code = code;
    }

    private static String message(String call, int code) {
        CublasStatus s = CublasStatus.of(code);
        String name = s == CublasStatus.UNKNOWN ? "unknown cuBLAS status" : s.cName();
        return call + " failed: " + name + " (" + code + "): " + s.hint();
    }

    public String call() {
        return call;
    }

    public CublasStatus status() {
        return status;
    }

    public int code() {
        return code;
    }
}
