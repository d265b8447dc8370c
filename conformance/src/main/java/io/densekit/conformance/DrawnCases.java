package io.densekit.conformance;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.RandomTensors;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code densekit check}: the conformance cases on shapes drawn from a seed (sizes 1 to
 * {@link CheckOptions#maxSize()}), the seed MLP's training, and the row-slice cases on drawn blocks
 * and cuts. Shapes and each case's operand seed are drawn up front, so every kernel checked with one
 * seed sees the same cases and operands, whatever another case did.
 */
public final class DrawnCases {
    /** Class counts of the drawn losses stay small: wide class-index rows add nothing but time. */
    private static final int MAX_LOSS_COLUMNS = 40;

    private DrawnCases() {
    }

    public static List<Case> of(DType dt, CheckOptions o) {
        RandomTensors draw = new RandomTensors(o.seed() * 31 + dt.ordinal());
        int max = o.maxSize();
        int fewer = Math.max(1, o.shapes() / 2);
        List<Case> cases = new ArrayList<>();
        for (int s = 0; s < o.shapes(); s++) {
            int m = draw.size(max);
            int n = draw.size(max);
            int k = draw.size(max);
            for (int t = 0; t < 4; t++) {
                cases.add(GemmCases.of(dt, m, n, k, (t & 1) != 0, (t & 2) != 0, draw.nextSeed()));
            }
        }
        for (int s = 0; s < o.shapes(); s++) {
            int rows = draw.size(max);
            int cols = draw.size(max);
            long seed = draw.nextSeed();
            cases.add(BiasCases.addRowVector(dt, rows, cols, seed));
            cases.add(BiasCases.columnSums(dt, rows, cols, seed));
        }
        for (Activation act : Activation.values()) {
            for (int s = 0; s < fewer; s++) {
                cases.add(ActivationCases.of(dt, act, draw.size(max), draw.size(max), draw.nextSeed()));
            }
        }
        for (Activation act : Activation.values()) {
            for (int s = 0; s < fewer; s++) {
                cases.add(DenseCases.of(dt, act, draw.size(max), draw.size(max), draw.size(max), draw.nextSeed()));
            }
        }
        for (LossKind kind : LossKind.values()) {
            for (int s = 0; s < o.shapes(); s++) {
                int rows = draw.size(max);
                int cols = draw.size(Math.min(max, MAX_LOSS_COLUMNS));
                boolean indices = kind.acceptsClassIndices() && cols > 1 && draw.coin();
                cases.add(LossCases.of(dt, kind, indices, rows, cols, draw.nextSeed()));
            }
        }
        for (SgdParams sp : OptimizerCases.SGD_SETTINGS) {
            cases.add(OptimizerCases.sgd(dt, sp, draw.size(max), draw.size(max), draw.nextSeed()));
        }
        for (AdamParams ap : OptimizerCases.ADAM_SETTINGS) {
            cases.add(OptimizerCases.adam(dt, ap, draw.size(max), draw.size(max), draw.nextSeed()));
        }
        cases.add(TrainingCases.of(dt, o.steps(), draw.nextSeed()));
        addRowSlices(cases, dt, max, fewer, draw);
        return cases;
    }

    /**
     * Row-slice invariance on drawn blocks, cuts and transposes, drawn after every other case so that
     * those keep their operands.
     */
    private static void addRowSlices(List<Case> cases, DType dt, int max, int fewer, RandomTensors draw) {
        for (int s = 0; s < fewer; s++) {
            int m = draw.size(max);
            int n = draw.size(max);
            int k = draw.size(max);
            RowSlices slices = RowSlices.drawn(m, draw);
            cases.add(RowSliceCases.gemm(dt, m, n, k, draw.coin(), draw.coin(), slices, draw.nextSeed()));
            for (Activation act : Activation.values()) {
                cases.add(RowSliceCases.dense(dt, act, m, k, n, slices, draw.nextSeed()));
            }
        }
        for (Activation act : Activation.values()) {
            int m = draw.size(max);
            cases.add(RowSliceCases.activation(dt, act, m, draw.size(max), RowSlices.drawn(m, draw), draw.nextSeed()));
        }
        int m = draw.size(max);
        cases.add(RowSliceCases.predict(dt, ConformanceCases.SLICED_MODEL, m, RowSlices.drawn(m, draw), draw.nextSeed()));
    }
}
