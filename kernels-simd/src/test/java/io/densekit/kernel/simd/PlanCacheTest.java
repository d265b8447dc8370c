package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tuning cache: its round trip, and every kind of bad file ignored for the built-in plan, never a crash. */
class PlanCacheTest {
    private static final MachineKey HERE = new MachineKey("Test CPU 9000", "25+1");
    private static final GemmPlan TUNED = new GemmPlan(128, 2, 128, 1024, 512, 1 << 18, 128);

    @TempDir
    Path dir;

    @Test
    void aWrittenPlanIsReadBackOnTheSameMachine() throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        cache.write(TUNED);
        PlanCache.Lookup found = cache.lookup();
        assertThat(found.plan()).isEqualTo(TUNED);
        assertThat(found.source()).startsWith("tuned").contains(cache.file().toString());
        assertThat(Files.readString(cache.file())).contains("Test CPU 9000", "25+1", "\"rowPanel\" : 512");
    }

    @Test
    void writingAgainReplacesThePlanAndLeavesNoTemporaryFiles() throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        cache.write(GemmPlan.defaults());
        cache.write(TUNED);
        assertThat(cache.lookup().plan()).isEqualTo(TUNED);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PlanCache.FILE_NAME);
        }
    }

    @Test
    void noFileMeansTheBuiltInPlanWithoutANotice() {
        PlanCache.Lookup found = new PlanCache(dir.resolve("absent"), HERE).lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).isEqualTo("built-in");
    }

    @Test
    void aPlanFromAnotherCpuIsIgnoredAndReplacedByTheNextTune() throws Exception {
        new PlanCache(dir, new MachineKey("Other CPU", "25+1")).write(TUNED);
        PlanCache cache = new PlanCache(dir, HERE);
        PlanCache.Lookup found = cache.lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).contains("ignored", "tuned on CPU 'Other CPU'", "this is 'Test CPU 9000'");
        cache.write(TUNED);
        assertThat(cache.lookup().plan()).isEqualTo(TUNED);
    }

    @Test
    void aPlanFromAnotherJdkIsIgnored() throws Exception {
        new PlanCache(dir, new MachineKey("Test CPU 9000", "26+3")).write(TUNED);
        PlanCache.Lookup found = new PlanCache(dir, HERE).lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).contains("tuned on JDK 26+3, this is 25+1");
    }

    @Test
    void corruptFilesAreIgnoredWithTheReason() throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        String valid = validFile(cache);
        String[] bad = {
            "",
            "not json at all",
            valid.substring(0, valid.length() / 2),
            valid + " {}",
            "[1, 2, 3]",
            "{\"format\": 2, \"cpu\": \"Test CPU 9000\", \"jdk\": \"25+1\"}",
            valid.replace("\"rowGroup\" : 2", "\"rowGroup\" : 3"),
            valid.replace("\"mc\" : 128", "\"mc\" : \"many\""),
            valid.replace("\"format\" : " + PlanCache.FORMAT, "\"format\" : 99"),
            valid.replace("\"blockFrom\" : 128", "\"blockFrom\" : 4"),
            valid.replace("\"rowPanel\" : 512,", ""),
        };
        for (String content : bad) {
            Files.writeString(cache.file(), content);
            PlanCache.Lookup found = cache.lookup();
            assertThat(found.plan()).as(content).isEqualTo(GemmPlan.defaults());
            assertThat(found.source()).as(content).startsWith("built-in; ignored " + cache.file() + ": ")
                    .doesNotContain("\n");
        }
    }

    /**
     * Files of earlier formats are named as such and ignored: format 1's on/off register block, and
     * format 2, which has format 3's fields but whose mc and row panel were searched for k-blocks of 256.
     */
    @ParameterizedTest(name = "format {0}")
    @CsvSource(delimiter = '|', value = {
            "1 | { \"registerBlock\" : true, \"rowGroup\" : 4, \"mc\" : 256, \"nc\" : 4096, \"rowPanel\" : 256,"
                    + " \"parallelMinFmas\" : 16384, \"gemmBits\" : 0 }",
            "2 | { \"blockFrom\" : 128, \"rowGroup\" : 4, \"mc\" : 512, \"nc\" : 4096, \"rowPanel\" : 256,"
                    + " \"parallelMinFmas\" : 16384, \"gemmBits\" : 0 }"})
    void aFileOfAnEarlierFormatIsNamedAsSuchAndIgnored(int format, String plan) throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        Files.writeString(cache.file(), "{ \"format\" : " + format + ", \"cpu\" : \"Test CPU 9000\", \"jdk\" : \"25+1\","
                + " \"plan\" : " + plan + " }");
        PlanCache.Lookup found = cache.lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).isEqualTo("built-in; ignored " + cache.file() + ": it has format " + format
                + ", expected " + PlanCache.FORMAT + " (written by an earlier densekit)");
    }

    @Test
    void aPlanForWiderVectorsThanTheMachineHasIsIgnored() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Widths.has512BitVectors(), "this machine runs 512 bits");
        PlanCache cache = new PlanCache(dir, HERE);
        cache.write(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 4, 256, 4096, 256, 1 << 20, 512));
        PlanCache.Lookup found = cache.lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).contains("GEMM width cannot run here");
    }

    @Test
    void anUnreadableCacheIsIgnored() throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        Files.createDirectories(cache.file()); // a folder where the file should be
        PlanCache.Lookup found = cache.lookup();
        assertThat(found.plan()).isEqualTo(GemmPlan.defaults());
        assertThat(found.source()).contains("cannot be read");
    }

    @Test
    void theUserCacheFolderFollowsXdgElseHome() {
        assertThat(PlanCache.userDir("/xdg/cache", "/home/u")).isEqualTo(Path.of("/xdg/cache", "densekit"));
        assertThat(PlanCache.userDir(null, "/home/u")).isEqualTo(Path.of("/home/u", ".cache", "densekit"));
        assertThat(PlanCache.userDir("", "/home/u")).isEqualTo(Path.of("/home/u", ".cache", "densekit"));
        // The XDG spec: a relative path is invalid and ignored.
        assertThat(PlanCache.userDir("relative", "/home/u")).isEqualTo(Path.of("/home/u", ".cache", "densekit"));
    }

    @Test
    void aKernelGivenACachedPlanRunsItAndSaysWhereItCameFrom() throws Exception {
        PlanCache cache = new PlanCache(dir, HERE);
        GemmPlan plan = new GemmPlan(64, 2, 128, 1024, 512, 1 << 18, 0);
        cache.write(plan);
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 1), cache.lookup())) {
            assertThat(k.plan()).isEqualTo(plan);
            assertThat(k.details()).contains("GEMM plan (tuned, " + cache.file() + "): " + plan.describe());
        }
    }

    private String validFile(PlanCache cache) throws Exception {
        cache.write(TUNED);
        return Files.readString(cache.file());
    }
}
