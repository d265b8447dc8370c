package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.simd.GemmPlan;
import io.densekit.kernel.simd.MachineKey;
import io.densekit.kernel.simd.PlanCache;
import io.densekit.kernel.simd.PlanSearch;
import io.densekit.kernel.simd.SimdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code densekit tune} on tiny products and a fake clock (no real timing), into a temporary cache folder. */
class TuneCommandTest {
    private static final List<PlanSearch.Workload> TINY = List.of(new PlanSearch.Workload(2, 9, 5, true));

    @TempDir
    Path dir;

    /** Every timed run takes 100 ns, so the built-in plan stays. */
    private static Function<SimdConfig, PlanSearch> steadyClock() {
        return config -> {
            AtomicLong now = new AtomicLong();
            return new PlanSearch(config, TINY, 2, () -> now.getAndAdd(100));
        };
    }

    private static Cli.Result run(Function<SimdConfig, PlanSearch> searches, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == TuneCommand.class ? cls.cast(new TuneCommand(searches)) : CommandLine.defaultFactory().create(cls);
            }
        };
        return InjectedCli.run(factory, args);
    }

    @Test
    void printsEveryCandidateAndWritesTheChoiceForThisMachine() throws Exception {
        Cli.Result r = run(steadyClock(), "tune", "--threads", "2", "--cache-dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("Tuning the simd kernel's GEMM for 2 threads on "
                + MachineKey.current().cpu());
        assertThat(lines.get(1)).matches("\\s*#\\s+PLAN\\s+SCORE\\s+dense 2x5x9\\s+NOTE");
        int candidates = new PlanSearch(new SimdConfig(0, 2), TINY, 1, System::nanoTime).candidates().size();
        assertThat(lines).filteredOn(l -> l.matches("\\s*\\d+\\s+.*\\s1\\.000\\s+0\\.1\\b.*")).hasSize(candidates);
        assertThat(lines.get(2)).endsWith("built-in");
        assertThat(r.out()).contains("chosen: the built-in plan (" + GemmPlan.defaults().describe() + ")");
        Path file = dir.resolve(PlanCache.FILE_NAME);
        assertThat(lines.getLast()).isEqualTo("wrote " + file);
        assertThat(new PlanCache(dir, MachineKey.current()).lookup().plan()).isEqualTo(GemmPlan.defaults());
    }

    @Test
    void aDryRunWritesNothing() {
        Cli.Result r = run(steadyClock(), "tune", "--threads", "1", "--dry-run", "--cache-dir", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("dry run: " + dir.resolve(PlanCache.FILE_NAME) + " left as it was");
        assertThat(Files.exists(dir.resolve(PlanCache.FILE_NAME))).isFalse();
    }

    @Test
    void aFailedSearchWarnsInOneLineAndKeepsTheCacheAsItWas() {
        Function<SimdConfig, PlanSearch> broken = config -> new PlanSearch(config, TINY, 1, () -> {
            throw new IllegalStateException("no clock");
        });
        Cli.Result r = run(broken, "tune", "--threads", "1", "--cache-dir", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("densekit tune: warning: plan search failed (").contains("no clock");
        assertThat(Files.exists(dir.resolve(PlanCache.FILE_NAME))).isFalse();
    }

    @Test
    void sizesMeasureSquareGemmsInstead() {
        Cli.Result r = run(steadyClock(), "tune", "--threads", "1", "--dry-run", "--sizes", "3,5", "--cache-dir",
                dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList().get(1)).matches("\\s*#\\s+PLAN\\s+SCORE\\s+gemm 3x3x3\\s+gemm 5x5x5\\s+NOTE");
    }

    @Test
    void badSizesAreOneLineAndExitTwo() {
        Cli.Result r = run(steadyClock(), "tune", "--sizes", "256,0", "--cache-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(r.errLines()).containsExactly("densekit tune: --sizes must be between 1 and 8192, got 0");
    }

    @Test
    void badThreadsAreOneLineAndExitTwo() {
        Cli.Result r = run(steadyClock(), "tune", "--threads", "0", "--cache-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(r.errLines()).containsExactly("densekit tune: --threads must be at least 1, got 0");
    }
}
