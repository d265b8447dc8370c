package io.densekit.cli;

import io.densekit.io.Npy;
import io.densekit.io.onnx.OnnxModel;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densekit predict}: runs a trained model over .npy inputs and writes its outputs as .npy. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a model with saved weights (safetensors, or an ONNX file) over inputs and write the"
                + " outputs [n, outputs].")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "SPEC",
            description = "The model spec it was trained with (required with safetensors weights; an ONNX graph gives"
                    + " its own, which --model must then match).")
    ModelSpec model;

    @Option(names = "--weights", required = true, paramLabel = "W.safetensors|M.onnx",
            description = "Weights in PyTorch state_dict names (as 'densekit train --out' writes them), or an .onnx"
                    + " model (as torch.onnx.export or 'densekit export' write it).")
    Path weights;

    @Option(names = "--x", required = true, paramLabel = "X.npy", description = "Inputs [n, inputs].")
    Path x;

    @Option(names = "--out", required = true, paramLabel = "P.npy", description = "Where to write the outputs.")
    Path out;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Kernel to run on (default: see 'densekit kernels').")
    String kernel;

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default: the weights' dtype).")
    DType dtype;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.requireWritable(spec, out, "--out");
        boolean onnx = OnnxFiles.isOnnx(weights);
        if (!onnx && model == null) {
            throw new ParameterException(spec.commandLine(), "--model SPEC is required with safetensors weights"
                    + " (only an .onnx file carries its spec)");
        }
        OnnxModel graph = onnx ? OnnxFiles.load(weights, model) : null;
        ModelSpec m = onnx ? graph.spec() : model;
        KernelChoice on = KernelChoice.of(kernel, dtype, onnx ? graph.dtype() : DataFiles.weightsDType(weights));
        HostTensor xs = DataFiles.predictionInputs(x, m.inputWidth(), on.dtype());
        HostTensor p;
        try (Sequential net = onnx ? graph.build(on.kernel(), on.dtype()) : Sequential.of(m, on.kernel(), on.dtype(), 0)) {
            if (!onnx) {
                DataFiles.loadWeights(weights, net);
            }
            p = net.predict(xs);
        }
        Npy.write(out, p);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %s outputs of %s (%s on %s)%n", out, p.shapeString(), m, on.dtype(), on.kernel().name());
        w.flush();
        return 0;
    }
}
