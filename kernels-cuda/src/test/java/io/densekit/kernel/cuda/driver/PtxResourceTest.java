package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX: loadable by older drivers (ISA label), current with the sources (always by
 * hash; where nvcc is present also by rebuilding), and documented kernel by kernel in the README.
 */
class PtxResourceTest {
    private final String ptx = CudaKernels.ptx();

    @Test
    void declaresTheLowIsaVersionAndComputeCapability75() {
        assertThat(ptx).containsPattern("(?m)^\\.version 6\\.3$").containsPattern("(?m)^\\.target sm_75$")
                .containsPattern("(?m)^\\.address_size 64$");
        assertThat(PtxSources.header(ptx, "ptx-isa")).startsWith("6.3 ");
    }

    @Test
    void isCurrentWithTheSources() {
        String flags = PtxSources.header(ptx, "nvcc-flags");
        String isa = PtxSources.header(ptx, "ptx-isa").split(" ")[0];
        assertThat(PtxSources.header(ptx, "source-sha256"))
                .as("the committed PTX is stale: the CUDA sources changed; run scripts/build-ptx.sh and commit the PTX")
                .isEqualTo(PtxSources.sourceHash(flags, isa));
    }

    @Test
    void rebuildingWithNvccGivesTheCommittedPtx(@TempDir Path out) throws IOException, InterruptedException {
        Optional<Path> nvcc = PtxSources.nvcc();
        assumeTrue(nvcc.isPresent(), "nvcc not found on PATH, in $CUDA_HOME/bin or /usr/local/cuda/bin: cannot rebuild the PTX here");
        Process p = new ProcessBuilder("bash", PtxSources.SCRIPT.toString(), "--out", out.toString(), "--ptx-only")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("build-ptx.sh finished").isTrue();
        assertThat(p.exitValue()).as("scripts/build-ptx.sh --ptx-only (nvcc, relabel, ptxas sm_75/sm_90) failed:\n%s", log)
                .isZero();
        String rebuilt = Files.readString(out.resolve("densekit_kernels.ptx"), StandardCharsets.US_ASCII);
        Optional<String> committedBy = PtxSources.nvccRelease(ptx);
        Optional<String> rebuiltBy = PtxSources.nvccRelease(rebuilt);
        assumeTrue(committedBy.equals(rebuiltBy), "the committed PTX was made by nvcc " + committedBy.orElse("?")
                + ", this machine has " + rebuiltBy.orElse("?") + ": outputs of different compilers are not"
                + " compared (the source hash test still guards staleness)");
        assertThat(rebuilt).as("committed PTX differs from a rebuild: run scripts/build-ptx.sh and commit the PTX")
                .isEqualTo(ptx);
    }

    @Test
    void everyKernelHasBothDtypesAndIsDocumented() throws IOException {
        List<String> entries = CudaKernels.entryNames();
        assertThat(entries).hasSize(53).doesNotHaveDuplicates();
        Set<String> bases = new TreeSet<>();
        for (String e : entries) {
            if (e.equals("dk_sum_div")) {
                bases.add(e);
                continue;
            }
            assertThat(e).matches("dk_[a-z0-9_]+_f(32|64)");
            String base = e.substring(0, e.length() - 4);
            assertThat(entries).contains(CudaKernels.name(base, DType.F32), CudaKernels.name(base, DType.F64));
            bases.add(base);
        }
        String readme = Files.readString(PtxSources.SOURCES.resolve("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^### `(dk_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).as("kernels with a '### `name`' section in kernels-cuda/src/main/cuda/README.md").isEqualTo(bases);
    }

    @Test
    void imageIsNulTerminatedForTheDriver() {
        byte[] image = CudaKernels.ptxImage();
        assertThat(image[image.length - 1]).isZero();
        assertThat(image.length).isEqualTo(ptx.length() + 1);
    }

    @Test
    void activationCodesMatchTheKernelSources() throws IOException {
        String common = Files.readString(PtxSources.SOURCES.resolve("common.cuh"));
        for (Activation a : List.of(Activation.IDENTITY, Activation.RELU, Activation.SIGMOID, Activation.TANH)) {
            assertThat(common).contains("#define DK_ACT_" + a.name() + " " + CudaKernels.activationCode(a));
        }
        assertThatThrownBy(() -> CudaKernels.activationCode(Activation.SOFTMAX))
                .hasMessageContaining("dk_bias_softmax_forward");
    }
}
