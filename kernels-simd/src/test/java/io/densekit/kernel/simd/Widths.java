package io.densekit.kernel.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.provider.Arguments;

/** The machine's vector widths, for {@code @EnabledIf}: a width the machine lacks is skipped, not failed. */
final class Widths {
    private Widths() {
    }

    /** Every vector width crossed with both dtypes, for {@code @MethodSource}; pair with {@link #assumeAvailable}. */
    static List<Arguments> andDtypes() {
        List<Arguments> all = new ArrayList<>();
        for (int bits : new int[] {128, 256, 512}) {
            for (DType dt : DType.values()) {
                all.add(Arguments.of(bits, dt));
            }
        }
        return all;
    }

    /** Skips the calling test (an assumption, not a failure) where the machine's vectors are narrower than {@code bits}. */
    static void assumeAvailable(int bits) {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assumeTrue(bits <= preferred, () -> bits + "-bit vectors: this machine's are " + preferred + " bits");
    }

    /** For {@code @EnabledIf}: the machine has vectors of at least 256 bits (AVX2, say). */
    static boolean has256BitVectors() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** For {@code @EnabledIf}: the machine has 512-bit vectors (AVX-512). */
    static boolean has512BitVectors() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    /** Fails with the first differing element unless a and b hold the same bits. */
    static void assertBitwiseEqual(String what, HostTensor expected, HostTensor actual) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        if (e.length != a.length) {
            throw new AssertionError(what + ": " + a.length + " values, expected " + e.length);
        }
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                throw new AssertionError(what + ": element " + i + " (row " + i / actual.cols() + ") is " + a[i]
                        + ", expected the bits of " + e[i]);
            }
        }
    }
}
