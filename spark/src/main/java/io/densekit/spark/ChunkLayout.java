package io.densekit.spark;

import io.densekit.train.ChunkedGradients;
import java.io.Serializable;

/**
 * Where every row of a distributed fit goes: rows in their fixed order are cut into global batches
 * of {@code batch} rows (the last one shorter), each batch into chunks of {@code chunkRows} rows
 * (the last one shorter), exactly as the chunked {@link io.densekit.train.Trainer} cuts them. Each
 * batch's chunks are spread over the partitions in contiguous runs (chunk {@code k} of {@code C}
 * goes to partition {@code k * P / C}), so every partition works on every step.
 */
record ChunkLayout(long rows, int batch, int chunkRows, int partitions) implements Serializable {

    int batches() {
        return Math.toIntExact((rows + batch - 1) / batch);
    }

    /** Rows of batch {@code b}: the batch size, or fewer for the last one. */
    int batchRows(int b) {
        return (int) Math.min(batch, rows - (long) b * batch);
    }

    int chunks(int b) {
        return ChunkedGradients.chunkCount(batchRows(b), chunkRows);
    }

    int batchOf(long row) {
        return (int) (row / batch);
    }

    /** The chunk of its batch that row {@code row} belongs to. */
    int chunkOf(long row) {
        return (int) ((row - (long) batchOf(row) * batch) / chunkRows);
    }

    int partitionOf(long row) {
        int b = batchOf(row);
        return (int) ((long) chunkOf(row) * partitions / chunks(b));
    }
}
