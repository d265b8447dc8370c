package io.densekit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where rows go: the trainer's batches and chunks, each batch's chunks spread over all partitions in runs. */
class ChunkLayoutTest {

    @Test
    void batchesAndChunksAreTheTrainersAndEveryPartitionGetsAContiguousRun() {
        ChunkLayout layout = new ChunkLayout(45, 16, 5, 3);
        assertThat(layout.batches()).isEqualTo(3);
        assertThat(List.of(layout.batchRows(0), layout.batchRows(1), layout.batchRows(2))).containsExactly(16, 16, 13);
        assertThat(List.of(layout.chunks(0), layout.chunks(2))).containsExactly(4, 3);
        assertThat(layout.chunkOf(15)).isEqualTo(3); // the one-row chunk closing the first batch
        assertThat(layout.chunkOf(16)).isZero();
        for (int b = 0; b < layout.batches(); b++) {
            List<Integer> partitions = new ArrayList<>();
            for (long row = (long) b * 16; row < Math.min(45, (b + 1) * 16L); row++) {
                partitions.add(layout.partitionOf(row));
            }
            assertThat(partitions).as("batch " + b).isSorted().contains(0, 1, 2);
        }
    }

    @Test
    void morePartitionsThanChunksLeaveSomeIdleButLoseNoRow() {
        ChunkLayout layout = new ChunkLayout(10, 10, 5, 4);
        assertThat(List.of(layout.partitionOf(0), layout.partitionOf(4), layout.partitionOf(5), layout.partitionOf(9)))
                .containsExactly(0, 0, 2, 2);
    }
}
