package io.densekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densekit kernels}: every registered kernel, whether it runs here and why not. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"List the kernels: name, available or unavailable (with the reason), dtypes, device.",
                "The default is the available kernel of highest priority; DENSEKIT_KERNEL=NAME or",
                "-Ddensekit.kernel=NAME overrides it, --kernel NAME chooses per command."})
final class KernelsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One kernel as listed: {@code reason} says why it is unavailable, {@code details} describe an available one. */
    record Row(String name, boolean available, String reason, int priority, List<String> dtypes, String device,
               String details) {
    }

    /** What {@code --json} prints. */
    record Listing(String defaultKernel, List<Row> kernels) {
    }

    @Override
    public Integer call() throws Exception {
        Listing listing = listing();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writeValueAsString(listing));
        } else {
            Table t = new Table("", "KERNEL", "STATUS", "DTYPES", "DEVICE", "NOTES");
            for (Row r : listing.kernels()) {
                t.add(r.name(), r.available() ? "available" : "unavailable", String.join(",", r.dtypes()), r.device(),
                        r.available() ? r.details() : r.reason());
            }
            t.print(out);
            out.println(listing.defaultKernel() == null ? "no kernel is available"
                    : "default: " + listing.defaultKernel());
        }
        out.flush();
        return 0;
    }

    static Listing listing() {
        List<Row> rows = Kernels.list().stream().map(KernelsCommand::row).toList();
        String best;
        try {
            best = Kernels.best().name();
        } catch (KernelUnavailableException e) {
            best = null;
        }
        return new Listing(best, rows);
    }

    /** Starts each available kernel for its details, so one that fails to start is listed as unavailable. */
    private static Row row(KernelRegistry.Info info) {
        List<String> dtypes = Arrays.asList(info.dtypes().split(","));
        if (!info.available()) {
            return new Row(info.name(), false, info.availability().reason(), info.priority(), dtypes, info.device(), "");
        }
        try {
            Kernel k = Kernels.byName(info.name());
            return new Row(info.name(), true, "", info.priority(), dtypes, k.device(), k.details());
        } catch (KernelUnavailableException | LinkageError e) {
            return new Row(info.name(), false, e.getMessage(), info.priority(), dtypes, info.device(), "");
        }
    }
}
