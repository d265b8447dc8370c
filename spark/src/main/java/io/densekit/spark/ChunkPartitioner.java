package io.densekit.spark;

import org.apache.spark.Partitioner;

/** Sends each row, keyed by its index in the fixed row order, to the partition its chunk belongs to. */
final class ChunkPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final ChunkLayout layout;

    ChunkPartitioner(ChunkLayout layout) {
        this.layout = layout;
    }

    @Override
    public int numPartitions() {
        return layout.partitions();
    }

    @Override
    public int getPartition(Object key) {
        return layout.partitionOf((Long) key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkPartitioner p && p.layout.equals(layout);
    }

    @Override
    public int hashCode() {
        return layout.hashCode();
    }
}
