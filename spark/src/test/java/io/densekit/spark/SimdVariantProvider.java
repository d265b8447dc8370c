package io.densekit.spark;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.Kernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.apache.spark.TaskContext;

/**
 * A test kernel: the shared simd kernel under another name, with some calls answered otherwise
 * ({@link #intercept}). Lowest priority: discovery never picks it on its own.
 */
abstract class SimdVariantProvider implements KernelProvider {
    /** What {@link #intercept} returns to let the simd kernel answer the call. */
    static final Object PASS = new Object();

    /** The call's answer, or {@link #PASS}. */
    abstract Object intercept(Method method, Object[] args);

    /** Whether this code runs inside a Spark task (on an executor, or in local mode on a task thread). */
    static boolean inTask() {
        return TaskContext.get() != null;
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
                        return name();
                    }
                    if (method.getName().equals("close")) {
                        return null; // the shared simd kernel is not ours to close
                    }
                    Object answer = intercept(method, args);
                    if (answer != PASS) {
                        return answer;
                    }
                    try {
                        return method.invoke(simd, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
