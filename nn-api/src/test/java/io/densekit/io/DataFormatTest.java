package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Telling .npy, IDX and CSV apart by content, through gzip, and reading each with {@link DataFile}. */
class DataFormatTest {
    private static final HostTensor T = HostTensor.of(DType.F64, new double[][] {{1.5, -2}, {0.25, 3e-7}, {7, 8}});

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    /** The bytes of {@code t} in {@code format}, written under a name that says nothing about it. */
    private byte[] bytesOf(DataFormat format, HostTensor t) throws IOException {
        Path f = dir.resolve("scratch");
        switch (format) {
            case NPY -> Npy.write(f, t);
            case IDX -> Idx.write(f, t);
            case CSV -> Csv.write(f, t);
        }
        return Files.readAllBytes(f);
    }

    @ParameterizedTest(name = "{0} gzip={1} as {2}")
    @CsvSource({"NPY,false,data.bin", "NPY,true,data.bin", "IDX,false,data", "IDX,true,data.gz",
        "CSV,false,data.txt", "CSV,true,data.npy.gz.old", "NPY,false,data.csv", "IDX,true,data.csv"})
    void detectsTheFormatFromTheContentWhateverTheName(DataFormat format, boolean gzip, String name) throws IOException {
        byte[] content = bytesOf(format, T);
        Path f = write(name, gzip ? Fixtures.gzip(content) : content);
        assertThat(DataFormat.detect(f)).isEqualTo(format);
        NdArray a = DataFile.read(f, DType.F64, CsvDelimiter.AUTO);
        assertThat(a.toTensor(DType.F64).toDoubleArray()).containsExactly(T.toDoubleArray());
        assertThat(a.shape()).containsExactly(3, 2);
    }

