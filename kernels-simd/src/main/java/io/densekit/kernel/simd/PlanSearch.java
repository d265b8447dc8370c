package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A short measured search for this machine's {@link GemmPlan}: a handful of candidates (the built-in
 * plan, and one knob moved at a time), each run on a few float32 products of typical sizes, in
 * untimed rounds until the JIT has compiled them, then {@code rounds} timed rounds taken in turn, keeping each
 * candidate's fastest time per workload (the minimum is the run least disturbed by other work).
 * The candidates share one width, so they share the JIT's compiled code (see {@link #candidates()}). A
 * candidate scores the mean of its times relative to the built-in plan's; the best score wins if it
 * beats the built-in plan by {@link #MIN_GAIN}, else the built-in plan stays (a smaller gain is noise).
 *
 * <p>A candidate whose results differ in any bit from the built-in plan's is rejected (every plan
 * should give the same bits; this guards the guarantee rather than assumes it). Any failure ends the
 * search with the built-in plan and the reason, never an exception.
 */
public final class PlanSearch {
    /**
     * How much faster than the built-in plan a candidate must be to replace it: plans that differ
     * only in a knob these products never reach (the split threshold, for products far above it)
     * scored up to 13% apart on a busy 2-core machine, so a smaller gain is noise.
     */
    static final double MIN_GAIN = 0.15;
    /**
     * Untimed rounds over every candidate before the timed ones, at least: a plan timed while its
     * paths are still being compiled looks many times slower than it is (seen on a busy 2-core machine).
     */
    static final int WARM_UP_ROUNDS = 3;
    /**
     * Untimed rounds at most. Past {@link #WARM_UP_ROUNDS}, warming up goes on until a whole round
     * compiled nothing: on 2 cores the JIT's compiler threads take a core from the GEMM's two, and
     * on a Xeon three rounds left plans that differ in no knob a product reaches up to 2x apart.
     */
    static final int MAX_WARM_UP_ROUNDS = 40;

    /** One product measured: {@code [m, k] x [k, n]}, as a dense layer's forward pass or a plain GEMM. */
    public record Workload(int m, int n, int k, boolean dense) {
        @Override
        public String toString() {
            return (dense ? "dense " : "gemm ") + m + "x" + k + "x" + n;
        }
    }

    /**
     * A candidate's fastest time per workload (nanoseconds, in {@link #workloads()} order) and its
     * score (mean time relative to the built-in plan; below 1 is faster); {@code rejected} says why it
     * cannot be used, or is null.
     */
    public record Measured(GemmPlan plan, long[] nanos, double score, String rejected) {
    }

    /** The table of candidates measured and the plan chosen; {@code failure} is null unless the search failed. */
    public record Result(List<Measured> measured, GemmPlan chosen, String failure) {
    }

    private final SimdConfig config;
    private final List<Workload> workloads;
    private final int rounds;
    private final LongSupplier clock;
    /** The JIT's total compilation time so far, in milliseconds; it stands still once the code is compiled. */
    private final LongSupplier compileMillis;

    /** Searches for a kernel of {@code config}, timing {@code rounds} rounds of {@code workloads} with {@code clock}. */
    public PlanSearch(SimdConfig config, List<Workload> workloads, int rounds, LongSupplier clock) {
        this(config, workloads, rounds, clock, jitCompileMillis());
    }

