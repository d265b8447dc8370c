package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void convertsIntegersExactlyAndRefusesWhatTheTargetCannotHold() {
        NdArray small = NdArray.ofLongs(new long[] {-(1L << 24), 0, 1L << 24, 3}, 2, 2);
        assertThat(small.toTensor(DType.F32).toDoubleMatrix()).isEqualTo(new double[][] {{-(1 << 24), 0}, {1 << 24, 3}});
        assertThat(NdArray.ofLongs(new long[] {1L << 53}, 1).toTensor(DType.F64).doubleArray()).containsExactly(0x1p53);
        // Large powers of two are exact in any float type.
        assertThat(NdArray.ofLongs(new long[] {Long.MIN_VALUE}, 1).toTensor(DType.F32).floatArray())
                .containsExactly(-0x1p63f);

        assertThatThrownBy(() -> NdArray.ofLongs(new long[] {0, 0, 0, (1L << 24) + 1}, 2, 2).toTensor(DType.F32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element [1, 1] of the int64 array is 16777217, which float32 cannot represent exactly");
        assertThatThrownBy(() -> NdArray.ofLongs(new long[] {(1L << 53) + 1}, 1).toTensor(DType.F64))
                .hasMessageContaining("9007199254740993, which float64 cannot represent exactly");
        assertThatThrownBy(() -> NdArray.ofLongs(new long[] {Long.MAX_VALUE}, 1).toTensor(DType.F64))
                .hasMessageContaining("cannot represent exactly");
        assertThatThrownBy(() -> NdArray.ofLongs(new long[] {Long.MAX_VALUE}, 1).toTensor(DType.F32))
                .hasMessageContaining("cannot represent exactly");
    }

    @Test
    void convertsFloatsBetweenPrecisions() {
        NdArray d = NdArray.of(HostTensor.wrap(new double[] {0.1, 1e300, -2.5}, 3));
        assertThat(d.toTensor(DType.F32).floatArray()).containsExactly(0.1f, Float.POSITIVE_INFINITY, -2.5f);
        NdArray f = NdArray.of(HostTensor.wrap(new float[] {0.1f, -2.5f}, 1, 2));
        assertThat(f.toTensor(DType.F64).doubleArray()).containsExactly((double) 0.1f, -2.5);
        assertThat(f.dtypeName()).isEqualTo("float32");
    }

    @Test
    void toLongsAcceptsWholeFloatsOnly() {
        assertThat(NdArray.of(HostTensor.vector(DType.F64, 0, 2, -7, 1e15)).toLongs())
                .containsExactly(0, 2, -7, 1_000_000_000_000_000L);
        assertThatThrownBy(() -> NdArray.of(HostTensor.wrap(new double[] {1, 2.5, 3, 4}, 2, 2)).toLongs())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element [0, 1] of the float64 array is 2.5; expected whole numbers (integer values)");
        assertThatThrownBy(() -> NdArray.of(HostTensor.vector(DType.F32, Double.NaN)).toLongs())
                .hasMessageContaining("is NaN");
        assertThatThrownBy(() -> NdArray.of(HostTensor.vector(DType.F64, 1e19)).toLongs())
                .hasMessageContaining("expected whole numbers");
        assertThat(NdArray.ofUnsignedBytes(new byte[] {(byte) 255, 1}, 2).toLongs()).containsExactly(255, 1);
    }

    @Test
    void refusesRanksTensorsCannotHave() {
        NdArray scalar = new NdArray(ElementType.FLOAT64, new int[0], ByteBuffer.allocate(8));
        assertThatThrownBy(() -> scalar.toTensor(DType.F64)).isInstanceOf(ShapeException.class)
                .hasMessage("an array of shape [] (a 0-D scalar) cannot become a tensor; tensors have 1 or 2 dimensions");
        NdArray cube = new NdArray(ElementType.UINT8, new int[] {2, 2, 2}, ByteBuffer.allocate(8));
        assertThatThrownBy(() -> cube.toTensor(DType.F32)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(3 dimensions) cannot become a tensor").hasMessageContaining("flatten");
        assertThatThrownBy(() -> NdArray.ofInts(new int[] {1}, 1).flattenTrailing())
                .hasMessageContaining("flattenTrailing needs at least 2 dimensions");
    }

    @Test
    void flattenTrailingMakesOneRowPerImage() {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        NdArray images = NdArray.ofUnsignedBytes(pixels, 2, 3, 4);
        NdArray flat = images.flattenTrailing();
        assertThat(flat.shape()).containsExactly(2, 12);
        assertThat(flat.toTensor(DType.F64).get(1, 0)).isEqualTo(12);
        assertThat(flat.flattenTrailing()).isSameAs(flat);
        assertThat(new NdArray(ElementType.UINT8, new int[] {0, 28, 28}, ByteBuffer.allocate(0))
                .flattenTrailing().shape()).containsExactly(0, 784);
    }

    @Test
    void isImmutableAndComparesByContentAcrossByteOrders() {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(-2).flip();
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(1).putInt(-2).flip();
        NdArray a = new NdArray(ElementType.INT32, new int[] {2}, le);
        NdArray b = new NdArray(ElementType.INT32, new int[] {2}, be);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toLongs()).isEqualTo(b.toLongs()).containsExactly(1, -2);
        assertThat(a).isNotEqualTo(new NdArray(ElementType.INT32, new int[] {1, 2}, be));
        assertThat(a.data().isReadOnly()).isTrue();
        a.shape()[0] = 99;
        assertThat(a.shape()).containsExactly(2);
        le.putInt(0, 42);
        assertThat(a.toLongs()).as("wraps, does not copy, the buffer given").containsExactly(42, -2);
        assertThat(a.toString()).isEqualTo("NdArray[2] int32 [42, -2]");
    }

    @Test
    void constructorChecksTheDataLength() {
        assertThatThrownBy(() -> new NdArray(ElementType.FLOAT32, new int[] {3}, ByteBuffer.allocate(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes, got 8");
        assertThatThrownBy(() -> new NdArray(ElementType.FLOAT32, new int[] {-1}, ByteBuffer.allocate(8)))
                .hasMessageContaining("negative dimension");
    }

    @Test
    void elementTypesKnowTheirNumpyNames() {
        assertThat(ElementType.fromNumpyName("Float32")).isEqualTo(ElementType.FLOAT32);
        assertThat(ElementType.UINT8.isInteger()).isTrue();
        assertThatThrownBy(() -> ElementType.fromNumpyName("complex64")).hasMessageContaining("unknown element type");
    }
}
