package io.densekit.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every kernel must pass against the reference kernel, as JUnit tests: the
 * {@link ConformanceCases} (odd sizes 1, 3, 17, 33, 127, both dtypes, every transpose combination,
 * every activation, loss and optimizer), and the contracts that have no tolerance: row-slice
 * invariance (a row's result alone equals its result in any block of rows, {@link RowSliceCases}, unless
 * the kernel declares otherwise, {@link Kernel#rowSliceVariance()}), the batched
 * optimizer updates equal the one-by-one ones bit for bit, memory and row copies move exact values,
 * and bad input is refused with the kernel-independent message. A kernel module subclasses this
 * (test scope) and returns its kernel from {@link #kernel()}.
 */
public abstract class KernelConformanceSuite {
    private final Kernel reference = new ReferenceKernel();

    /** The kernel under test. */
    protected abstract Kernel kernel();

    /** The dtypes to check; by default every dtype the kernel supports. */
    protected List<DType> dtypes() {
        return kernel().dtypes().stream().sorted().toList();
    }

    /** Each case as a test that fails at the first result outside its tolerance. */
    private Stream<DynamicTest> tests(List<Case> cases) {
        return cases.stream().map(c -> dynamicTest(c.name(), () -> c.run(reference, kernel(), Recorder.asserting())));
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        return tests(ConformanceCases.gemm(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> biasAndColumnSums() {
        return tests(ConformanceCases.bias(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> activations() {
        return tests(ConformanceCases.activations(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> denseLayer() {
        return tests(ConformanceCases.dense(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        return tests(ConformanceCases.losses(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> optimizers() {
        return tests(ConformanceCases.optimizers(dtypes()));
    }

    /**
     * For a kernel that declares its rows depend on their neighbours, one test skipped with the
     * kernel's reason instead (a test, so that reports count and show the skip).
     */
    @TestFactory
    Stream<DynamicTest> rowSlices() {
        Optional<String> variance = kernel().rowSliceVariance();
        if (variance.isPresent()) {
            String why = kernel().name() + " is not row-slice invariant: " + variance.get();
            return Stream.of(dynamicTest("row slices not claimed", () -> assumeTrue(false, why)));
        }
        return tests(ConformanceCases.rowSlices(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> multiTensorOptimizers() {
        return BatchedUpdateTests.of(kernel(), dtypes());
    }

    @TestFactory
    Stream<DynamicTest> memory() {
        return CopyTests.memory(kernel(), dtypes());
    }

    @TestFactory
    Stream<DynamicTest> rowGather() {
        return CopyTests.rowGather(kernel(), dtypes());
    }

    @TestFactory
    Stream<DynamicTest> rowCopy() {
        return CopyTests.rowCopy(kernel(), dtypes());
    }

    @TestFactory
    Stream<DynamicTest> badInput() {
        return BadInputTests.of(kernel(), dtypes());
    }
}