    /** As above, reading the JIT's compilation time from {@code compileMillis}. */
    PlanSearch(SimdConfig config, List<Workload> workloads, int rounds, LongSupplier clock, LongSupplier compileMillis) {
        this.compileMillis = Objects.requireNonNull(compileMillis, "compileMillis");
        this.config = Objects.requireNonNull(config, "config");
        this.workloads = List.copyOf(workloads);
        if (this.workloads.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("a plan search needs at least one workload and one round, got "
                    + this.workloads.size() + " workloads and " + rounds + " rounds");
        }
        this.rounds = rounds;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The standard search: products from one row to a few hundred (a dense layer's forward pass at
     * batch 1, 64 and 512, a narrow layer near the thread-split threshold, square GEMMs of 256 and
     * 512), nine timed rounds on {@link System#nanoTime}; one to three seconds on a 2-core machine.
     */
    public static PlanSearch standard(SimdConfig config) {
        return new PlanSearch(config, List.of(new Workload(1, 128, 784, true), new Workload(64, 128, 784, true),
                new Workload(128, 64, 128, true), new Workload(512, 128, 784, true), new Workload(256, 256, 256, false),
                new Workload(512, 512, 512, false)), 9, System::nanoTime);
    }

    public List<Workload> workloads() {
        return workloads;
    }

    /** The same search over other workloads. */
    public PlanSearch withWorkloads(List<Workload> other) {
        return new PlanSearch(config, other, rounds, clock, compileMillis);
    }

    /**
     * The built-in plan first, then it with one knob moved: the register block from 256, 128 and 64
     * in every side, or never; row groups of 4 and 2; half and double the A block (with the block from 128,
     * where it reaches the products measured) and the row panel; the thread split at a quarter and
     * four times its threshold. Never another vector width: the width subclasses share the generic
     * GEMM code, and once two widths have run it, the JIT's profile of that code sees two species,
     * so it stops compiling the vectors into registers and boxes every one (measured 30 to 50x
     * slower, for the rest of the process); a search that ran both would measure that, not the plans.
     */
    public List<GemmPlan> candidates() {
        GemmPlan d = GemmPlan.defaults();
        Set<GemmPlan> all = new LinkedHashSet<>();
        all.add(d);
        for (int from : new int[] {GemmPlan.BLOCK_FROM, 128, 64, GemmPlan.ROW_GROUPS_ONLY}) {
            all.add(with(d, from, d.rowGroup(), d.mc(), d.rowPanel(), d.parallelMinFmas()));
        }
        all.add(with(d, d.blockFrom(), 4, d.mc(), d.rowPanel(), d.parallelMinFmas()));
        all.add(with(d, d.blockFrom(), 2, d.mc(), d.rowPanel(), d.parallelMinFmas()));
        all.add(with(d, 128, d.rowGroup(), d.mc() / 2, d.rowPanel(), d.parallelMinFmas()));
        all.add(with(d, 128, d.rowGroup(), d.mc() * 2, d.rowPanel(), d.parallelMinFmas()));
        all.add(with(d, d.blockFrom(), d.rowGroup(), d.mc(), d.rowPanel() / 2, d.parallelMinFmas()));
        all.add(with(d, d.blockFrom(), d.rowGroup(), d.mc(), d.rowPanel() * 2, d.parallelMinFmas()));
        if (config.threads() > 1) {
            all.add(with(d, d.blockFrom(), d.rowGroup(), d.mc(), d.rowPanel(), d.parallelMinFmas() / 4));
            all.add(with(d, d.blockFrom(), d.rowGroup(), d.mc(), d.rowPanel(), d.parallelMinFmas() * 4));
        }
        return List.copyOf(all);
    }

    private static GemmPlan with(GemmPlan d, int blockFrom, int rowGroup, int mc, int panel, long minFmas) {
        return new GemmPlan(blockFrom, rowGroup, mc, d.nc(), panel, minFmas, 0);
    }

    /** Measures {@link #candidates()}. */
    public Result run() {
        try {
            return run(candidates());
        } catch (RuntimeException | LinkageError e) {
            return failed(e);
        }
    }

    /** Measures {@code candidates}, the first of which is the plan the others are scored against. */
    public Result run(List<GemmPlan> candidates) {
        List<SimdKernel> kernels = new ArrayList<>();
        try {
            for (GemmPlan p : candidates) {
                kernels.add(new SimdKernel(config, p));
            }
            Inputs in = new Inputs(workloads);
            int count = candidates.size();
            long[][] best = new long[count][workloads.size()];
            for (long[] b : best) {
                Arrays.fill(b, Long.MAX_VALUE);
            }
            String[] rejected = new String[count];
            // Untimed: compiles every path, and checks each candidate's bits against the first's.
            double[][] expected = in.run(kernels.getFirst());
            for (int c = 1; c < count; c++) {
                rejected[c] = in.differences(expected, in.run(kernels.get(c)));
            }
            long compiled = compileMillis.getAsLong();
            for (int r = 1; r < MAX_WARM_UP_ROUNDS; r++) {
                kernels.forEach(in::run);
                long now = compileMillis.getAsLong();
                if (r + 1 >= WARM_UP_ROUNDS && now == compiled) {
                    break;
                }
                compiled = now;
            }
            // Timed in turn, round after round, so that a late compilation or a burst of other work
            // falls on every candidate alike.
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < count; c++) {
                    if (rejected[c] == null) {
                        in.time(kernels.get(c), clock, best[c]);
                    }
                }
            }
            List<Measured> table = new ArrayList<>();
            int chosen = 0;
            double chosenScore = 1 - MIN_GAIN;
            for (int c = 0; c < count; c++) {
                double score = rejected[c] != null ? Double.NaN : score(best[c], best[0]);
                table.add(new Measured(candidates.get(c), best[c], score, rejected[c]));
                if (c > 0 && rejected[c] == null && score < chosenScore) {
                    chosen = c;
                    chosenScore = score;
                }
            }
            return new Result(List.copyOf(table), candidates.get(chosen), null);
        } catch (RuntimeException | LinkageError e) {
            return failed(e);
        } finally {
            kernels.forEach(SimdKernel::close);
        }
    }

