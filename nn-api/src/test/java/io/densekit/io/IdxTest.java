package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
    @TempDir
    Path dir;

    // ---- files written by scripts/make_format_fixtures.py ----

    @ParameterizedTest
    @ValueSource(strings = {"images_u8_2x3x4.idx", "images_u8_2x3x4.idx.gz", "images_gzipped_without_gz_name.idx"})
    void readsImageStacksGzippedOrNot(String name) throws IOException {
        NdArray images = Idx.read(Fixtures.path(name));
        assertThat(images.shape()).containsExactly(2, 3, 4);
        assertThat(images.dtypeName()).isEqualTo("uint8");
        HostTensor flat = images.flattenTrailing().toTensor(DType.F32);
        assertThat(flat.shape()).containsExactly(2, 12);
        for (int i = 0; i < 24; i++) {
            assertThat(flat.getFlat(i)).isEqualTo(i * 10.0);
        }
    }

    @Test
    void readsEveryElementType() throws IOException {
        assertThat(Idx.read(Fixtures.path("labels_u8_5.idx")).toLongs()).containsExactly(7, 2, 1, 0, 9);
        NdArray i16 = Idx.read(Fixtures.path("i16_3.idx"));
        assertThat(i16.dtypeName()).isEqualTo("int16");
        assertThat(i16.toLongs()).containsExactly(-300, 0, 32767);
        NdArray i32 = Idx.read(Fixtures.path("i32_2x2.idx"));
        assertThat(i32.shape()).containsExactly(2, 2);
        assertThat(i32.toLongs()).containsExactly(-7, 1 << 30, 0, 5);
        assertThat(Idx.read(Fixtures.path("f32_3.idx")).toTensor(DType.F32).floatArray())
                .containsExactly(0.5f, -1.25f, 1e-3f);
        assertThat(Idx.read(Fixtures.path("f64_2x2.idx")).toTensor(DType.F64).toDoubleMatrix())
                .isEqualTo(new double[][] {{0.1, -0.2}, {1e300, 0.0}});
    }

    // ---- round trips ----

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"UINT8", "INT8", "INT16", "INT32", "FLOAT32", "FLOAT64"})
    void roundTripsEveryTypeAndOddShapes(ElementType type) throws IOException {
        int[][] shapes = {{1}, {3}, {17}, {0}, {3, 17}, {0, 4}, {2, 3, 5}, {1, 1, 1, 1}};
        for (int[] shape : shapes) {
            byte[] bytes = new byte[(int) NdArray.elementCount(shape) * type.byteSize()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 37 + 11);
            }
            NdArray a = new NdArray(type, shape, ByteBuffer.wrap(bytes));
            for (String name : new String[] {"a.idx", "a.idx.gz", "A.IDX.GZ"}) {
                Path f = dir.resolve(name);
                Idx.write(f, a);
                assertThat(Files.readAllBytes(f)[0] == 0x1f).isEqualTo(name.toLowerCase().endsWith(".gz"));
                assertThat(Idx.read(f)).as(name + " " + Arrays.toString(shape)).isEqualTo(a);
            }
        }
    }

    @Test
    void writesTensors() throws IOException {
        Path f = dir.resolve("t.idx");
        HostTensor t = HostTensor.wrap(new double[] {1, -2, 3.5, 4, 5, 6}, 2, 3);
        Idx.write(f, t);
        assertThat(Files.readAllBytes(f)).startsWith(0, 0, 0x0E, 2, 0, 0, 0, 2, 0, 0, 0, 3);
        assertThat(Idx.read(f).toTensor(DType.F64).toDoubleArray()).isEqualTo(t.toDoubleArray());
    }

    @Test
    void writerRefusesTypesIdxCannotHold() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Idx.write(dir.resolve("x.idx"), NdArray.ofLongs(new long[] {1}, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IDX cannot hold int64");
    }

    // ---- malformed input ----

    private MalformedFileException refused(byte[] content) throws IOException {
        Path f = dir.resolve("train-images.idx");
        Files.write(f, content);
        try {
            Idx.read(f);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith("train-images.idx: ");
            return e;
        }
        throw new AssertionError("train-images.idx was read without error");
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void refusesBadMagicTypesAndRanks() throws IOException {
        assertThat(refused(bytes())).hasMessageContaining("truncated: the 4-byte IDX magic number needs 4 bytes, but the file has only 0");
        assertThat(refused(bytes(0x50, 0x4b, 3, 4, 0)))
                .hasMessageContaining("not an IDX file: expected the magic bytes 00 00 <type> <ndim>, found 50 4b 03 04");
        assertThat(refused(bytes(0, 0, 0x0A, 1, 0, 0, 0, 1, 0)))
                .hasMessageContaining("unknown IDX element type 0x0A; expected 0x08 (uint8)");
        assertThat(refused(bytes(0, 0, 8, 0))).hasMessageContaining("IDX header declares 0 dimensions; expected 1 to 32");
        assertThat(refused(bytes(0, 0, 8, 200))).hasMessageContaining("declares 200 dimensions");
    }

    @Test
    void refusesTruncatedDimensionsAndData() throws IOException {
        assertThat(refused(bytes(0, 0, 8, 3, 0, 0, 0, 2, 0, 0)))
                .hasMessageContaining("truncated: the 3 dimension sizes needs 12 bytes, but the file has only 6");
        assertThat(refused(bytes(0, 0, 0x0C, 1, 0, 0, 0, 2, 1, 2, 3, 4, 5)))
                .hasMessage("train-images.idx: truncated: shape [2] of int32 needs 8 bytes, but the file has only 5");
        Path gz = dir.resolve("t10k.idx.gz");
        byte[] full = Fixtures.gzip(bytes(0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 4));
        Files.write(gz, Arrays.copyOf(full, full.length - 12));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Idx.read(gz))
                .isInstanceOf(MalformedFileException.class).hasMessageStartingWith("t10k.idx.gz: ");
    }

    @Test
    void refusesTrailingData() throws IOException {
        assertThat(refused(bytes(0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3)))
                .hasMessage("train-images.idx: 1 bytes follow the data of shape [2] of uint8; expected the file to end there");
    }

    @Test
    void refusesHugeDimensionsWithoutAllocating() throws IOException {
        assertThat(refused(bytes(0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff)))
                .hasMessageContaining("dimension 0 is 4294967295; expected at most 2147483647");
        assertThat(refused(bytes(0, 0, 8, 2, 0x7f, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff)))
                .hasMessageContaining("more elements than densekit reads");
        assertThat(refused(bytes(0, 0, 0x0E, 1, 0x0f, 0xff, 0xff, 0xf0, 1)))
                .hasMessageContaining("truncated: shape [268435440] of float64 needs 2147483520 bytes, but the file has only 1");
    }
}
