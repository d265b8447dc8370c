package io.densekit.cli;

import io.densekit.io.SafeTensors;
import io.densekit.io.onnx.OnnxModel;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that give a trained model to run: its weights (safetensors or ONNX), spec, kernel and dtype. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "SPEC",
            description = "The model spec it was trained with (required with safetensors weights; an ONNX graph gives"
                    + " its own, which --model must then match).")
    ModelSpec model;

    @Option(names = "--weights", required = true, paramLabel = "W.safetensors|M.onnx",
            description = "Weights in PyTorch state_dict names (as 'densekit train --out' writes them), or an .onnx"
                    + " model (as torch.onnx.export or 'densekit export' write it).")
    Path weights;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Kernel to run on (default: see 'densekit kernels').")
    String kernel;

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default: the weights' dtype).")
    DType dtype;

    /**
     * A model with its weights loaded, on its kernel, and the class names it was trained on
     * (from 'densekit train --out' metadata; empty otherwise).
     */
    record Loaded(Sequential net, ModelSpec spec, KernelChoice on, List<String> classes) implements AutoCloseable {
        @Override
        public void close() {
            net.close();
        }
    }

    /** Builds the model of {@link #weights} on the chosen kernel; the caller closes it. */
    Loaded open(CommandSpec command) throws IOException {
        boolean onnx = OnnxFiles.isOnnx(weights);
        if (!onnx && model == null) {
            throw new ParameterException(command.commandLine(), "--model SPEC is required with safetensors weights"
                    + " (only an .onnx file carries its spec)");
        }
        if (onnx) {
            OnnxModel graph = OnnxFiles.load(weights, model);
            KernelChoice on = KernelChoice.of(kernel, dtype, graph.dtype());
            return new Loaded(graph.build(on.kernel(), on.dtype()), graph.spec(), on, List.of());
        }
        KernelChoice on = KernelChoice.of(kernel, dtype, DataFiles.weightsDType(weights));
        List<String> classes = ClassNames.of(SafeTensors.read(weights).metadata(), weights);
        Sequential net = Sequential.of(model, on.kernel(), on.dtype(), 0);
        try {
            DataFiles.loadWeights(weights, net);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return new Loaded(net, model, on, classes);
    }
}
