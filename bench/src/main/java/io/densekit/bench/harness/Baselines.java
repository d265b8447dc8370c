package io.densekit.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The external baselines (numpy's OpenBLAS, PyTorch on the CPU and, where there is one, the GPU),
 * timed by {@code bench/scripts/baselines.py} on the same cases with the same timing plan. Anything
 * missing (the interpreter, the script, a module, a GPU) becomes a skipped engine with the reason.
 */
public final class Baselines {
    /** Debian's interpreter, which has numpy and torch here; the {@code python3} on PATH may not. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path python;
    private final Path script;
    private final long timeoutSeconds;

    public Baselines(Path python, Path script, long timeoutSeconds) {
        this.python = python;
        this.script = script;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The script next to the running code: bench/scripts/baselines.py, found from bench/target/... */
    public static Path locateScript() {
        try {
            Path here = Path.of(Baselines.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                Path candidate = p.resolve("scripts/baselines.py");
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                Path inRepo = p.resolve("bench/scripts/baselines.py");
                if (Files.isRegularFile(inRepo)) {
                    return inRepo;
                }
            }
        } catch (Exception e) {
            // Unknown code location (e.g. a custom class loader): fall through to the working directory.
        }
        return Path.of("bench/scripts/baselines.py").toAbsolutePath();
    }

    /** What the script measured, the engines that did not run (with why) and each engine's version. */
    public record Result(List<Measurement> measurements, List<Skip> skipped, Map<String, String> versions) {
    }

    /** Times the workloads; returns the measurements and the engines or cases that did not run. */
    public Result run(List<Workload> workloads, List<DType> dtypes, TimingPlan timing) {
        if (!Files.isExecutable(python)) {
            return none("no Python interpreter at " + python);
        }
        if (!Files.isRegularFile(script)) {
            return none("baseline script " + script + " not found");
        }
        try {
            JsonNode answer = call(request(workloads, dtypes, timing));
            return parse(answer, workloads);
        } catch (IOException | RuntimeException e) {
            return none("baseline script failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted");
        }
    }

    private static Result none(String reason) {
        return new Result(List.of(), List.of(Skip.engine("numpy, torch", reason)), Map.of());
    }

    static String request(List<Workload> workloads, List<DType> dtypes, TimingPlan timing) {
        ObjectNode r = JSON.createObjectNode();
        r.put("threads", Runtime.getRuntime().availableProcessors());
        ArrayNode dt = r.putArray("dtypes");
        dtypes.forEach(d -> dt.add(d.shortName()));
        ObjectNode t = r.putObject("timing");
        t.put("warmup_ns", timing.warmupNanos());
        t.put("max_warmup_ns", timing.maxWarmupNanos());
        t.put("min_warmup_runs", timing.minWarmupRuns());
        t.put("sample_ns", timing.sampleNanos());
        t.put("samples", timing.samples());
        ArrayNode cases = r.putArray("cases");
        for (int i = 0; i < workloads.size(); i++) {
            ObjectNode c = cases.addObject();
            c.put("id", i);
            c.put("op", workloads.get(i).op());
            switch (workloads.get(i)) {
                case GemmWorkload g -> {
                    c.put("m", g.m());
                    c.put("k", g.k());
                    c.put("n", g.n());
                    c.put("trans_a", g.transA());
                    c.put("trans_b", g.transB());
                }
                case StepWorkload s -> {
                    c.put("model", s.model().toString());
                    c.put("loss", s.loss().cliName());
                    c.put("batch", s.batch());
                }
            }
        }
        return r.toString();
    }

    private JsonNode call(String request) throws IOException, InterruptedException {
        Path err = Files.createTempFile("densekit-baselines", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString()).redirectError(err.toFile());
            new BaselineEnvironment(BaselineEnvironment.DEBIAN_OPENMP_OPENBLAS).apply(pb.environment());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(request.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(err);
                throw new IOException("exit code " + p.exitValue() + (lines.isEmpty() ? "" : ": " + lines.getLast()));
            }
            return JSON.readTree(out);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static Result parse(JsonNode answer, List<Workload> workloads) {
        List<Measurement> measured = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("engines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().path("available").asBoolean(false)) {
                skipped.add(Skip.engine(e.getKey(), e.getValue().path("reason").asText("unavailable")));
            } else {
                versions.put(e.getKey(), e.getValue().path("version").asText(""));
            }
        }
        for (JsonNode r : answer.path("results")) {
            int id = r.path("case").asInt(-1);
            if (id < 0 || id >= workloads.size()) {
                throw new IllegalArgumentException("baseline result for unknown case " + r.path("case"));
            }
            double[] samples = new double[r.path("samples_ms").size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = r.path("samples_ms").get(i).asDouble();
            }
            measured.add(new Measurement(r.path("engine").asText(), true, DType.parse(r.path("dtype").asText()),
                    workloads.get(id), Timing.of(r.path("runs_per_sample").asInt(1), samples)));
        }
        return new Result(measured, skipped, versions);
    }
}
