package io.densekit.kernel.cuda.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunksTest {
    @Test
    void cutsACopyIntoPiecesThatCoverEveryElementOnce() {
        for (long total : new long[] {0, 1, 7, 8, 9, 4_000_001}) {
            Chunks c = new Chunks(total, 8);
            long covered = 0;
            for (int i = 0; i < c.count(); i++) {
                assertThat(c.start(i)).isEqualTo(covered);
                assertThat(c.length(i)).isBetween(1L, 8L);
                covered += c.length(i);
            }
            assertThat(covered).isEqualTo(total);
        }
        assertThat(new Chunks(17, 8).count()).isEqualTo(3);
        assertThat(new Chunks(17, 8).length(2)).isEqualTo(1);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Chunks(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunks(8, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
