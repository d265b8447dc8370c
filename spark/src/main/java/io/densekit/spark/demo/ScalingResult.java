package io.densekit.spark.demo;

/** What one {@link ScalingRun} printed: its samples/s over the timed steps and its final weights' hash. */
record ScalingResult(ScalingConfig config, double samplesPerSecond, String weightsHash, double seconds) {

    /** The result line of a run ({@code RESULT id samples/s sha256 seconds}), or null for any other line. */
    static ScalingResult parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 5 || !f[0].equals(ScalingRun.RESULT)) {
            return null;
        }
        return new ScalingResult(ScalingConfig.byId(f[1]), Double.parseDouble(f[2]), f[3], Double.parseDouble(f[4]));
    }
}