    /** The JVM's compilation time where it is monitored; otherwise warming up is the fixed rounds only. */
    private static LongSupplier jitCompileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> 0;
        }
        return jit::getTotalCompilationTime;
    }

    private static Result failed(Throwable e) {
        return new Result(List.of(), GemmPlan.defaults(), "plan search failed (" + e + "); the built-in plan stays");
    }

    /** The mean of {@code nanos[i] / base[i]}. */
    private static double score(long[] nanos, long[] base) {
        double sum = 0;
        for (int i = 0; i < nanos.length; i++) {
            sum += (double) Math.max(nanos[i], 1) / Math.max(base[i], 1);
        }
        return sum / nanos.length;
    }

    /** The workloads' operands (fixed random values) and outputs. */
    private static final class Inputs {
        private final List<Workload> workloads;
        private final HostTensor[] a;
        private final HostTensor[] b;
        private final HostTensor[] bias;
        private final HostTensor[] c;

        Inputs(List<Workload> workloads) {
            this.workloads = workloads;
            int n = workloads.size();
            a = new HostTensor[n];
            b = new HostTensor[n];
            bias = new HostTensor[n];
            c = new HostTensor[n];
            SplittableRandom rnd = new SplittableRandom(15);
            for (int i = 0; i < n; i++) {
                Workload w = workloads.get(i);
                a[i] = random(rnd, w.m(), w.k());
                // A dense layer's weight is [out, in]: B is its transpose.
                b[i] = w.dense() ? random(rnd, w.n(), w.k()) : random(rnd, w.k(), w.n());
                bias[i] = random(rnd, 1, w.n());
                c[i] = HostTensor.zeros(DType.F32, w.m(), w.n());
            }
        }

        private static HostTensor random(SplittableRandom rnd, int rows, int cols) {
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            return HostTensor.wrap(v, rows, cols);
        }

        void runOne(SimdKernel k, int i) {
            if (workloads.get(i).dense()) {
                k.denseForward(a[i], b[i], bias[i], Activation.RELU, c[i]);
            } else {
                k.gemm(false, false, 1.0, a[i], b[i], 0.0, c[i]);
            }
        }

        double[][] run(SimdKernel k) {
            double[][] out = new double[workloads.size()][];
            for (int i = 0; i < out.length; i++) {
                runOne(k, i);
                out[i] = c[i].toDoubleArray();
            }
            return out;
        }

        void time(SimdKernel k, LongSupplier clock, long[] best) {
            for (int i = 0; i < best.length; i++) {
                long t0 = clock.getAsLong();
                runOne(k, i);
                long t = clock.getAsLong() - t0;
                best[i] = Math.min(best[i], t);
            }
        }

        /** Null when every output holds the same bits, else the first workload that differs. */
        String differences(double[][] expected, double[][] actual) {
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    if (Double.doubleToRawLongBits(expected[i][j]) != Double.doubleToRawLongBits(actual[i][j])) {
                        return "its " + workloads.get(i) + " differs from the built-in plan's at element " + j;
                    }
                }
            }
            return null;
        }
    }
}
