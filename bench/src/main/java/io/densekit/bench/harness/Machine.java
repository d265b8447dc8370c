package io.densekit.bench.harness;

/**
 * The machine figures were measured on (its CPU model and microarchitecture), as the report's header and the JSON's {@code machine}.
 * {@code vectorWidth} comes from the SIMD kernel (bench uses the Vector API only through it) and
 * {@code gpu} from GPU kernels; each says why when unknown. {@code loadAverage} is the one-minute
 * load when the run started: other work on the same cores slows every figure down.
 */
public record Machine(String cpu, String microarchitecture, int cores, String vectorWidth, String jdk, String os, String gpu,
                      String loadAverage) {
}
