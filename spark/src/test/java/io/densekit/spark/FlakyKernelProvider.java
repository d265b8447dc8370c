package io.densekit.spark;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.Kernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test kernel, "flaky": the simd kernel under another name, which throws once when armed, at the
 * n-th loss gradient (computed only in executors' tasks), so a test can fail a task and watch
 * Spark retry it. Lowest priority: discovery never picks it on its own.
 */
public final class FlakyKernelProvider implements KernelProvider {
    static final String NAME = "flaky";
    /** Loss gradients left before the injected failure; 0 or less: none armed. */
    static final AtomicInteger COUNTDOWN = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Kernel create() {
        Kernel simd = Kernels.byName("simd");
        return (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(), new Class<?>[] {Kernel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return NAME;
                    }
                    if (method.getName().equals("close")) {
                        return null; // the shared simd kernel is not ours to close
                    }
                    if (method.getName().equals("lossGradient") && COUNTDOWN.get() > 0
                            && COUNTDOWN.decrementAndGet() == 0) {
                        FAILURES.incrementAndGet();
                        throw new IllegalStateException("injected task failure");
                    }
                    try {
                        return method.invoke(simd, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
