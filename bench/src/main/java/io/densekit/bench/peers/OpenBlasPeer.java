package io.densekit.bench.peers;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Workload;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.cblas.Cblas;
import io.densekit.tensor.DType;
import java.util.SplittableRandom;

/**
 * OpenBLAS inside this JVM, from the {@code org.bytedeco:openblas} jar (a release that knows current
 * CPUs), as a GEMM peer: {@code cblas_sgemm}/{@code cblas_dgemm} on Java arrays through densekit's
 * FFM binding, with OpenBLAS's thread count set to that of the kernels it is compared with.
 */
public record OpenBlasPeer(Cblas cblas, String name, String configuration) implements Peer {

    /** Binds the library a lookup found and gives it {@code threads} threads; throws when it was not found. */
    public static OpenBlasPeer bind(LibraryLookupResult library, int threads) {
        Cblas cblas = Cblas.bind(library);
        if (!cblas.threads().setThreads(threads)) {
            throw new IllegalStateException(library.location() + " offers no openblas_set_num_threads");
        }
        String config = cblas.threads().config().orElse("OpenBLAS (no openblas_get_config)");
        String version = config.startsWith("OpenBLAS ") ? config.split("\\s+")[1] : "unknown";
        int actual = cblas.threads().threads().orElse(threads);
        return new OpenBlasPeer(cblas, "openblas-" + version,
                config + ", " + actual + " threads, in this JVM, GEMM only; " + library.location());
    }

    @Override
    public String unsupported(Workload workload, DType dtype) {
        return workload instanceof GemmWorkload ? null : "GEMM only";
    }

    @Override
    public TimedCase prepare(Workload workload, DType dtype) {
        GemmWorkload g = (GemmWorkload) workload;
        SplittableRandom r = new SplittableRandom(g.m() * 31L + g.k() * 7L + g.n());
        int lda = g.transA() ? g.m() : g.k();
        int ldb = g.transB() ? g.k() : g.n();
        if (dtype == DType.F32) {
            float[] a = floats(r, g.m() * g.k());
            float[] b = floats(r, g.k() * g.n());
            float[] c = new float[g.m() * g.n()];
            return TimedCase.of(() -> cblas.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), 1f, a, 0, lda, b, 0, ldb,
                    0f, c, 0, g.n()), () -> { });
        }
        double[] a = r.doubles(g.m() * g.k(), -1, 1).toArray();
        double[] b = r.doubles(g.k() * g.n(), -1, 1).toArray();
        double[] c = new double[g.m() * g.n()];
        return TimedCase.of(() -> cblas.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), 1, a, 0, lda, b, 0, ldb,
                0, c, 0, g.n()), () -> { });
    }

    private static float[] floats(SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextDouble(-1, 1);
        }
        return f;
    }

    @Override
    public void close() {
    }
}
