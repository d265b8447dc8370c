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
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    @TempDir
    Path dir;

    // ---- files written by numpy (scripts/make_format_fixtures.py) ----

    @Test
    void readsNumpyFloat32Matrix() throws IOException {
        NdArray a = Npy.read(Fixtures.path("f32_2x3.npy"));
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dtypeName()).isEqualTo("float32");
        assertThat(a.isInteger()).isFalse();
        HostTensor t = a.toTensor(DType.F32);
        assertThat(t.floatArray()).containsExactly(0.0f, -1.5f, 2.25f, 3.0e-8f, 1.0e30f, -0.0f);
        assertThat(Float.floatToRawIntBits(t.floatArray()[5])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void readsNumpyFloat64VectorBitExactly() throws IOException {
        NdArray a = Npy.read(Fixtures.path("f64_5.npy"));
        assertThat(a.shape()).containsExactly(5);
        assertThat(a.toTensor(DType.F64).doubleArray())
                .containsExactly(0.1, -2.5, 1e-300, 5e-324, 1.7976931348623157e308);
    }

    @Test
    void readsNumpyIntegers() throws IOException {
        NdArray i32 = Npy.read(Fixtures.path("i32_2x2.npy"));
        assertThat(i32.dtypeName()).isEqualTo("int32");
        assertThat(i32.shape()).containsExactly(2, 2);
        assertThat(i32.toLongs()).containsExactly(1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE);
        NdArray i64 = Npy.read(Fixtures.path("i64_4.npy"));
        assertThat(i64.dtypeName()).isEqualTo("int64");
        assertThat(i64.toLongs()).containsExactly(0, -1, 1L << 53, -(1L << 62));
        assertThat(Npy.read(Fixtures.path("u8_3.npy")).toLongs()).containsExactly(0, 128, 255);
        assertThat(Npy.read(Fixtures.path("u8_3.npy")).dtypeName()).isEqualTo("uint8");
        assertThat(Npy.read(Fixtures.path("i8_3.npy")).toLongs()).containsExactly(-128, 0, 127);
    }

    @Test
    void readsFloat16BigEndianAndNewerFormatVersions() throws IOException {
        assertThat(Npy.read(Fixtures.path("f16_3.npy")).toTensor(DType.F32).floatArray())
                .containsExactly(1.0f, -0.5f, 65504.0f);
        assertThat(Npy.read(Fixtures.path("f64_be_2x2.npy")).toTensor(DType.F64).toDoubleMatrix())
                .isEqualTo(new double[][] {{1.5, -2.0}, {3.0, 4.25}});
        for (String name : new String[] {"f32_v2.npy", "f32_v3.npy"}) {
            assertThat(Npy.read(Fixtures.path(name)).toTensor(DType.F32).toDoubleMatrix())
                    .as(name).isEqualTo(new double[][] {{1, 2}, {3, 4.5}});
        }
    }

    @Test
    void readsEmptyScalarAndThreeDimensionalArrays() throws IOException {
        NdArray empty = Npy.read(Fixtures.path("f64_0x3.npy"));
        assertThat(empty.shape()).containsExactly(0, 3);
        assertThat(empty.toTensor(DType.F64).shape()).containsExactly(0, 3);

        NdArray scalar = Npy.read(Fixtures.path("f64_scalar.npy"));
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.size()).isEqualTo(1);
        assertThatThrownBy(() -> scalar.toTensor(DType.F64)).hasMessageContaining("0-D scalar");

        NdArray cube = Npy.read(Fixtures.path("f64_2x3x4.npy"));
        assertThat(cube.shape()).containsExactly(2, 3, 4);
        assertThat(cube.flattenTrailing().toTensor(DType.F64).get(1, 11)).isEqualTo(23.0);
        assertThatThrownBy(() -> Npy.readTensor(Fixtures.path("f64_2x3x4.npy"), DType.F64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("f64_2x3x4.npy: ")
                .hasMessageContaining("3 dimensions");
    }

    @Test
    void refusesFortranOrderStructuredAndBoolArrays() {
        assertThatThrownBy(() -> Npy.read(Fixtures.path("f64_fortran_2x3.npy")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("f64_fortran_2x3.npy: fortran_order arrays are not supported;"
                        + " save with np.ascontiguousarray (C order)");
        assertThatThrownBy(() -> Npy.read(Fixtures.path("structured_2.npy")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("structured_2.npy: structured");
        assertThatThrownBy(() -> Npy.read(Fixtures.path("bool_2.npy")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("bool_2.npy: dtype '|b1' is not supported; expected float16/32/64");
    }

    // ---- round trips ----

    @ParameterizedTest
    @CsvSource({"1", "3", "17", "0", "1,1", "3,17", "17,3", "0,3", "3,0", "1,33"})
    void roundTripsOddShapesInBothDtypes(String shapeText) throws IOException {
        int[] shape = Arrays.stream(shapeText.split(",")).mapToInt(Integer::parseInt).toArray();
        for (DType dtype : DType.values()) {
            HostTensor t = HostTensor.zeros(dtype, shape);
            for (int i = 0; i < t.size(); i++) {
                t.setFlat(i, (i - 7) * 0.37);
            }
            Path f = dir.resolve("t.npy");
            Npy.write(f, t);
            NdArray back = Npy.read(f);
            assertThat(back.shape()).isEqualTo(shape);
            assertThat(back.dtypeName()).isEqualTo(dtype == DType.F32 ? "float32" : "float64");
            assertThat(back.toTensor(dtype).toDoubleArray()).isEqualTo(t.toDoubleArray());
            // numpy aligns the data to 64 bytes; so do we.
            assertThat((Files.size(f) - t.size() * dtype.byteSize()) % 64).isZero();
        }
    }

    @Property(tries = 40)
    void roundTripsRandomTensorsBitExactly(@ForAll @IntRange(min = 0, max = 12) int rows,
                                          @ForAll @IntRange(min = 1, max = 12) int cols,
                                          @ForAll boolean f32, @ForAll boolean vector,
                                          @ForAll long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int[] shape = vector ? new int[] {cols} : new int[] {rows, cols};
        HostTensor t = HostTensor.zeros(f32 ? DType.F32 : DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, f32 ? Float.intBitsToFloat(random.nextInt()) : Double.longBitsToDouble(random.nextLong()));
        }
        // jqwik properties get no @TempDir.
        Path f = Files.createTempFile("densekit-npy-", ".npy");
        HostTensor back;
        try {
            Npy.write(f, t);
            back = Npy.read(f).toTensor(t.dtype());
        } finally {
            Files.delete(f);
        }
        assertThat(back.shape()).isEqualTo(shape);
        if (f32) {
            assertThat(bits(back.floatArray())).isEqualTo(bits(t.floatArray()));
        } else {
            assertThat(Arrays.stream(back.doubleArray()).map(Double::doubleToRawLongBits).toArray())
                    .isEqualTo(Arrays.stream(t.doubleArray()).map(Double::doubleToRawLongBits).toArray());
        }
    }

    private static int[] bits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }

    @Test
    void writesIntegerArrays() throws IOException {
        Path longs = dir.resolve("labels.npy");
        Npy.writeLongs(longs, new long[] {0, 2, 1, Long.MIN_VALUE, Long.MAX_VALUE}, 5);
        NdArray a = Npy.read(longs);
        assertThat(a.dtypeName()).isEqualTo("int64");
        assertThat(a.toLongs()).containsExactly(0, 2, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(new String(Files.readAllBytes(longs), StandardCharsets.ISO_8859_1)).contains("'descr': '<i8'");

        Path ints = dir.resolve("ints.npy");
        Npy.writeInts(ints, new int[] {1, -2, 3, 4, 5, 6}, 2, 3);
        NdArray b = Npy.read(ints);
        assertThat(b.dtypeName()).isEqualTo("int32");
        assertThat(b.shape()).containsExactly(2, 3);
        assertThat(b.toTensor(DType.F64).toDoubleMatrix()).isEqualTo(new double[][] {{1, -2, 3}, {4, 5, 6}});
        assertThatThrownBy(() -> Npy.writeInts(dir.resolve("x.npy"), new int[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesWhatNumpyWrites() throws IOException {
        Path f = dir.resolve("w.npy");
        Npy.write(f, HostTensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        String header = new String(Files.readAllBytes(f), 10, 118, StandardCharsets.ISO_8859_1);
        assertThat(header).isEqualTo(String.format("%-117s\n",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
        Npy.write(f, HostTensor.wrap(new float[] {1, 2, 3}, 3));
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                .contains("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    }

    @Test
    void writesRowSliceViews() throws IOException {
        HostTensor t = HostTensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).rowSlice(1, 3);
        Path f = dir.resolve("slice.npy");
        Npy.write(f, t);
        assertThat(Npy.read(f).toTensor(DType.F64).toDoubleMatrix()).isEqualTo(new double[][] {{3, 4}, {5, 6}});
    }

    // ---- malformed input ----

    private MalformedFileException refused(byte[] content) throws IOException {
        Path f = dir.resolve("bad.npy");
        Files.write(f, content);
        try {
            Npy.read(f);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith("bad.npy: ");
            assertThat(e.file()).isEqualTo(f);
            return e;
        }
        throw new AssertionError("bad.npy was read without error");
    }

    private static final String F8_2X3 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";

    @Test
    void refusesEmptyFilesAndBadMagic() throws IOException {
        assertThat(refused(new byte[0])).hasMessageContaining("not a .npy file").hasMessageEndingWith("an empty file");
        assertThat(refused("PK\u0003\u0004 zip".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("expected the magic bytes 93 4e 55 4d 50 59").hasMessageContaining("found 50 4b 03 04");
        assertThat(refused(Arrays.copyOf(Fixtures.npy(1, F8_2X3, new byte[48]), 8)))
                .hasMessageContaining("truncated").hasMessageContaining("8 bytes");
        assertThat(refused(Arrays.copyOf(Fixtures.npy(1, F8_2X3, new byte[48]), 4)))
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesUnknownVersions() throws IOException {
        byte[] b = Fixtures.npy(1, F8_2X3, new byte[48]);
        b[6] = 4;
        assertThat(refused(b)).hasMessageContaining("unsupported .npy format version 4.0; expected 1.0, 2.0 or 3.0");
        b[6] = 1;
        b[7] = 1;
        assertThat(refused(b)).hasMessageContaining("version 1.1");
    }

    @Test
    void refusesHeaderLengthsBeyondTheFile() throws IOException {
        byte[] b = Fixtures.npy(1, F8_2X3, new byte[48]);
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        assertThat(refused(b)).hasMessageContaining("header length 65535 exceeds the");
        byte[] v2 = Fixtures.npy(2, F8_2X3, new byte[48]);
        v2[11] = (byte) 0x7f;
        assertThat(refused(v2)).hasMessageContaining("header length").hasMessageContaining("exceeds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]|the header is not a dict",
        "{'descr': '<f8', 'fortran_order': False|not a valid Python dict literal",
        "{'descr': '<f8', 'shape': (2, 3)}|has the keys [descr, shape]; expected exactly descr, fortran_order and shape",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}|has the keys",
        "{'descr': '<c16', 'fortran_order': False, 'shape': (2, 3)}|dtype '<c16' is not supported",
        "{'descr': '<U7', 'fortran_order': False, 'shape': (2, 3)}|dtype '<U7' is not supported",
        "{'descr': 7, 'fortran_order': False, 'shape': (2, 3)}|structured or unusual dtype 7",
        "{'descr': '<f8', 'fortran_order': 'no', 'shape': (2, 3)}|fortran_order is no; expected True or False",
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3)}|fortran_order arrays are not supported",
        "{'descr': '<f8', 'fortran_order': False, 'shape': 6}|shape is 6; expected a tuple of integers",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3)}|has dimension -3; expected integers from 0",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3.0)}|expected an integer",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}|out of range",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648,)}|expected integers from 0 to 2147483647",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647)}|more elements than any file can hold",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,)}|truncated: shape [1000000000] of float64 needs 8000000000 data bytes, but the file has 48",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} trailing|unexpected text after the literal",
        "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}|duplicate key 'descr'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ((((((((((((((((((1,),),),),),),),),),),),),),),),),),),)}|nested more than 16 levels",
    })
    void refusesBadHeaders(String dict, String message) throws IOException {
        assertThat(refused(Fixtures.npy(1, dict, new byte[48]))).hasMessageContaining(message);
    }

    @Test
    void acceptsFortranOrderWhereItIsTheSameLayout() throws IOException {
        Path f = dir.resolve("f.npy");
        Files.write(f, Fixtures.npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2,)}",
                Fixtures.littleEndianFloats(1, 2)));
        assertThat(Npy.read(f).toTensor(DType.F32).floatArray()).containsExactly(1, 2);
    }

    @Test
    void acceptsPython2LongLiteralsAndDoubleQuotes() throws IOException {
        Path f = dir.resolve("py2.npy");
        Files.write(f, Fixtures.npy(1, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1L, 2L), }",
                Fixtures.littleEndianFloats(1, 2)));
        assertThat(Npy.read(f).shape()).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 40, 47})
    void refusesTruncatedData(int length) throws IOException {
        assertThat(refused(Fixtures.npy(1, F8_2X3, new byte[length])))
                .hasMessageContaining("truncated: shape [2, 3] of float64 needs 48 data bytes, but the file has " + length);
    }

    @Test
    void refusesTrailingData() throws IOException {
        assertThat(refused(Fixtures.npy(1, F8_2X3, new byte[56])))
                .hasMessage("bad.npy: shape [2, 3] of float64 needs 48 data bytes, but the file has 56 after the header");
    }

    @Test
    void refusesVersion3HeadersThatAreNotUtf8() throws IOException {
        byte[] b = Fixtures.npy(3, F8_2X3, new byte[48]);
        b[14] = (byte) 0xff;
        assertThat(refused(b)).hasMessageContaining("not valid UTF-8");
    }
}
