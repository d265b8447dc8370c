package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stack of layers on one kernel and dtype: the model users build, train and run. Parameters,
 * gradients and activations live in the kernel's memory; host data crosses only in
 * {@link #predict}, {@link #evaluate}, the trainer's batches and the state dict. Not thread-safe.
 *
 * <pre>{@code
 * Kernel k = Kernels.best();
 * try (Sequential m = Sequential.of("6,32:tanh,3", DType.F64, k, 42)) {
 *     History h = new Trainer(m).fit(x, y, FitOptions.builder(LossKind.MSE).epochs(16).batch(33).lr(0.01).build());
 *     HostTensor p = m.predict(xNew);
 * }
 * }</pre>
 */
public final class Sequential implements AutoCloseable {
    /** Rows per chunk when predicting or evaluating large data sets. */
    static final int CHUNK = 4096;

    private final Kernel kernel;
    private final DType dtype;
    private final int inputWidth;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final StateDict stateDict;
    private Tensor inputStage;

    public Sequential(Kernel kernel, DType dtype, int inputWidth, List<Layer> layers) {
        if (!kernel.dtypes().contains(dtype)) {
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' does not compute in " + dtype
                    + "; it supports " + kernel.dtypes());
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        int width = inputWidth;
        for (Layer l : layers) {
            if (l.inputWidth() != width) {
                throw new IllegalArgumentException(l.describe() + " takes " + l.inputWidth()
                        + " inputs but follows a layer of width " + width);
            }
            width = l.outputWidth();
        }
        this.kernel = kernel;
        this.dtype = dtype;
        this.inputWidth = inputWidth;
        this.layers = List.copyOf(layers);
        List<Parameter> ps = new ArrayList<>();
        this.layers.forEach(l -> ps.addAll(l.parameters()));
        this.parameters = List.copyOf(ps);
        this.stateDict = new StateDict(this);
    }

    /** Builds the model a spec describes, initialised as PyTorch's nn.Linear from {@code seed}. */
    public static Sequential of(ModelSpec spec, DType dtype, Kernel kernel, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int width = spec.inputWidth();
        for (ModelSpec.LayerSpec ls : spec.layers()) {
            layers.add(new Dense(kernel, dtype, width, ls.units(), ls.activation(), random));
            width = ls.units();
        }
        return new Sequential(kernel, dtype, spec.inputWidth(), layers);
    }

    public static Sequential of(String spec, DType dtype, Kernel kernel, long seed) {
        return of(ModelSpec.parse(spec), dtype, kernel, seed);
    }

    public Kernel kernel() {
        return kernel;
    }

    public DType dtype() {
        return dtype;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int outputWidth() {
        return layers.getLast().outputWidth();
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Every trainable parameter, layer by layer (built once: optimizers ask for it every step). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The weights under the names a PyTorch {@code nn.Sequential} state_dict uses. */
    public StateDict state() {
        return stateDict;
    }

    /** Training forward pass on a batch already in kernel memory; returns the last layer's buffer. */
    public Tensor forward(Tensor x) {
        Shapes.requireMatrix("model input", x, x.rows(), inputWidth);
        Tensor out = x;
        for (Layer l : layers) {
            out = l.forward(out);
        }
        return out;
    }

    /** Backward pass after {@link #forward}: fills every parameter's gradient. Overwrites {@code gradOutput}. */
    public void backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
    }

    /** The model's outputs for every row of {@code x}. */
    public HostTensor predict(HostTensor x) {
        requireInput("x", x);
        HostTensor out = HostTensor.zeros(dtype, x.rows(), outputWidth());
        for (int from = 0; from < x.rows(); from += CHUNK) {
            int to = Math.min(x.rows(), from + CHUNK);
            Tensor y = forward(stage(x.rowSlice(from, to)));
            kernel.copyToHost(y, out.rowSlice(from, to));
        }
        return out;
    }

    /** The mean loss over all of {@code x}, as PyTorch's mean reduction over the whole set would give. */
    public double evaluate(HostTensor x, HostTensor y, LossKind loss) {
        requireInput("x", x);
        HostTensor targets = Targets.prepare(loss, y, x.rows(), outputWidth(), dtype);
        double total = 0;
        for (int from = 0; from < x.rows(); from += CHUNK) {
            int to = Math.min(x.rows(), from + CHUNK);
            Tensor p = forward(stage(x.rowSlice(from, to)));
            Tensor t = kernel.upload(targets.rowSlice(from, to));
            total += kernel.loss(loss, p, t) * (to - from);
            t.close();
        }
        return total / x.rows();
    }

    /**
     * {@link #evaluate(HostTensor, HostTensor, LossKind)} on data already in kernel memory, the
     * targets as {@link Targets#prepare} gives them. Chunks are cut with {@link Kernel#copyRows} and
     * their losses queued ({@link Kernel#lossAsync}), so a device kernel waits once, at the end. The
     * same chunks and the same sum as on the host copies, so the same value.
     */
    public double evaluateInKernel(Tensor x, Tensor targets, LossKind loss) {
        Shapes.requireMatrix("x", x, x.rows(), inputWidth);
        if (targets.rows() != x.rows()) {
            throw new io.densekit.tensor.ShapeException("targets have " + targets.rows() + " rows, x has " + x.rows());
        }
        int n = x.rows();
        if (n <= CHUNK) { // no copies: the data is one chunk
            double total = 0;
            total += kernel.lossAsync(loss, forward(x), targets).get() * n;
            return total / n;
        }
        io.densekit.kernel.PendingLoss[] pending = new io.densekit.kernel.PendingLoss[(n + CHUNK - 1) / CHUNK];
        List<Tensor> buffers = new ArrayList<>();
        try {
            Tensor xc = null;
            Tensor tc = null;
            for (int from = 0, i = 0; from < n; from += CHUNK, i++) {
                int rows = Math.min(n, from + CHUNK) - from;
                if (xc == null || xc.rows() != rows) { // a full chunk, then maybe a shorter last one
                    xc = kernel.allocate(dtype, rows, inputWidth);
                    buffers.add(xc);
                    tc = kernel.allocate(dtype, rows, targets.cols());
                    buffers.add(tc);
                }
                kernel.copyRows(x, null, from, xc);
                kernel.copyRows(targets, null, from, tc);
                pending[i] = kernel.lossAsync(loss, forward(xc), tc);
            }
            double total = 0;
            for (int from = 0, i = 0; from < n; from += CHUNK, i++) {
                total += pending[i].get() * (Math.min(n, from + CHUNK) - from);
            }
            return total / n;
        } finally {
            buffers.forEach(Tensor::close);
        }
    }

    /** Fraction of rows whose arg-max output is the target class (indices or one-hot rows). */
    public double accuracy(HostTensor x, HostTensor y) {
        requireInput("x", x);
        HostTensor targets = Targets.prepare(LossKind.CROSS_ENTROPY, y, x.rows(), outputWidth(), dtype);
        long correct = 0;
        for (int from = 0; from < x.rows(); from += CHUNK) {
            int to = Math.min(x.rows(), from + CHUNK);
            Tensor p = forward(stage(x.rowSlice(from, to)));
            Tensor t = kernel.upload(targets.rowSlice(from, to));
            correct += kernel.countCorrect(p, t);
            t.close();
        }
        return x.rows() == 0 ? 0 : (double) correct / x.rows();
    }

    /** Checks a host input's width and converts it to the model's dtype where needed. */
    HostTensor requireInput(String what, HostTensor x) {
        if (x.shape().length != 2 || x.cols() != inputWidth) {
            throw new io.densekit.tensor.ShapeException(what + " has shape " + x.shapeString()
                    + ", expected [n, " + inputWidth + "] for this model");
        }
        return x;
    }

    /** Puts a host batch where the kernel can read it: the view itself on host kernels, a reused buffer otherwise. */
    Tensor stage(HostTensor batch) {
        HostTensor b = batch.dtype() == dtype ? batch : batch.to(dtype);
        if (kernel instanceof io.densekit.kernel.HostKernel) {
            return b;
        }
        if (inputStage == null || inputStage.rows() != b.rows()) {
            if (inputStage != null) {
                inputStage.close();
            }
            inputStage = kernel.allocate(dtype, b.rows(), inputWidth);
        }
        kernel.copyFromHost(b, inputStage);
        return inputStage;
    }

    /** A description, one layer per line. */
    public String summary() {
        StringBuilder sb = new StringBuilder("Sequential(" + dtype + " on " + kernel.name() + ")\n");
        layers.forEach(l -> sb.append("  ").append(l.describe()).append('\n'));
        return sb.toString();
    }

    @Override
    public void close() {
        layers.forEach(Layer::close);
        if (inputStage != null) {
            inputStage.close();
        }
    }
}
