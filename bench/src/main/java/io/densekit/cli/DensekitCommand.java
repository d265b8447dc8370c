package io.densekit.cli;

import io.densekit.cli.demo.DemoCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code densekit} command line: {@code kernels}, {@code train}, {@code predict}, {@code evaluate}, {@code export}, {@code demo},
 * {@code bench}, {@code check}, {@code jmh}, {@code tune}.
 * Bad input ends with one line on stderr and exit code {@value ErrorHandler#BAD_INPUT}
 * (see {@link ErrorHandler}); {@code --verbose} adds stack traces.
 */
@Command(name = "densekit", mixinStandardHelpOptions = true, versionProvider = DensekitCommand.Version.class,
        description = "Dense neural networks on pluggable kernels (reference, SIMD, BLAS, CUDA).",
        subcommands = {KernelsCommand.class, TrainCommand.class, PredictCommand.class, EvaluateCommand.class, ExportCommand.class, DemoCommand.class, BenchCommand.class, CheckCommand.class, JmhCommand.class, TuneCommand.class,
                CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class DensekitCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with densekit's converters and error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new DensekitCommand());
        Converters.register(cmd);
        ErrorHandler errors = new ErrorHandler();
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }

    /** Runs one command line with the given streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DensekitCommand.class.getPackage().getImplementationVersion();
            return new String[] {"densekit " + (v == null ? "(development build)" : v)
                    + " on Java " + Runtime.version()};
        }
    }
}
