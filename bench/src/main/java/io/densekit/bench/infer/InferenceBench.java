package io.densekit.bench.infer;

import io.densekit.bench.harness.RunListener;
import io.densekit.bench.rounds.InterleavedRounds;
import io.densekit.bench.rounds.RoundRatio;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs every case of a plan on every peer that can run it, peers taking turns within each case (see
 * {@link InterleavedRounds}). All peers of a case predict with the same weights (one seeded model,
 * handed to each peer) on the same seeded inputs. A peer that cannot run, or fails on a case, is
 * reported with its reason and the run goes on.
 */
public final class InferenceBench {
    private final List<InferencePeer> peers;
    private final RunListener listener;

    public InferenceBench(List<InferencePeer> peers, RunListener listener) {
        this.peers = List.copyOf(peers);
        this.listener = listener;
    }

    /**
     * What a run measured; each contender's speed against {@value #REFERENCE_PEER}'s where that peer
     * ran the case; and what it left out with the reason ("simd mnist f64 b1 x2: failed: ...").
     */
    public record Outcome(List<InferenceResult> results, List<RoundRatio<InferenceCase>> ratios, List<String> skipped) {
    }

    /** The peer the other contenders' speeds are compared with, round by round. */
    public static final String REFERENCE_PEER = "onnxruntime";

    public Outcome run(List<InferenceCase> cases, InferenceTiming timing) {
        List<InferenceResult> results = new ArrayList<>();
        List<RoundRatio<InferenceCase>> ratios = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<InferencePeer> usable = new ArrayList<>();
        for (InferencePeer p : peers) {
            String reason = p.unavailableReason();
            if (reason == null) {
                usable.add(p);
            } else {
                skipped.add(p.name() + ": " + reason);
            }
        }
        listener.started(cases.size());
        for (InferenceCase c : cases) {
            listener.timing(c.label());
            results.addAll(runCase(c, usable, timing, skipped, ratios));
            listener.done();
        }
        listener.finished();
        return new Outcome(results, ratios, skipped);
    }

    private static List<InferenceResult> runCase(InferenceCase c, List<InferencePeer> usable, InferenceTiming timing,
                                                 List<String> skipped, List<RoundRatio<InferenceCase>> ratios) {
        List<Contender> contenders = new ArrayList<>();
        List<InferencePeer.Session> sessions = new ArrayList<>();
        try (Sequential source = Sequential.of(c.model().spec(), new ReferenceKernel(), c.dtype(), 1);
             CallingThreads threads = new CallingThreads(c.threads())) {
            for (InferencePeer p : usable) {
                try {
                    if (p instanceof KernelPeer k && !k.supports(c.dtype())) {
                        skipped.add(p.name() + " " + c.label() + ": does not compute in " + c.dtype());
                        continue;
                    }
                    InferencePeer.Session s = p.open(c.model().spec(), source);
                    sessions.add(s);
                    InferencePeer.Caller[] callers = new InferencePeer.Caller[c.threads()];
                    HostTensor[] inputs = new HostTensor[c.threads()];
                    for (int t = 0; t < c.threads(); t++) {
                        callers[t] = s.caller();
                        inputs[t] = input(c, t);
                    }
                    contenders.add(new Contender(p.name(), callers, inputs, threads, c.batch()));
                } catch (RuntimeException | LinkageError e) {
                    skipped.add(p.name() + " " + c.label() + ": failed to start: " + e);
                }
            }
            if (contenders.isEmpty()) {
                return List.of();
            }
            try {
                InterleavedRounds.run(contenders, timing.warmupNanos(), timing.roundNanos(), timing.rounds());
            } catch (RuntimeException | OutOfMemoryError e) {
                // One failing case must not end the comparison of the others; it is reported instead.
                skipped.add(c.label() + ": failed: " + e);
                return List.of();
            }
            // Every densekit contender against every configuration of the reference peer.
            for (Contender ref : contenders) {
                if (!isReference(ref.name())) {
                    continue;
                }
                for (Contender x : contenders) {
                    if (!isReference(x.name())) {
                        ratios.add(RoundRatio.of(c, x.name(), x.roundRates(), ref.name(), ref.roundRates()));
                    }
                }
            }
            return contenders.stream().map(x -> x.result(c)).toList();
        } finally {
            sessions.forEach(InferencePeer.Session::close);
        }
    }

    /** Whether {@code peer} is a configuration of {@link #REFERENCE_PEER} ("onnxruntime", "onnxruntime-t1", ...). */
    public static boolean isReference(String peer) {
        return peer.equals(REFERENCE_PEER) || peer.startsWith(REFERENCE_PEER + "-");
    }

    /** Calling thread {@code t}'s batch: seeded, in [-1, 1), the same for every peer (and in the JMH benchmark). */
    public static HostTensor input(InferenceCase c, int t) {
        SplittableRandom r = new SplittableRandom(31L * t + c.batch());
        HostTensor x = HostTensor.zeros(c.dtype(), c.batch(), c.model().spec().inputWidth());
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, r.nextDouble(-1, 1));
        }
        return x;
    }
}
