package io.densekit.bench.infer;

import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One peer's session in one case: a caller and an input batch per calling thread, the per-call
 * latencies of every timed round and each round's rows per second.
 */
final class Contender {
    private final String peer;
    private final InferencePeer.Caller[] callers;
    private final HostTensor[] inputs;
    private final List<long[]> latencies = new ArrayList<>();
    private final List<Double> roundRates = new ArrayList<>();
    private long warmNanos;
    private double nanosPerCall = Double.NaN;
    private double bestNanosPerCall = Double.POSITIVE_INFINITY;
    private int stableRounds;

    Contender(String peer, InferencePeer.Caller[] callers, HostTensor[] inputs) {
        this.peer = peer;
        this.callers = callers.clone();
        this.inputs = inputs.clone();
    }

    String peer() {
        return peer;
    }

    int threads() {
        return callers.length;
    }

    InferencePeer.Caller caller(int thread) {
        return callers[thread];
    }

    HostTensor input(int thread) {
        return inputs[thread];
    }

    /** Calls per thread that take about {@code nanos}, from the last round's speed (1 before any round). */
    int callsFor(long nanos) {
        if (Double.isNaN(nanosPerCall)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_CALLS_PER_ROUND, nanos / nanosPerCall));
    }

    /** Bounds the latencies kept per round (8 bytes each). */
    static final int MAX_CALLS_PER_ROUND = 200_000;

    /**
     * Warm once the warm-up time has passed and the last rounds brought no gain of 5% or more (the JIT
     * has compiled the hot code; Vector API code is far slower before), or after ten times the
     * warm-up time in any case.
     */
    boolean warm(long warmupNanos) {
        return warmNanos >= warmupNanos && stableRounds >= STABLE_ROUNDS || warmNanos >= 10 * warmupNanos;
    }

    /** Rounds in a row without a 5% gain after which the speed counts as settled. */
    static final int STABLE_ROUNDS = 3;

    /**
     * A warm-up round: only its speed is kept, to size the next round and to see when it settles. A
     * round in which the JIT finished compiling something does not count as settled: the speed of
     * interpreted or partly compiled code can hold still for a while before compiled code arrives.
     */
    void warmed(long wallNanos, int calls, boolean compiled) {
        warmNanos += wallNanos;
        nanosPerCall = (double) wallNanos / calls;
        if (nanosPerCall < 0.95 * bestNanosPerCall || compiled) {
            bestNanosPerCall = Math.min(bestNanosPerCall, nanosPerCall);
            stableRounds = 0;
        } else {
            stableRounds++;
        }
    }

    /** A timed round: every call's latency, and rows per second over the round's wall time. */
    void timed(long wallNanos, long[] callNanos, int batch) {
        nanosPerCall = (double) wallNanos / (callNanos.length / threads());
        latencies.add(callNanos);
        roundRates.add(callNanos.length * (double) batch / (wallNanos / 1e9));
    }

    /** Rows per second of each timed round, in the order the rounds ran. */
    List<Double> roundRates() {
        return List.copyOf(roundRates);
    }

    InferenceResult result(InferenceCase c) {
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double[] rates = roundRates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = rates.length;
        double median = n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
        return new InferenceResult(peer, c, all.length, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3,
                median, rates[0], rates[n - 1]);
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
