package io.densekit.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockManagerId;

/** Where a task runs, for messages that must point at one machine: "executor 1 on host-a". */
final class ExecutorName {
    private ExecutorName() {
    }

    /** This JVM's executor id and host ("executor driver on ..." in local mode). */
    static String current() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "a JVM without Spark";
        }
        BlockManagerId id = env.blockManager() == null ? null : env.blockManager().blockManagerId();
        return "executor " + env.executorId() + (id == null ? "" : " on " + id.host());
    }
}