    @Test
    void magicBytesDecide() {
        assertThat(DataFormat.ofContent(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})).isEqualTo(DataFormat.NPY);
        assertThat(DataFormat.ofContent(new byte[] {(byte) 0x93})).isEqualTo(DataFormat.NPY);
        assertThat(DataFormat.ofContent(new byte[] {0, 0, 8, 3})).isEqualTo(DataFormat.IDX);
        assertThat(DataFormat.ofContent(new byte[] {0, 0})).isEqualTo(DataFormat.IDX);
        assertThat(DataFormat.ofContent("1,2\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(DataFormat.ofContent(new byte[] {0})).isNull();
        assertThat(DataFormat.ofContent(new byte[0])).isNull();
    }

    @Test
    void textIsCsvWhateverTheNameSaysAndAFailureSaysWhy() throws IOException {
        Path f = write("x.npy", "1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(DataFormat.detect(f)).isEqualTo(DataFormat.CSV);
        assertThat(DataFile.read(f, DType.F64, CsvDelimiter.AUTO).toTensor(DType.F64).toDoubleArray())
                .containsExactly(1, 2, 3, 4);
        Path g = write("y.npy", "1,2\n3,x\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DataFile.read(g, DType.F64, CsvDelimiter.AUTO))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("y.npy: line 2, column 2: 'x' is not a number (read as CSV: the file is text, without the"
                        + " .npy magic bytes its name suggests)");
        Path prose = write("train-labels-idx1-ubyte", "this is not a table\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DataFile.read(prose, DType.F64, CsvDelimiter.AUTO))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("train-labels-idx1-ubyte: no rows of numbers, only a line of names (read as CSV: the file"
                        + " is text, without the IDX magic bytes its name suggests)");
        // A header without rows is a valid, empty table when the name does not say otherwise.
        assertThat(DataFile.read(write("h.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)), DType.F64,
                CsvDelimiter.AUTO).shape()).containsExactly(0, 2);
    }

    @Test
    void binaryContentWithoutMagicBytesGoesToTheReaderItsNameSays() throws IOException {
        Path f = write("x.npy", new byte[] {(byte) 0x92, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0});
        assertThatThrownBy(() -> DataFile.read(f, DType.F64, CsvDelimiter.AUTO))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("x.npy: not a .npy file: expected the magic bytes 93 4e 55 4d 50 59");
    }

    @Test
    void refusesBinaryContentOfNoKnownFormat() throws IOException {
        Path f = write("model.zip", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertThatThrownBy(() -> DataFormat.detect(f)).isInstanceOf(MalformedFileException.class)
                .hasMessage("model.zip: not a data file densekit reads: expected .npy (magic \\x93NUMPY), IDX"
                        + " (00 00 <type> <ndim>), CSV text, or the gzip of one; found 50 4b 03 04 14 00 00 00");
    }

    @Test
    void anEmptyFileIsCsvWithNoData() throws IOException {
        Path f = write("empty", new byte[0]);
        assertThat(DataFormat.detect(f)).isEqualTo(DataFormat.CSV);
        assertThatThrownBy(() -> DataFile.read(f, DType.F64, CsvDelimiter.AUTO))
                .isInstanceOf(MalformedFileException.class).hasMessageStartingWith("empty: no data");
    }

    @Test
    void gzippedNpyReadsBitForBitAsThePlainFile() throws IOException {
        for (String fixture : new String[] {"f32_2x3.npy", "f64_be_2x2.npy", "i64_4.npy", "f64_2x3x4.npy", "f32_v3.npy"}) {
            byte[] plain = Files.readAllBytes(Fixtures.path(fixture));
            Path gz = write(fixture + ".gz", Fixtures.gzip(plain));
            assertThat(Npy.read(gz)).as(fixture).isEqualTo(Npy.read(Fixtures.path(fixture)));
        }
    }

    @Test
    void truncatedGzippedNpyIsRefused() throws IOException {
        byte[] gz = Fixtures.gzip(bytesOf(DataFormat.NPY, T));
        Path f = write("x.npy.gz", Arrays.copyOf(gz, gz.length - 10));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("x.npy.gz: corrupt or truncated gzip data");
        // A complete gzip stream of a truncated .npy: the data is short.
        byte[] npy = bytesOf(DataFormat.NPY, T);
        Path g = write("short.npy.gz", Fixtures.gzip(Arrays.copyOf(npy, npy.length - 8)));
        assertThatThrownBy(() -> Npy.read(g)).isInstanceOf(MalformedFileException.class)
                .hasMessage("short.npy.gz: truncated: shape [3, 2] of float64 needs 48 data bytes, but the file has"
                        + " 40 after the header");
    }

    @Test
    void idxOfTheWrongSizeIsRefused() throws IOException {
        byte[] idx = bytesOf(DataFormat.IDX, T);
        Path f = write("x.idx", Arrays.copyOf(idx, idx.length - 8));
        assertThatThrownBy(() -> DataFile.read(f, DType.F64, CsvDelimiter.AUTO))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("x.idx: truncated: shape [3, 2] of float64 needs 48 bytes, but the file has only 40");
        Path g = write("long.idx", FileMutations.concat(idx, new byte[3]));
        assertThatThrownBy(() -> DataFile.read(g, DType.F64, CsvDelimiter.AUTO))
                .hasMessage("long.idx: 3 bytes follow the data of shape [3, 2] of float64; expected the file to end there");
    }

    @Test
    void csvIsParsedInTheRequestedPrecision() throws IOException {
        // Just below the midpoint of two floats: rounding through double would give the wrong one.
        Path f = write("r.csv", "1.00000017881393432617187499\n".getBytes(StandardCharsets.UTF_8));
        NdArray a = DataFile.read(f, DType.F32, CsvDelimiter.AUTO);
        assertThat(a.elementType()).isEqualTo(ElementType.FLOAT32);
        assertThat(a.toTensor(DType.F32).floatArray()[0]).isEqualTo(1 + 0x1p-23f);
    }
}
