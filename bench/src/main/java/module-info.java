/**
 * The densekit command line and its benchmarks: an application, so an open module (picocli,
 * Jackson and JMH reflect on its commands, reports and benchmarks). It exports nothing.
 *
 * <p>JMH's jar names no module, so it is required by its jar file's name, {@code jmh.core}.
 */
@SuppressWarnings("requires-automatic")
open module io.densekit.bench {
    requires io.densekit.api;
    requires io.densekit.nativelib;
    requires io.densekit.kernels.simd;
    requires io.densekit.conformance;
    requires java.management;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires com.microsoft.onnxruntime;
    requires jmh.core;
}
