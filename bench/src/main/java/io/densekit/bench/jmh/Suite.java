package io.densekit.bench.jmh;

import io.densekit.bench.jmh.simd.FmaPeakBenchmark;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Param;

/** The benchmarks of the kernel comparison suite, and the work each operation does. */
final class Suite {
    /** JMH's include pattern for this suite (not the per-kernel micro-benchmarks in sub-packages). */
    static final String INCLUDE = "^io\\.densekit\\.bench\\.jmh\\.[A-Za-z]+Benchmark\\.";

    private Suite() {
    }

    /**
     * The work of one operation of {@code benchmark} ("io.densekit.bench.jmh.DenseBenchmark.backward")
     * with these parameters; empty for a benchmark outside the suite.
     */
    static Optional<Work> work(String benchmark, Map<String, String> params) {
        int dot = benchmark.lastIndexOf('.');
        String method = benchmark.substring(dot + 1);
        String type = benchmark.substring(0, Math.max(dot, 0));
        type = type.substring(type.lastIndexOf('.') + 1);
        if (benchmark.equals(FmaPeakBenchmark.class.getName() + "." + method)) {
            // Outside the suite (it measures the machine, not a kernel), but quoted in GFLOP/s like it.
            return Optional.of(Work.flops(FmaPeakBenchmark.flops(method)));
        }
        if (!benchmark.startsWith(Suite.class.getPackageName() + "." + type + ".")) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (type) {
            case "SquareGemmBenchmark", "OpenBlasGemmBenchmark" -> SquareGemmBenchmark.work(method, params);
            case "LayerGemmBenchmark" -> LayerGemmBenchmark.work(method, params);
            case "DenseBenchmark" -> DenseBenchmark.work(method, params);
            case "ActivationBenchmark" -> ActivationBenchmark.work(method, params);
            case "TrainingStepBenchmark" -> TrainingStepBenchmark.work(method, params);
            case "OptimizerBenchmark" -> OptimizerBenchmark.work(method, params);
            case "InferenceBenchmark", "OnnxRuntimeInferenceBenchmark" -> InferenceBenchmark.work(method, params);
            default -> null;
        });
    }

    /** A parameter's default values, as its {@code @Param} lists them. */
    static String[] defaults(Class<?> benchmark, String param) {
        try {
            return benchmark.getField(param).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(benchmark.getSimpleName() + " has no parameter " + param, e);
        }
    }
}
