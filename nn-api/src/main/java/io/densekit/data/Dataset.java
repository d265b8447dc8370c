package io.densekit.data;

import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import java.util.Objects;

/**
 * Inputs and targets of one data set: {@code x} is {@code [n, features]}; {@code y} is {@code [n]}
 * (class indices, or one target per row) or {@code [n, targets]}.
 */
public record Dataset(HostTensor x, HostTensor y) {

    public Dataset {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.shape().length != 2) {
            throw new ShapeException("x has shape " + x.shapeString() + ", expected [n, features]");
        }
        if (samples(y) != x.rows()) {
            throw new ShapeException("y has " + samples(y) + " samples but x has " + x.rows()
                    + "; x and y must have the same number of samples");
        }
    }

    /** The number of samples. */
    public int size() {
        return x.rows();
    }

    public int features() {
        return x.cols();
    }

    /** Samples {@code [from, to)} as views sharing this data set's arrays. */
    public Dataset slice(int from, int to) {
        return new Dataset(x.rowSlice(from, to), rowSlice(y, from, to));
    }

    /** A copy holding the given samples in the given order. */
    public Dataset select(int[] rows) {
        return new Dataset(gather(x, rows), gather(y, rows));
    }

    /** The number of samples in a 1-D or 2-D tensor: its first dimension. */
    static int samples(HostTensor t) {
        return t.shape()[0];
    }

    private static HostTensor rowSlice(HostTensor t, int from, int to) {
        return t.shape().length == 1 ? t.reshape(samples(t), 1).rowSlice(from, to).reshape(to - from)
                : t.rowSlice(from, to);
    }

    private static HostTensor gather(HostTensor t, int[] rows) {
        boolean vector = t.shape().length == 1;
        HostTensor m = vector ? t.reshape(samples(t), 1) : t;
        HostTensor out = HostTensor.zeros(t.dtype(), rows.length, m.cols());
        for (int i = 0; i < rows.length; i++) {
            m.rowSlice(rows[i], rows[i] + 1).copyInto(out.rowSlice(i, i + 1));
        }
        return vector ? out.reshape(rows.length) : out;
    }
}
