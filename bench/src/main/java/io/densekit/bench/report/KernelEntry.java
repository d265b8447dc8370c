package io.densekit.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import java.util.List;

/** A kernel as the report lists it: its device and details when it runs here, the reason when not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KernelEntry(String name, boolean available, String device, String details, String reason) {

    /** Every registered kernel, in the registry's order; starting one that fails makes it unavailable. */
    public static List<KernelEntry> list(KernelRegistry registry) {
        return registry.list().stream().map(i -> of(registry, i)).toList();
    }

    private static KernelEntry of(KernelRegistry registry, KernelRegistry.Info info) {
        if (!info.available()) {
            return new KernelEntry(info.name(), false, info.device(), null, info.availability().reason());
        }
        try {
            Kernel k = registry.byName(info.name());
            return new KernelEntry(info.name(), true, k.device(), k.details(), null);
        } catch (KernelUnavailableException | LinkageError e) {
            return new KernelEntry(info.name(), false, info.device(), null, e.getMessage());
        }
    }
}
