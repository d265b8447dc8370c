package io.densekit.spark.demo;

import java.util.Arrays;
import java.util.stream.Collectors;

/** One way of training that the scaling measurement compares, each run in a JVM of its own. */
enum ScalingConfig {
    SPARK_LOCAL_1("spark-local1", "Spark local[1]", 1),
    SPARK_LOCAL_2("spark-local2", "Spark local[2]", 2),
    TRAINER_PLAIN("trainer-plain", "Trainer (plain)", 0),
    TRAINER_CHUNKED("trainer-chunked", "Trainer (chunked)", 0);

    final String id;
    final String label;
    /** Spark's task slots (and partitions), 0 for the single-machine trainer. */
    final int slots;

    ScalingConfig(String id, String label, int slots) {
        this.id = id;
        this.label = label;
        this.slots = slots;
    }

    boolean spark() {
        return slots > 0;
    }

    /**
     * The simd kernel's threads: every core for the trainer; for Spark the cores shared among the
     * task slots, so that the machine is neither idle nor oversubscribed. Thread counts change no bits.
     */
    int simdThreads(int cores) {
        return spark() ? Math.max(1, cores / slots) : cores;
    }

    static ScalingConfig byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown configuration '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(c -> c.id).collect(Collectors.joining(", "))));
    }
}
