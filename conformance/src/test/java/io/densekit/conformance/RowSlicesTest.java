package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSlicesTest {

    private static List<Integer> sizes(RowSlices s) {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < s.count(); i++) {
            sizes.add(s.to(i) - s.from(i));
        }
        return sizes;
    }

    @Test
    void theAwkwardCutsOfTheSuitesBlockAreOneRowAPrimeCountOddAndEvenSlicesAndAShortLastOne() {
        RowSlices s = RowSlices.awkward(37);
        assertThat(s.starts()).containsExactly(0, 1, 6, 19, 33);
        assertThat(sizes(s)).containsExactly(1, 5, 13, 14, 4);
        assertThat(s.name(3)).isEqualTo("rows 19..33 of 37");
        assertThat(sizes(RowSlices.awkward(3))).containsExactly(1, 2);
        assertThat(sizes(RowSlices.awkward(1))).containsExactly(1);
    }

    @Test
    void drawnCutsCoverTheBlockAndRepeatWithTheSeed() {
        for (int rows : new int[] {1, 2, 7, 130}) {
            RowSlices s = RowSlices.drawn(rows, new RandomTensors(rows));
            assertThat(sizes(s).stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
            assertThat(s.starts()).isEqualTo(RowSlices.drawn(rows, new RandomTensors(rows)).starts());
        }
    }

    @Test
    void cutsThatDoNotTileTheBlockAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> new RowSlices(10, new int[] {1, 5}))
                .hasMessage("slices of 10 rows must start at row 0, got [1, 5]");
        assertThatThrownBy(() -> new RowSlices(10, new int[] {0, 5, 5}))
                .hasMessage("slice starts [0, 5, 5] must ascend and stay below 10 rows");
        assertThatThrownBy(() -> new RowSlices(10, new int[] {0, 10}))
                .hasMessage("slice starts [0, 10] must ascend and stay below 10 rows");
    }

    @Test
    void aSliceIsComparedBitForBitAndAFailureNamesTheBlocksRowTheSlicesRowAndTheColumn() {
        HostTensor whole = HostTensor.of(DType.F64, new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(RowSlices.sameRows(whole, 1, 3, whole.rowSlice(1, 3).copy()).error()).isZero();
        HostTensor off = whole.rowSlice(1, 3).copy();
        off.set(1, 0, Math.nextUp(5.0));
        Deviation d = RowSlices.sameRows(whole, 1, 3, off);
        assertThat(d.error()).isInfinite();
        assertThat(d.where()).startsWith("row 2 of the block (row 1 of the slice), column 0: 5.00000000000000")
                .endsWith(" vs 5.0000000000000000").doesNotStartWith("row 2 of the block (row 1 of the slice), column 0: 5.0000000000000000");
        HostTensor negativeZero = HostTensor.of(DType.F64, new double[][] {{-0.0, 2}});
        assertThat(RowSlices.sameRows(HostTensor.of(DType.F64, new double[][] {{0.0, 2}}), 0, 1, negativeZero).error())
                .as("-0 is not the bits of 0").isInfinite();
        assertThat(RowSlices.sameRows(whole, 0, 2, whole.rowSlice(0, 1).copy()).where())
                .isEqualTo("shape [1, 2], expected [2, 2]");
    }
}
