package io.densekit.nn;

import io.densekit.internal.ModelInternals;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stack of layers on one kernel and dtype: the model users build, train and run. Parameters,
 * gradients and activations live in the kernel's memory; host data crosses only in
 * {@link #predict}, {@link #evaluate}, the trainer's batches and the state dict.
 *
 * <p>Inference is thread-safe: {@link #predict}, {@link #evaluate}, {@link #accuracy} and
 * {@link #evaluateInKernel} may run on any number of threads at once, and each result has exactly
 * the bits the same call gives alone. They share only the read-only parameters; their activation
 * buffers come per call from a pool the model keeps (bounded), so steady-state calls allocate no
 * kernel memory. While a fit runs ({@link io.densekit.train.Trainer}) or weights load, inference on
 * other threads is refused with an {@link IllegalStateException}, and a fit or load is refused
 * while inference runs: never a mixed answer. {@link #close()} refuses new calls and frees the
 * model once the calls in flight are done. The training path ({@link #forward}, {@link #backward})
 * keeps per-layer state and is for one thread: the trainer's.
 *
 * <pre>{@code
 * Kernel k = Kernels.best();
 * try (Sequential m = Sequential.of("6,32:tanh,3", k, DType.F64, 42)) {   // or Sequential.builder(6)...
 *     FitOptions o = FitOptions.builder(LossKind.MSE).epochs(16).batch(33).optimizer(OptimizerSpec.sgd(0.01)).build();
 *     History h = new Trainer(m).fit(new Dataset(x, y), new Dataset(xValid, yValid), o);
 *     HostTensor p = m.predict(xNew);          // from any number of threads
 *     double[] one = m.predict(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6});
 *     m.save(Path.of("model.safetensors"));    // Sequential.load reads it back
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
    private final ModelGate gate;
    private final Inference inference;

    static {
        ModelInternals.install(Sequential::evaluateInKernel);
    }

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
        this.gate = new ModelGate("the model (" + describeShape() + ")");
        this.inference = new Inference(kernel, dtype, inputWidth, this.layers);
    }

    private String describeShape() {
        StringBuilder sb = new StringBuilder().append(inputWidth);
        layers.forEach(l -> sb.append(" -> ").append(l.outputWidth()));
        return sb.toString();
    }

    /**
     * Builds the model a spec describes on {@code kernel} in {@code dtype}, every Dense layer
     * initialised as PyTorch's {@code nn.Linear} (weights and biases uniform in +-1/sqrt(in)) from
     * one generator seeded by {@code seed}: the same arguments give the same weights on every kernel.
     */
    public static Sequential of(ModelSpec spec, Kernel kernel, DType dtype, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int width = spec.inputWidth();
        for (ModelSpec.LayerSpec ls : spec.layers()) {
            layers.add(new Dense(kernel, dtype, width, ls.units(), ls.activation(), random));
            width = ls.units();
        }
        return new Sequential(kernel, dtype, spec.inputWidth(), layers);
    }

    /** {@link #of(ModelSpec, Kernel, DType, long)} of a spec such as {@code "6,32:tanh,3"} ({@link ModelSpec#parse}). */
    public static Sequential of(String spec, Kernel kernel, DType dtype, long seed) {
        return of(ModelSpec.parse(spec), kernel, dtype, seed);
    }

    /**
     * A typed builder of the same models as the spec strings:
     * {@code Sequential.builder(784).dense(128, Activation.RELU).dense(10).build(kernel, DType.F32, seed)}
     * is {@code Sequential.of("784,128:relu,10", kernel, DType.F32, seed)}.
     */
    public static ModelBuilder builder(int inputWidth) {
        return new ModelBuilder(inputWidth);
    }

    /**
     * Writes the model to a safetensors file: the weights under PyTorch's state_dict names (as
     * {@link #state()} exports them, in the model's dtype) and, in {@code __metadata__}, the spec
     * and the dtype, so {@link #load(Path)} rebuilds it. PyTorch's {@code load_file} reads the weights.
     *
     * @throws IllegalStateException for a model a spec cannot describe (see {@link #spec()})
     */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file, Map.of());
    }

    /**
     * {@link #save(Path)} with {@code metadata} (for example class names) beside the spec and dtype
     * in {@code __metadata__}; its keys may not be {@code format}, {@code densekit_model} or
     * {@code densekit_dtype}.
     */
    public void save(Path file, Map<String, String> metadata) throws IOException {
        ModelFile.save(this, file, Map.copyOf(metadata));
    }

    /** {@link #load(Path, Kernel)} on {@link Kernels#best()}. */
    public static Sequential load(Path file) throws IOException {
        return load(file, Kernels.best());
    }

    /**
     * Reads a model {@link #save} wrote: builds the spec from the file's metadata in the dtype it
     * names, on {@code kernel}, and loads the weights.
     *
     * @throws io.densekit.io.MalformedFileException when the metadata lacks the spec or dtype, or
     *         holds one that does not parse, or the weights do not fit the spec
     */
    public static Sequential load(Path file, Kernel kernel) throws IOException {
        return ModelFile.load(file, kernel);
    }

    /**
     * The spec that builds this model's layers: every layer must be a {@link Dense} (as
     * {@link #of} builds them).
     *
     * @throws IllegalStateException naming the first layer a spec cannot describe
     */
    public ModelSpec spec() {
        List<ModelSpec.LayerSpec> specs = new ArrayList<>();
        for (Layer l : layers) {
            if (!(l instanceof Dense d)) {
                throw new IllegalStateException("the model's layer " + l.describe() + " has no spec form;"
                        + " a spec describes Dense layers (with their activations) only");
            }
            specs.add(new ModelSpec.LayerSpec(d.outputWidth(), d.activation()));
        }
        return new ModelSpec(inputWidth, specs);
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

    /**
     * Training forward pass on a batch already in kernel memory; returns the last layer's buffer.
     * The layers remember it for {@link #backward}: one thread only, inside {@link #startTraining()}.
     */
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

    /** The model's outputs for every row of {@code x} (converted to the model's dtype if needed). */
    public HostTensor predict(HostTensor x) {
        HostTensor xs = requireInput("x", x);
        HostTensor out = HostTensor.zeros(dtype, x.rows(), outputWidth());
        gate.enter("predict");
        try {
            inference.predict(xs, out);
        } finally {
            gate.exit();
        }
        return out;
    }

    /**
     * One row's outputs, for an f32 model: no tensors to build, and the model's buffers for one row
     * come from its pool. The row must have {@link #inputWidth()} values. An f64 model refuses
     * float[] rows (its results are doubles: use {@link #predict(double[])}).
     */
    public float[] predict(float[] row) {
        float[] out = new float[outputWidth()];
        predict(row, out);
        return out;
    }

    /** As {@link #predict(float[])}, into {@code out} ({@link #outputWidth()} values): nothing allocated. */
    public void predict(float[] row, float[] out) {
        predictRow(DType.F32, row, row.length, out, out.length);
    }

    /** One row's outputs, for an f64 model; an f32 model refuses double[] rows (see {@link #predict(float[])}). */
    public double[] predict(double[] row) {
        double[] out = new double[outputWidth()];
        predict(row, out);
        return out;
    }

    /** As {@link #predict(double[])}, into {@code out} ({@link #outputWidth()} values): nothing allocated. */
    public void predict(double[] row, double[] out) {
        predictRow(DType.F64, row, row.length, out, out.length);
    }

    /** The one-row forms' common path: {@code row} and {@code out} are arrays of {@code arrays}' element type. */
    private void predictRow(DType arrays, Object row, int rowLength, Object out, int outLength) {
        RowChecks.require(this, arrays, rowLength, outLength);
        gate.enter("predict");
        try {
            inference.predictRow(row, out);
        } finally {
            gate.exit();
        }
    }

    /** The mean loss over all of {@code x}, as PyTorch's mean reduction over the whole set would give. */
    public double evaluate(HostTensor x, HostTensor y, LossKind loss) {
        HostTensor xs = requireInput("x", x);
        HostTensor targets = Targets.prepare(loss, y, x.rows(), outputWidth(), dtype);
        gate.enter("evaluate");
        try {
            return inference.lossSum(xs, targets, loss) / x.rows();
        } finally {
            gate.exit();
        }
    }

    /**
     * {@link #evaluate(HostTensor, HostTensor, LossKind)} on data already in kernel memory, the
     * targets as {@link Targets#prepare} gives them. Chunks are cut with {@link Kernel#copyRows} and
     * their losses queued ({@link io.densekit.kernel.TrainingSupport#queueLoss}), so a device kernel waits once, at the end. The
     * same chunks and the same sum as on the host copies, so the same value. Not user API:
     * the trainer reaches it through {@link ModelInternals}.
     */
    double evaluateInKernel(Tensor x, Tensor targets, LossKind loss) {
        Shapes.requireMatrix("x", x, x.rows(), inputWidth);
        Inference.requireSameRows(x, targets);
        gate.enter("evaluateInKernel");
        try {
            return inference.meanLossInKernel(x, targets, loss);
        } finally {
            gate.exit();
        }
    }

    /** Fraction of rows whose arg-max output is the target class (indices or one-hot rows). */
    public double accuracy(HostTensor x, HostTensor y) {
        HostTensor xs = requireInput("x", x);
        HostTensor targets = Targets.prepare(LossKind.CROSS_ENTROPY, y, x.rows(), outputWidth(), dtype);
        gate.enter("accuracy");
        long correct;
        try {
            correct = inference.correct(xs, targets);
        } finally {
            gate.exit();
        }
        return x.rows() == 0 ? 0 : (double) correct / x.rows();
    }

    /**
     * Holds the model for training until the lease closes: inference on other threads, weight
     * loads and other fits are refused meanwhile, and this call is refused while inference runs
     * (it does not wait). {@link io.densekit.train.Trainer#fit} takes one; a custom training loop
     * around {@link #forward} and {@link #backward} should too.
     */
    public TrainingLease startTraining() {
        gate.beginExclusive("fit", "being trained");
        return new TrainingLease(gate);
    }

    /** The model's admission of calls (the state dict's load and export go through it too). */
    ModelGate gate() {
        return gate;
    }

    /** The inference buffers' pool (for tests of its bounds). */
    InferencePool inferencePool() {
        return inference.pool();
    }

    /** Checks a host input's width before anything is built; returns it in the model's dtype. */
    private HostTensor requireInput(String what, HostTensor x) {
        if (x.shape().length != 2 || x.cols() != inputWidth) {
            throw new io.densekit.tensor.ShapeException(what + " has shape " + x.shapeString()
                    + ", expected [n, " + inputWidth + "] for this model");
        }
        return x.dtype() == dtype ? x : x.to(dtype);
    }

    /** A description, one layer per line. */
    public String summary() {
        StringBuilder sb = new StringBuilder("Sequential(" + dtype + " on " + kernel.name() + ")\n");
        layers.forEach(l -> sb.append("  ").append(l.describe()).append('\n'));
        return sb.toString();
    }

    /**
     * Refuses every new call at once; frees the parameters and buffers once the calls in flight are
     * done, waiting up to {@value ModelGate#CLOSE_WAIT_SECONDS} seconds for them (after that the last
     * one frees them as it leaves). A fit in progress stops at its next batch. Closing twice is harmless.
     */
    @Override
    public void close() {
        gate.close(this::free);
    }

    private void free() {
        layers.forEach(Layer::close);
        inference.close();
    }
}
