package io.densekit.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of a test JVM (starting one takes seconds): the master the build names
 * ({@code densekit.spark.master}, {@code local[2,2]} by default: two task threads, a failed task
 * tried again once), no UI, few shuffle partitions.
 */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master(System.getProperty("densekit.spark.master", "local[2,2]"))
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
