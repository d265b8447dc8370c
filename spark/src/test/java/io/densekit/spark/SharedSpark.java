package io.densekit.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of a test JVM (starting one takes seconds): the master the build names
 * ({@code densekit.spark.master}, {@code local[2,2]} by default: two task threads, a failed task
 * tried again once), no UI, few shuffle partitions.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    /** The master the tests run on. */
    static String master() {
        return System.getProperty("densekit.spark.master", "local[2,2]");
    }

    /** Whether tasks run in this JVM (local[...]) rather than in executor JVMs (local-cluster[...]). */
    static boolean tasksInThisJvm() {
        return master().startsWith("local[");
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkSession.Builder builder = SparkSession.builder();
            if (!tasksInThisJvm()) { // executor JVMs: densekit's classes and the JVM flags the build names
                builder.config("spark.executor.extraClassPath", System.getProperty("densekit.spark.executor.classpath", ""))
                        .config("spark.executor.extraJavaOptions", System.getProperty("densekit.spark.executor.jvm", ""))
                        .config("spark.task.maxFailures", "2");
            }
            session = builder
                    .master(master())
                    .appName("densekit-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
