package io.densekit.kernel.cuda.memory;

/**
 * How a copy of {@code total} elements is cut into pieces of at most {@code maxElements}, so that a
 * copy of any size goes through pinned staging buffers of bounded size.
 */
public record Chunks(long total, long maxElements) {
    public Chunks {
        if (total < 0 || maxElements <= 0) {
            throw new IllegalArgumentException("chunks of " + total + " elements by " + maxElements);
        }
    }

    public int count() {
        return (int) ((total + maxElements - 1) / maxElements);
    }

    /** First element of chunk i. */
    public long start(int i) {
        return i * maxElements;
    }

    /** Length of chunk i. */
    public long length(int i) {
        return Math.min(maxElements, total - start(i));
    }
}
