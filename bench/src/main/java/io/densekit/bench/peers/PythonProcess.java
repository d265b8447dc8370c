package io.densekit.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bench/scripts/baselines.py} process serving one engine (numpy, or torch), so that each
 * runs in the environment that suits it best. It answers one JSON line per request line: first its
 * engines ({@code {"engines": {"numpy": {"available": true, "version": ...}}}}), then
 * {@code prepare} (a case's operands), {@code run} (calls back to back, timed in Python) and
 * {@code release}. Densekit decides when each round runs, so Python's rounds interleave with the
 * kernels' the same way the kernels' do with each other.
 */
final class PythonProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path errors;
    private final JsonNode engines;

    private PythonProcess(Process process, Path errors) throws IOException {
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.engines = read().path("engines");
    }

    /**
     * Starts the script for {@code engine} with {@code threads} threads, in {@code environment} added to
     * this process's; a variable mapped to null is removed.
     */
    static PythonProcess start(Path python, Path script, String engine, int threads, Map<String, String> environment)
            throws IOException {
        Path err = Files.createTempFile("densekit-" + engine, ".log");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "--engine", engine,
                "--threads", Integer.toString(threads)).redirectError(err.toFile());
        pb.environment().putAll(threadVariables(threads));
        environment.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        try {
            return new PythonProcess(p, err);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            Files.deleteIfExists(err);
            throw e;
        }
    }

    /**
     * The BLAS thread counts, set before the interpreter starts: an OpenBLAS put in by LD_PRELOAD
     * reads them as it loads, before the script runs, so setting them from the script left numpy on
     * every core when the kernels ran one thread (seen: "2 threads" beside a 1-thread run).
     */
    static Map<String, String> threadVariables(int threads) {
        String n = Integer.toString(threads);
        return Map.of("OPENBLAS_NUM_THREADS", n, "OMP_NUM_THREADS", n, "MKL_NUM_THREADS", n);
    }

    /** The engines this process serves, each {@code {"available": bool, "version" or "reason": ...}}. */
    JsonNode engines() {
        return engines;
    }

    /** Sends one request and returns its answer; a {@code "error"} answer becomes an exception with its text. */
    synchronized JsonNode call(ObjectNode request) {
        try {
            in.write(request.toString());
            in.write('\n');
            in.flush();
            JsonNode answer = read();
            if (answer.has("error")) {
                throw new IllegalStateException(answer.path("error").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("baseline script: " + e.getMessage(), e);
        }
    }

    static ObjectNode request(String cmd) {
        return JSON.createObjectNode().put("cmd", cmd);
    }

    private JsonNode read() throws IOException {
        String line = out.readLine();
        if (line == null) {
            List<String> lines = Files.readAllLines(errors);
            throw new IOException("the script ended" + (lines.isEmpty() ? "" : ": " + lines.getLast()));
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // A temporary log left behind is harmless.
            }
        }
    }
}
