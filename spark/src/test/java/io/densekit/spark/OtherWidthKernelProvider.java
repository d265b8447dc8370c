package io.densekit.spark;

import java.lang.reflect.Method;

/**
 * A test kernel, "otherwidth": simd, whose details name another vector width inside Spark tasks,
 * as an executor on a machine of another CPU family would report.
 */
public final class OtherWidthKernelProvider extends SimdVariantProvider {
    static final String NAME = "otherwidth";
    /** A width no machine's simd kernel has, so it differs from the driver's on any machine. */
    static final String TASK_WIDTH = "64-bit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Object intercept(Method method, Object[] args) {
        if (inTask() && method.getName().equals("details")) {
            return "the simd kernel under another name, " + TASK_WIDTH + " vectors inside Spark tasks";
        }
        return PASS;
    }
}
