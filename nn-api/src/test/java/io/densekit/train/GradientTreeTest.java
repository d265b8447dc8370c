package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Parameter;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fixed tree: workers adding the nodes inside their chunk ranges give one machine's bits. */
class GradientTreeTest {

    @Test
    void splitsAtTheLargestPowerOfTwoBelowTheSize() {
        assertThat(GradientTree.nodesWithin(5, 0, 5)).containsExactly(new GradientTree.Node(0, 5));
        assertThat(GradientTree.nodesWithin(5, 1, 5)).containsExactly(
                new GradientTree.Node(1, 2), new GradientTree.Node(2, 4), new GradientTree.Node(4, 5));
        assertThat(GradientTree.nodesWithin(7, 0, 3)).containsExactly(
                new GradientTree.Node(0, 2), new GradientTree.Node(2, 3));
        assertThat(GradientTree.nodesWithin(7, 3, 3)).isEmpty();
    }

    /** Float sums are not associative, so only the same tree everywhere gives the same bits. */
    @Test
    void anyCutIntoContiguousRangesGivesTheBitsOfTheWholeTree() {
        SplittableRandom random = new SplittableRandom(9);
        for (DType dtype : DType.values()) {
            try (Sequential m = Sequential.of("3,5:tanh,2", new ReferenceKernel(), dtype, 1)) {
                for (int count = 1; count <= 13; count++) {
                    List<GradientSum> leaves = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        leaves.add(randomSum(m, random));
                    }
                    GradientSum whole = GradientTree.sum(count, n -> n.size() == 1 ? leaves.get(n.from()) : null);
                    for (int parts = 1; parts <= Math.min(count, 5); parts++) {
                        Map<GradientTree.Node, GradientSum> fromWorkers = new HashMap<>();
                        for (int p = 0; p < parts; p++) {
                            int from = p * count / parts;
                            int to = (p + 1) * count / parts;
                            for (GradientTree.Node node : GradientTree.nodesWithin(count, from, to)) {
                                fromWorkers.put(node, GradientTree.sum(node.size(),
                                        n -> n.size() == 1 ? leaves.get(node.from() + n.from()) : null));
                            }
                        }
                        GradientSum merged = GradientTree.sum(count, fromWorkers::get);
                        assertSameBits(m, merged, whole, count + " chunks in " + parts + " parts");
                    }
                }
            }
        }
    }

    @Test
    void aMissingChunkIsNamed() {
        assertThatThrownBy(() -> GradientTree.sum(3, n -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no gradient for chunk 0; every chunk must be computed");
    }

    private static GradientSum randomSum(Sequential m, SplittableRandom random) {
        for (Parameter p : m.parameters()) {
            HostTensor h = HostTensor.zeros(m.dtype(), p.grad().shape());
            for (int i = 0; i < h.size(); i++) {
                h.setFlat(i, random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 4)));
            }
            m.kernel().copyFromHost(h, p.grad());
        }
        return GradientSum.of(m.kernel(), m.parameters(), random.nextDouble());
    }

    private static void assertSameBits(Sequential m, GradientSum got, GradientSum want, String what) {
        assertThat(got.loss()).as(what).isEqualTo(want.loss());
        got.copyInto(m.kernel(), m.parameters());
        List<double[]> g = new ArrayList<>();
        m.parameters().forEach(p -> g.add(m.kernel().download(p.grad()).toDoubleArray()));
        want.copyInto(m.kernel(), m.parameters());
        for (int i = 0; i < g.size(); i++) {
            assertThat(g.get(i)).as(what).containsExactly(m.kernel().download(m.parameters().get(i).grad()).toDoubleArray());
        }
    }
}
