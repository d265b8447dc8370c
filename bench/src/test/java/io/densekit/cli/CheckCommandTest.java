package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.conformance.KernelDoubles;
import io.densekit.conformance.ReferenceTwin;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
    private static final String[] SMALL = {"--shapes", "2", "--steps", "5"};

    @Test
    void exitsOneAndNamesTheOperationWhenAKernelIsSlightlyWrong() {
        Cli.Result r = InjectedCli.run(KernelDoubles.registry(KernelDoubles.SlightlyWrongGemm::new),
                args("check", "--dtype", "f64"));
        assertThat(r.exitCode()).isEqualTo(CheckCommand.MISMATCH);
        assertThat(r.out().lines()).anyMatch(l -> l.matches("wrong-gemm\\s+f64\\s+gemm\\s+\\S+\\s+1\\.0e-12\\s+MISMATCH\\s.*"));
        assertThat(r.out().lines().toList().getLast()).startsWith("MISMATCH: ").contains("wrong-gemm f64 gemm");
    }

    @Test
    void exitsZeroWhenEveryKernelAgreesWithTheReference() {
        Cli.Result r = InjectedCli.run(KernelDoubles.registry(() -> new ReferenceTwin("twin")), args("check"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(1)).matches("KERNEL\\s+DTYPE\\s+OPERATION\\s+WORST ERROR\\s+TOLERANCE\\s+RESULT\\s+WORST CASE");
        assertThat(lines).anyMatch(l -> l.matches("twin\\s+f32\\s+training \\(weights\\)\\s+\\S+\\s+\\S+\\s+ok\\s.*"));
        assertThat(lines.getLast()).startsWith("every operation of 1 kernel within tolerance");
    }

    /**
     * The kernels on the class path (reference, blas, simd where they run) pass the check through the
     * command line, in float32 (each kernel's module runs the whole kit in both dtypes; the float64
     * path of the command is the wrong-GEMM case above).
     */
    @Test
    void theRealKernelsAgreeWithTheReference() {
        Cli.Result r = Cli.run(args("check", "--dtype", "f32"));
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("not checked: " + UnavailableTestKernel.NAME + ": " + UnavailableTestKernel.REASON);
    }

    @Test
    void anUnknownKernelIsBadInputOnOneLine() {
        Cli.Result r = Cli.run("check", "--kernel", "nosuch");
        assertThat(r.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("densekit check: unknown kernel 'nosuch'");
        Cli.Result u = Cli.run("check", "--kernel", UnavailableTestKernel.NAME);
        assertThat(u.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(u.errLines()).singleElement().asString().contains(UnavailableTestKernel.REASON);
        Cli.Result s = Cli.run("check", "--steps", "0");
        assertThat(s.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(s.errLines()).singleElement().asString().contains("--steps and --shapes must be positive");
    }

    private static String[] args(String... head) {
        String[] all = new String[head.length + SMALL.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
        return all;
    }
}
