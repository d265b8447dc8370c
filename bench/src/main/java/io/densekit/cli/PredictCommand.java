package io.densekit.cli;

import io.densekit.io.Npy;
import io.densekit.tensor.HostTensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densekit predict}: runs a trained model over inputs (.npy, IDX or CSV) and writes its outputs as .npy. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a model with saved weights (safetensors, or an ONNX file) over inputs and write the"
                + " outputs [n, outputs].")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelOptions source;

    @Option(names = "--x", required = true, paramLabel = "X",
            description = "Inputs [n, inputs]: .npy, IDX or CSV, or the gzip of one (told apart by content); with"
                    + " --label, that column is left out.")
    Path x;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "P.npy", description = "Where to write the outputs.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.requireWritable(spec, out, "--out");
        HostTensor p;
        String what;
        try (ModelOptions.Loaded m = source.open(spec)) {
            HostTensor xs = data.label == null
                    ? DataFiles.predictionInputs(x, DataFiles.read(x, data.delimiter, m.on().dtype()),
                            m.spec().inputWidth(), m.on().dtype(), "")
                    : Samples.features(data, x, m.spec(), m.on().dtype());
            p = m.net().predict(xs);
            what = m.spec() + " (" + m.on().dtype() + " on " + m.on().kernel().name() + ")";
        }
        Npy.write(out, p);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %s outputs of %s%n", out, p.shapeString(), what);
        w.flush();
        return 0;
    }
}
