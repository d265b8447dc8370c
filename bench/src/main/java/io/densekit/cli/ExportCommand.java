package io.densekit.cli;

import io.densekit.io.onnx.Onnx;
import io.densekit.kernel.Kernels;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densekit export}: writes a model and its saved weights as an ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a model with saved weights as an ONNX file, which ONNX Runtime runs.",
                "Opset 18: a Gemm (transB=1) per Dense layer, activations as nodes, weights under PyTorch's"
                        + " state_dict names, input 'input' and output 'output' of shape [batch, features];"
                        + " 'densekit predict --weights M.onnx' reads it back."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "SPEC", description = "The model spec it was trained with.")
    ModelSpec model;

    @Option(names = "--weights", required = true, paramLabel = "W.safetensors",
            description = "Weights in PyTorch state_dict names (as 'densekit train --out' writes them).")
    Path weights;

    @Option(names = "--out", required = true, paramLabel = "M.onnx", description = "Where to write the ONNX model.")
    Path out;

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default: the weights' dtype).")
    DType dtype;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.requireWritable(spec, out, "--out");
        DType dt = dtype != null ? dtype : DataFiles.weightsDType(weights);
        // The reference kernel holds the weights: exporting computes nothing, so no native library is needed.
        try (Sequential m = Sequential.of(model, Kernels.byName("reference"), dt, 0)) {
            DataFiles.loadWeights(weights, m);
            Onnx.write(m, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %s in %s (ONNX opset 18, input 'input' [batch, %d], output 'output' [batch, %d])%n", out,
                model, dt, model.inputWidth(), model.outputWidth());
        w.flush();
        return 0;
    }
}
