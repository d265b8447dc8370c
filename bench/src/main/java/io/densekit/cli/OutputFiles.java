package io.densekit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks on the files a command will write, made before any input is read. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Throws unless {@code file} (given with {@code option}) can be created: its folder exists and it is no folder. */
    static void requireWritable(CommandSpec spec, Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": the folder " + parent
                    + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + " is a directory, expected a file name");
        }
    }
}
