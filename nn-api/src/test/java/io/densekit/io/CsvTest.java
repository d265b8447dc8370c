package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {
    private static final double[][] SAVED = {{1.5, -2.0, 0.1}, {3e-5, 4.0, -1e10}};

    @TempDir
    Path dir;

    // ---- files written by numpy.savetxt ----

    @ParameterizedTest
    @ValueSource(strings = {"savetxt.csv", "savetxt_comment_header.csv", "savetxt_header.csv", "savetxt.csv.gz",
        "gzipped_without_gz_name.csv"})
    void readsNumpySavetxtOutput(String name) throws IOException {
        HostTensor t = Csv.read(Fixtures.path(name), DType.F64);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.toDoubleMatrix()).isEqualTo(SAVED);
    }

    @Test
    void parsesFloat32DirectlyWithoutDoubleRounding() throws IOException {
        // The text lies just below the midpoint of 1 + 2^-23 and 1 + 2^-22; rounding it to double
        // first lands exactly on the midpoint, which then rounds to even: the wrong neighbour.
        String text = "1.00000017881393432617187499";
        Path f = dir.resolve("r.csv");
        Files.writeString(f, text + "\n");
        assertThat(Csv.read(f, DType.F32).floatArray()[0]).isEqualTo(1 + 0x1p-23f);
        assertThat((float) Double.parseDouble(text)).isEqualTo(1 + 0x1p-22f);
    }

    @Test
    void acceptsSpacesQuotesCrLfBomBlankLinesSpecialValuesAndGzip() throws IOException {
        String text = "\uFEFF\"x\", y ,z\r\n\r\n 1 , \"2.5\",-3e2\r\n   \n# comment\nnan,-Inf,+infinity\n.5,5.,-0\n";
        Path f = dir.resolve("loose.csv");
        Files.writeString(f, text);
        HostTensor t = Csv.read(f, DType.F64);
        assertThat(t.shape()).containsExactly(3, 3);
        assertThat(t.toDoubleArray()).containsExactly(1, 2.5, -300, Double.NaN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0.5, 5, -0.0);
        Path gz = dir.resolve("loose.data");
        Files.write(gz, Fixtures.gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(Csv.read(gz, DType.F32).toDoubleArray()).isEqualTo(Csv.read(f, DType.F32).toDoubleArray());
    }

    @Test
    void headerOnlyGivesZeroRows() throws IOException {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "a,b,c\n");
        assertThat(Csv.read(f, DType.F64).shape()).containsExactly(0, 3);
    }

    // ---- round trips ----

    @Test
    void roundTripsOddShapesExactlyWithHeaderAndGzip() throws IOException {
        int[][] shapes = {{1, 1}, {3, 17}, {17, 3}, {1, 33}};
        for (int[] shape : shapes) {
            for (DType dtype : DType.values()) {
                HostTensor t = HostTensor.zeros(dtype, shape);
                for (int i = 0; i < t.size(); i++) {
                    t.setFlat(i, Math.scalb((i - 5) * 0.3, i % 40 - 20));
                }
                for (String name : new String[] {"t.csv", "t.csv.gz"}) {
                    Path f = dir.resolve(name);
                    Csv.write(f, t);
                    HostTensor back = Csv.read(f, dtype);
                    assertThat(back.shape()).isEqualTo(shape);
                    assertThat(back.toDoubleArray()).isEqualTo(t.toDoubleArray());
                }
                List<String> names = java.util.stream.IntStream.range(0, shape[1]).mapToObj(i -> "c" + i).toList();
                Csv.write(dir.resolve("h.csv"), t, names);
                assertThat(Files.readAllLines(dir.resolve("h.csv")).getFirst()).isEqualTo(String.join(",", names));
                assertThat(Csv.read(dir.resolve("h.csv"), dtype).toDoubleArray()).isEqualTo(t.toDoubleArray());
            }
        }
    }

    @Test
    void writesAVectorAsOneValuePerLineAndReadsItAsAColumn() throws IOException {
        Path f = dir.resolve("v.csv");
        Csv.write(f, HostTensor.vector(DType.F64, 1, 2, 3));
        assertThat(Files.readAllLines(f)).containsExactly("1.0", "2.0", "3.0");
        assertThat(Csv.read(f, DType.F64).shape()).containsExactly(3, 1);
    }

    @Property(tries = 30)
    void roundTripsRandomBitPatterns(@ForAll @IntRange(min = 1, max = 8) int rows,
                                     @ForAll @IntRange(min = 1, max = 8) int cols,
                                     @ForAll boolean f32, @ForAll long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        HostTensor t = HostTensor.zeros(f32 ? DType.F32 : DType.F64, rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, f32 ? Float.intBitsToFloat(random.nextInt()) : Double.longBitsToDouble(random.nextLong()));
        }
        Path f = Files.createTempFile("densekit-csv-", ".csv");
        try {
            Csv.write(f, t);
            // NaN payloads are not text; every other value must come back bit for bit.
            assertThat(Csv.read(f, t.dtype()).toDoubleArray()).isEqualTo(t.toDoubleArray());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void writerRefusesHeadersThatDoNotFit() {
        HostTensor t = HostTensor.zeros(DType.F64, 2, 2);
        assertThatThrownBy(() -> Csv.write(dir.resolve("x.csv"), t, List.of("a")))
                .hasMessageContaining("the header has 1 names, but the tensor [2, 2] has 2 columns");
        assertThatThrownBy(() -> Csv.write(dir.resolve("x.csv"), t, List.of("a", "b,c")))
                .hasMessageContaining("contains a comma");
    }

    // ---- malformed input ----

    private MalformedFileException refused(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        try {
            Csv.read(f, DType.F64);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith("data.csv: ");
            return e;
        }
        throw new AssertionError("data.csv was read without error");
    }

    @Test
    void namesLineAndColumnOfNonNumbers() throws IOException {
        assertThat(refused("a,b,c\n1,2,3\n4,5,6\n\n1,2,3\n1,2,3\n1,2,abc\n"))
                .hasMessage("data.csv: line 7, column 3 (c): 'abc' is not a number");
        assertThat(refused("1,2\n3,,4\n".replace(",4", ""))).hasMessage("data.csv: line 2, column 2: empty value");
        assertThat(refused("1,2\n3,1f\n")).hasMessageContaining("line 2, column 2: '1f' is not a number");
        assertThat(refused("1,2\n3,0x10\n")).hasMessageContaining("'0x10' is not a number");
        assertThat(refused("1,2,\n")).hasMessageContaining("line 1, column 3: empty value");
    }

    @Test
    void aFirstLineMixingNamesAndNumbersIsAnErrorNotAHeader() throws IOException {
        assertThat(refused("id,2019\n1,2\n"))
                .hasMessage("data.csv: line 1, column 1: 'id' is not a number (a header line must have no numeric field)");
    }

    @Test
    void refusesRaggedRows() throws IOException {
        assertThat(refused("1,2,3,4,5\n" + "1,2,3,4,5\n".repeat(7) + "1,2,3,4\n"))
                .hasMessage("data.csv: line 9 has 4 values, expected 5 (as many as the first row has)");
        assertThat(refused("a,b\n1,2,3\n")).hasMessage("data.csv: line 2 has 3 values, expected 2 (as many as the header has)");
    }

    @Test
    void refusesEmptyFiles() throws IOException {
        assertThat(refused("")).hasMessageContaining("no data");
        assertThat(refused("\n  \n# only a comment\n")).hasMessageContaining("no data");
    }

    @Test
    void refusesCorruptGzip() throws IOException {
        Path f = dir.resolve("data.csv.gz");
        byte[] gz = Fixtures.gzip("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        Files.write(f, java.util.Arrays.copyOf(gz, gz.length - 6));
        assertThatThrownBy(() -> Csv.read(f, DType.F64)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("data.csv.gz: corrupt or truncated gzip data");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b});
        assertThatThrownBy(() -> Csv.read(f, DType.F64)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("data.csv.gz: corrupt or truncated gzip data");
    }

    @Test
    void reportsInvalidUtf8AsNotANumber() throws IOException {
        Path f = dir.resolve("data.csv");
        Files.write(f, new byte[] {'1', ',', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> Csv.read(f, DType.F64)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 1, column 2");
    }
}
