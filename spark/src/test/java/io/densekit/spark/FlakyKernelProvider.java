package io.densekit.spark;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test kernel, "flaky": simd, which throws once when armed, at the n-th loss gradient (computed
 * only in executors' tasks), so a test can fail a task and watch Spark retry it.
 */
public final class FlakyKernelProvider extends SimdVariantProvider {
    static final String NAME = "flaky";
    /** Loss gradients left before the injected failure; 0 or less: none armed. */
    static final AtomicInteger COUNTDOWN = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Object intercept(Method method, Object[] args) {
        if (method.getName().equals("lossGradient") && COUNTDOWN.get() > 0 && COUNTDOWN.decrementAndGet() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected task failure");
        }
        return PASS;
    }
}
