package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float64 classes are generated from the float32 ones by codegen/generate.sh (the Vector API
 * needs a constant species per element type, so generics cannot share the code). This fails when
 * one side was edited by hand and the other not: rerun the script instead.
 */
class GeneratedMirrorTest {
    private static final Path SOURCES = Path.of("src/main/java/io/densekit/kernel/simd");

    /** The script's sed: F32 -> F64, float32 -> float64, float -> double, Float -> Double. */
    private static String toF64(String f32) {
        return f32.replace("F32", "F64").replace("float32", "float64").replace("float", "double")
                .replace("Float", "Double");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Vec", "Losses", "Updates", "Ops"})
    void float64ClassIsTheGeneratedMirrorOfTheFloat32One(String name) throws IOException {
        String f32 = Files.readString(SOURCES.resolve("F32" + name + ".java"));
        String f64 = Files.readString(SOURCES.resolve("F64" + name + ".java"));
        assertThat(f64).as("F64%s.java differs from the mirror of F32%s.java; run kernels-simd/codegen/generate.sh",
                name, name).isEqualTo(toF64(f32));
    }

    /** The GEMMs come from one template; only the k-block (KC, per dtype in generate.sh) differs. */
    @Test
    void float64GemmIsTheFloat32GemmWithItsOwnKBlock() throws IOException {
        String kc = "static final int KC = \\d+;";
        String f32 = Files.readString(SOURCES.resolve("F32Gemm.java")).replaceAll(kc, "static final int KC = ?;");
        String f64 = Files.readString(SOURCES.resolve("F64Gemm.java")).replaceAll(kc, "static final int KC = ?;");
        assertThat(f64).as("F64Gemm.java differs from F32Gemm.java beyond KC; run kernels-simd/codegen/generate.sh")
                .isEqualTo(toF64(f32));
    }
}
