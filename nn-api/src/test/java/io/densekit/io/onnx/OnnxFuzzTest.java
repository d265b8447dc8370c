package io.densekit.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.densekit.io.FileMutations;
import io.densekit.io.MalformedFileException;
import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Feeds the ONNX reader random bytes, mutations of valid files (ours and PyTorch's: byte flips,
 * truncations, insertions, deletions) and random graphs of supported and unsupported nodes with
 * random operands. The only allowed outcomes are a model or a {@link MalformedFileException}, and
 * no allocation beyond a small multiple of the file size (a huge declared length or shape must be
 * checked against the bytes that exist before anything is allocated for it).
 */
class OnnxFuzzTest {
    private static final int TRIES = 300;
    private static final List<String> SMALL_FIXTURES = List.of("nobias_f32_transpose_matmul_opset14",
            "flatten_f64_inputs_opset16", "digits_f32_matmul_add_opset15");
    private static final String[] OPS = {"Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
        "Flatten", "Identity", "Transpose", "Constant", "Conv", "Mul", ""};
    private static final String[] ATTRIBUTES = {"transA", "transB", "alpha", "beta", "axis", "perm", "value", "other"};

    private static Path scratch;
    private static List<byte[]> fixtures;

    @BeforeContainer
    static void warmUp() throws IOException {
        scratch = Files.createTempFile("densekit-onnx-fuzz-", ".onnx");
        fixtures = SMALL_FIXTURES.stream().map(n -> OnnxFixture.load(n).model()).toList();
        Onnx.parse(fixtures.getFirst(), scratch);
        try {
            Onnx.parse(new byte[] {1}, scratch);
        } catch (MalformedFileException expected) {
            // the error path is warmed up too
        }
    }

    @AfterContainer
    static void removeScratchFile() throws IOException {
        Files.deleteIfExists(scratch);
    }

