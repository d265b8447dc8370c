package io.densekit.spark.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.spark.SharedSpark;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The scaling harness's parts: its options, its data on both sides, its result lines and its table. */
class ScalingHarnessTest {
    private static final ScalingSettings TINY = ScalingSettings.parse(List.of("--spec", "5,3", "--batch", "7",
            "--chunk", "3", "--batches", "2"));

    @Test
    void optionsAreReadAndBadOnesNamedOnOneLine() {
        assertThat(ScalingSettings.parse(List.of())).isEqualTo(new ScalingSettings("784,1024:relu,1024:relu,10",
                4096, 512, 2, 5, 5, 0.01, 7));
        assertThat(ScalingSettings.parse(TINY.args())).isEqualTo(TINY);
        assertThatThrownBy(() -> ScalingSettings.parse(List.of("--rows", "5")))
                .hasMessageStartingWith("unknown option '--rows'; expected [--spec").message().doesNotContain("\n");
        assertThatThrownBy(() -> ScalingSettings.parse(List.of("--batch", "many")))
                .hasMessage("--batch must be a whole number, got 'many'");
        assertThatThrownBy(() -> ScalingSettings.parse(List.of("--rounds", "0")))
                .hasMessage("--rounds must be positive, got 0");
        assertThatThrownBy(() -> ScalingSettings.parse(List.of("--batch", "512", "--chunk", "512")))
                .hasMessageStartingWith("--chunk must be below --batch (512), got 512");
        assertThatThrownBy(() -> ScalingSettings.parse(List.of("--epochs")))
                .hasMessageStartingWith("--epochs needs a value");
    }

    /** Spark's executors generate the rows the trainer gets, bit for bit. */
    @Test
    void sparkAndTheTrainerSeeTheSameRows() {
        Dataset host = SyntheticDigits.host(TINY);
        List<Row> rows = SyntheticDigits.frame(SharedSpark.session(), TINY, 3).orderBy("id").collectAsList();
        assertThat(rows).hasSize(TINY.rows());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong(0)).isEqualTo(i);
            assertThat(((Vector) rows.get(i).get(1)).toArray()).containsExactly(host.x().rowSlice(i, i + 1).toDoubleArray());
            assertThat(rows.get(i).getDouble(2)).isEqualTo(host.y().get(i, 0)).isBetween(0.0, 2.0);
        }
        assertThat(host.x().toDoubleArray()).as("MNIST-like pixels: zeros and values in (0, 1)").contains(0.0)
                .satisfies(v -> assertThat(java.util.Arrays.stream(v).filter(p -> p > 0 && p < 1).count()).isPositive());
    }

    @Test
    void theTableGivesMediansRangesAndTheBitEquality() {
        assertThat(ScalingTable.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(ScalingTable.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        ScalingTable table = new ScalingTable();
        for (String line : List.of("RESULT spark-local2 100.0 aaaaaaaaaaaaaaaaaa 1.5",
                "RESULT trainer-chunked 300.0 aaaaaaaaaaaaaaaaaa 0.5", "RESULT spark-local2 200.0 aaaaaaaaaaaaaaaaaa 1.0",
                "RESULT trainer-plain 400.0 bbbbbbbbbbbbbbbbbb 0.4", "RESULT spark-local2 150.0 aaaaaaaaaaaaaaaaaa 1.2")) {
            table.add(ScalingResult.parse(line));
        }
        assertThat(ScalingResult.parse("20:10:42 ERROR Executor: lost task")).isNull();
        List<String> lines = table.lines(2);
        assertThat(lines.get(1)).startsWith("Spark local[2]").contains("1 th", " 3 ", " 150.0 ", " 100.0 - ",
                " 200.0 ", "aaaaaaaaaaaaaaaa");
        assertThat(lines.getLast()).startsWith("bit-equal: yes");
        assertThat(table.bitEqual()).isTrue();
        table.add(ScalingResult.parse("RESULT spark-local1 100.0 cccccccccccccccccc 1.5"));
        assertThat(table.bitEqual()).isFalse();
        assertThat(table.lines(2).getLast()).startsWith("bit-equal: NO (2 different hashes)");
    }
}
