package io.densekit.spark;

import io.densekit.kernel.Availability;
import io.densekit.kernel.KernelUnavailableException;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * A test kernel, "driveronly": simd on the driver, unavailable inside Spark tasks, with a reason of
 * its own. In executor JVMs (local-cluster) the kernel's availability is first asked inside a task,
 * so the registry there refuses it with that reason. In local mode the executor is this JVM, whose
 * registry asked once, for the driver, and shares the instance it made: that instance then refuses
 * every call inside a task with the registry's message, as a kernel that cannot run there would.
 */
public final class DriverOnlyKernelProvider extends SimdVariantProvider {
    static final String NAME = "driveronly";
    static final String REASON = "no driveronly device on this machine (a test kernel that runs outside Spark tasks only)";
    private static final Set<String> ALWAYS_ANSWERED = Set.of("toString", "hashCode", "equals");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        return inTask() ? Availability.no(REASON) : Availability.yes();
    }

    @Override
    Object intercept(Method method, Object[] args) {
        if (inTask() && !ALWAYS_ANSWERED.contains(method.getName())) {
            throw new KernelUnavailableException("kernel '" + NAME + "' is unavailable: " + REASON);
        }
        return PASS;
    }
}
