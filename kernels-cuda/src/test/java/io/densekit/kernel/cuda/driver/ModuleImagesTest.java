package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped cubins: which one a GPU gets, and that each is what the list and the PTX say. */
class ModuleImagesTest {
    private static final Pattern HASH = Pattern.compile("densekit-source-sha256: ([0-9a-f]{64})");

    @Test
    void aGpuGetsTheNewestCubinOfItsFamilyThenThePtx() {
        assertThat(labels(9, 0)).containsExactly("sm_90 cubin", "PTX (compute_75, JIT-compiled by the driver)");
        assertThat(labels(8, 0)).startsWith("sm_80 cubin");
        assertThat(labels(8, 6)).startsWith("sm_80 cubin");
        assertThat(labels(8, 9)).startsWith("sm_80 cubin");
        assertThat(labels(7, 5)).startsWith("sm_75 cubin");
        assertThat(labels(10, 3)).startsWith("sm_100 cubin");
        assertThat(labels(12, 1)).startsWith("sm_120 cubin");
    }

    @Test
    void aGpuOfNoShippedFamilyGetsOnlyThePtx() {
        assertThat(labels(11, 0)).containsExactly("PTX (compute_75, JIT-compiled by the driver)");
        assertThat(ModuleImages.forDevice(11, 0).getFirst().kind()).isEqualTo(ModuleImage.Kind.PTX);
    }

    @Test
    void cubinsRunOnTheirFamilyOnly() {
        assertThat(ModuleImage.cubinRunsOn(80, 8, 6)).isTrue();
        assertThat(ModuleImage.cubinRunsOn(86, 8, 0)).as("newer minor").isFalse();
        assertThat(ModuleImage.cubinRunsOn(80, 9, 0)).as("other major").isFalse();
        assertThat(ModuleImage.cubinRunsOn(90, 10, 0)).isFalse();
    }

    @Test
    void everyListedCubinIsCudaMachineCodeForItsArchWithThePtxKernels() {
        Set<String> ptxKernels = new TreeSet<>(CudaKernels.entryNames());
        List<ModuleImage> cubins = ModuleImages.allCubins();
        assertThat(cubins).extracting(ModuleImage::arch).contains(80, 90);
        for (ModuleImage c : cubins) {
            CubinElf elf = CubinElf.read(c.image());
            assertThat(elf.machine()).as(c.label()).isEqualTo(CubinElf.EM_CUDA);
            assertThat(elf.arch()).as(c.label()).isEqualTo(c.arch());
            assertThat(elf.kernels()).as(c.label() + " kernels").isEqualTo(ptxKernels);
        }
    }

    @Test
    void theCubinsWereBuiltFromTheSourcesOfThePtx() throws IOException {
        String list;
        try (InputStream in = ModuleImages.class.getResourceAsStream(ModuleImages.LIST)) {
            assertThat(in).as(ModuleImages.LIST).isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertThat(hash(list)).as("the cubins are stale against the PTX: run scripts/build-ptx.sh and commit both")
                .isEqualTo(hash(CudaKernels.ptx()));
    }

    private static List<String> labels(int major, int minor) {
        return ModuleImages.forDevice(major, minor).stream().map(ModuleImage::label).toList();
    }

    private static String hash(String text) {
        Matcher m = HASH.matcher(text);
        assertThat(m.find()).as("a densekit-source-sha256 line").isTrue();
        return m.group(1);
    }
}
