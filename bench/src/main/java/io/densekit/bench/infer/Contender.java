package io.densekit.bench.infer;

import io.densekit.bench.rounds.RoundContender;
import io.densekit.bench.rounds.RoundPacer;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One peer's session in one case: a caller and an input batch per calling thread, the per-call
 * latencies of every timed round and each round's rows per second.
 */
final class Contender implements RoundContender {
    /** Bounds the latencies kept per round (8 bytes each). */
    static final int MAX_CALLS_PER_ROUND = 200_000;
    private final String peer;
    private final InferencePeer.Caller[] callers;
    private final HostTensor[] inputs;
    private final CallingThreads threads;
    private final int batch;
    private final RoundPacer pacer = new RoundPacer(MAX_CALLS_PER_ROUND);
    private final List<long[]> latencies = new ArrayList<>();
    private final List<Double> roundRates = new ArrayList<>();

    Contender(String peer, InferencePeer.Caller[] callers, HostTensor[] inputs, CallingThreads threads, int batch) {
        this.peer = peer;
        this.callers = callers.clone();
        this.inputs = inputs.clone();
        this.threads = threads;
        this.batch = batch;
    }

    @Override
    public String name() {
        return peer;
    }

    @Override
    public RoundPacer pacer() {
        return pacer;
    }

    InferencePeer.Caller caller(int thread) {
        return callers[thread];
    }

    HostTensor input(int thread) {
        return inputs[thread];
    }

    /** A round on every calling thread; a timed one keeps every call's latency and the rows per second over its wall time. */
    @Override
    public long round(int calls, boolean timed) {
        long[] callNanos = new long[calls * callers.length];
        long wall = threads.round(this, calls, callNanos);
        if (timed) {
            latencies.add(callNanos);
            roundRates.add(callNanos.length * (double) batch / (wall / 1e9));
        }
        return wall;
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