    @Property(tries = TRIES)
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll @IntRange(min = 0, max = 2) int prefix) throws IOException {
        // Mostly noise; sometimes behind a valid ir_version and the start of a graph field.
        byte[] head = switch (prefix) {
            case 1 -> new byte[] {0x08, 0x08, 0x3a};
            case 2 -> new byte[] {0x08, 0x08, 0x42, 0x04, 0x0a, 0x00, 0x10, 0x11, 0x3a};
            default -> new byte[0];
        };
        readOrRefuse(FileMutations.concat(head, bytes));
    }

    @Property(tries = TRIES)
    void mutatedWrittenModels(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String spec = r.nextInt(1, 5) + "," + r.nextInt(1, 5) + ":" + Activation.values()[r.nextInt(6)].specName()
                + "," + r.nextInt(1, 4);
        byte[] valid;
        try (Sequential m = Sequential.of(spec, Kernels.byName("reference"), r.nextBoolean() ? DType.F32 : DType.F64, seed)) {
            valid = ModelEncoder.encode(m);
        }
        readOrRefuse(FileMutations.mutate(valid, r, 0, 0, ""));
    }

    @Property(tries = TRIES)
    void mutatedPyTorchExports(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        readOrRefuse(FileMutations.mutate(fixtures.get(r.nextInt(fixtures.size())), r, 0, 0, ""));
    }

    @Property(tries = TRIES)
    void randomGraphs(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = new ArrayList<>(List.of("x", "y", "", "w", "b"));
        GraphBuilder g = new GraphBuilder().opset(r.nextBoolean() ? "" : "ai.onnx", r.nextInt(11, 24));
        g.input("x", type(r), dims(r));
        g.output("y", type(r), dims(r));
        for (int i = r.nextInt(0, 4); i > 0; i--) {
            long[] shape = new long[r.nextInt(0, 4)];
            Arrays.setAll(shape, k -> r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(0, 5));
            double[] values = new double[r.nextInt(0, 20)];
            String name = r.nextBoolean() ? "w" : "b" + i;
            names.add(name);
            g.initializer(name, type(r), shape, values, GraphBuilder.Encoding.values()[r.nextInt(4)]);
        }
        for (int i = r.nextInt(0, 7); i > 0; i--) {
            String out = r.nextInt(4) == 0 ? "y" : "v" + i;
            List<String> inputs = new ArrayList<>();
            for (int k = r.nextInt(0, 4); k > 0; k--) {
                inputs.add(names.get(r.nextInt(names.size())));
            }
            List<WireWriter> attrs = new ArrayList<>();
            for (int k = r.nextInt(0, 3); k > 0; k--) {
                attrs.add(attribute(r));
            }
            g.node(OPS[r.nextInt(OPS.length)], "n" + i, inputs, out, attrs.toArray(WireWriter[]::new));
            names.add(out);
        }
        readOrRefuse(g.bytes());
    }

    /** The tiny Gemm model with a few of its nodes, operands, attributes or shapes changed at random. */
    @Property(tries = TRIES)
    void perturbedGraphs(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int type = r.nextInt(4) == 0 ? type(r) : GraphBuilder.FLOAT;
        GraphBuilder g = new GraphBuilder().opset("", r.nextInt(5) == 0 ? r.nextInt(10, 24) : r.nextInt(13, 22))
                .input("x", r.nextInt(5) == 0 ? type(r) : type, r.nextInt(5) == 0 ? dims(r) : new Object[] {"batch", 3})
                .output("y", type, r.nextInt(5) == 0 ? dims(r) : new Object[] {"batch", 2});
        int[][] shapes = {{4, 3}, {4}, {2, 4}, {2}};
        String[] names = {"0.weight", "0.bias", "2.weight", "2.bias"};
        double[][] values = {TinyModel.W1, TinyModel.B1, TinyModel.W2, TinyModel.B2};
        for (int i = 0; i < 4; i++) {
            long[] dims = Arrays.stream(shapes[i]).mapToLong(d -> d).toArray();
            if (r.nextInt(8) == 0) {
                dims = r.longs(r.nextInt(0, 3), 0, 6).toArray();
            }
            g.initializer(names[i], r.nextInt(8) == 0 ? type(r) : type, dims, values[i],
                    GraphBuilder.Encoding.values()[r.nextInt(8) == 0 ? 3 : r.nextInt(3)]);
        }
        String[][] nodes = {{"Gemm", "x", "0.weight", "0.bias", "h"}, {"Relu", "h", "a"}, {"Gemm", "a", "2.weight", "2.bias", "y"}};
        String[] pool = {"x", "h", "a", "y", "0.weight", "2.bias", ""};
        for (String[] n : nodes) {
            List<String> inputs = new ArrayList<>(Arrays.asList(n).subList(1, n.length - 1));
            if (r.nextInt(6) == 0) {
                inputs.set(r.nextInt(inputs.size()), pool[r.nextInt(pool.length)]);
            }
            if (r.nextInt(10) == 0) {
                inputs.removeLast();
            }
            List<WireWriter> attrs = new ArrayList<>();
            if (n[0].equals("Gemm")) {
                attrs.add(GraphBuilder.intAttr("transB", r.nextInt(6) == 0 ? r.nextInt(-1, 3) : 1));
            }
            if (r.nextInt(6) == 0) {
                attrs.add(attribute(r));
            }
            String op = r.nextInt(6) == 0 ? OPS[r.nextInt(OPS.length)] : n[0];
            g.node(op, op + n[n.length - 1], inputs, n[n.length - 1], attrs.toArray(WireWriter[]::new));
        }
        readOrRefuse(g.bytes());
    }

    // ---- the check ----

    private static void readOrRefuse(byte[] content) throws IOException {
        Files.write(scratch, content);
        long before = allocatedBytes();
        try {
            OnnxModel m = Onnx.load(scratch);
            assertThat(m.weights()).isNotEmpty();
            Statistics.collect("read");
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith(scratch.getFileName() + ": ").doesNotContain("\n");
            Statistics.collect("refused");
        } catch (Throwable e) {
            fail("the ONNX reader threw " + e + " instead of MalformedFileException for " + content.length
                    + " bytes: " + HexFormat.of().formatHex(content, 0, Math.min(content.length, 200)), e);
        }
        long allocated = allocatedBytes() - before;
        assertThat(allocated).as("bytes allocated reading a %d-byte file", content.length).isLessThan(8L << 20);
    }

    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                ? bean.getCurrentThreadAllocatedBytes() : 0;
    }

    // ---- helpers ----

    private static int type(SplittableRandom r) {
        int[] types = {GraphBuilder.FLOAT, GraphBuilder.DOUBLE, GraphBuilder.FLOAT, GraphBuilder.DOUBLE, 7, 0, 10};
        return types[r.nextInt(types.length)];
    }

    private static Object[] dims(SplittableRandom r) {
        Object[] dims = new Object[r.nextInt(0, 4)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = r.nextBoolean() ? "batch" : (Object) (long) r.nextInt(-1, 6);
        }
        return dims;
    }

    private static WireWriter attribute(SplittableRandom r) {
        String name = ATTRIBUTES[r.nextInt(ATTRIBUTES.length)];
        return switch (r.nextInt(4)) {
            case 0 -> GraphBuilder.intAttr(name, r.nextInt(-2, 3));
            case 1 -> GraphBuilder.floatAttr(name, r.nextBoolean() ? 1f : (float) r.nextDouble(-2, 2));
            case 2 -> GraphBuilder.intsAttr(name, r.longs(r.nextInt(0, 3), -1, 3).toArray());
            default -> GraphBuilder.tensorAttr(name, GraphBuilder.tensor("", type(r), new long[] {r.nextInt(0, 3)},
                    new double[r.nextInt(0, 3)], GraphBuilder.Encoding.values()[r.nextInt(4)]));
        };
    }
}
