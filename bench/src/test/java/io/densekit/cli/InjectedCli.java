package io.densekit.cli;

import io.densekit.kernel.KernelRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs densekit in-process with bench and check on a registry the test builds (no ServiceLoader). */
final class InjectedCli {
    private InjectedCli() {
    }

    static Cli.Result run(KernelRegistry registry, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == CheckCommand.class) {
                    return cls.cast(new CheckCommand(registry));
                }
                if (cls == BenchCommand.class) {
                    return cls.cast(new BenchCommand(registry));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return run(factory, args);
    }

    /** Runs densekit in-process with commands made by {@code factory}. */
    static Cli.Result run(CommandLine.IFactory factory, String... args) {
        CommandLine cmd = new CommandLine(new DensekitCommand(), factory);
        Converters.register(cmd);
        ErrorHandler errors = new ErrorHandler();
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Cli.Result(code, out.toString(), err.toString());
    }
}
