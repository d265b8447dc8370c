package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.cuda.memory.CachingAllocator;
import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.kernel.cuda.memory.FakeDeviceMemory;
import io.densekit.kernel.cuda.memory.ReleaseQueue;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import java.lang.ref.Cleaner;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tensor bookkeeping, without a GPU: shapes, closing, the Cleaner, and refusing foreign operands. */
class CudaTensorTest {
    private static final Cleaner CLEANER = Cleaner.create();
    private final Object owner = new Object();
    private final FakeDeviceMemory memory = new FakeDeviceMemory(1L << 30);
    private final CachingAllocator allocator = new CachingAllocator(memory, 1L << 30);
    private final ReleaseQueue queue = new ReleaseQueue();

    private CudaTensor tensor(DType dtype, int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        DeviceBlock b = allocator.allocate(Math.max(1, n * dtype.byteSize()), () -> "test tensor");
        return new CudaTensor(owner, dtype, shape, b, queue, CLEANER);
    }

    @Test
    void hasTheShapeItWasMadeWith() {
        CudaTensor m = tensor(DType.F32, 3, 17);
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.cols()).isEqualTo(17);
        assertThat(m.bytes()).isEqualTo(3 * 17 * 4);
        CudaTensor v = tensor(DType.F64, 5);
        assertThat(v.shape()).containsExactly(5);
        assertThat(v.rows()).isEqualTo(1);
        assertThat(v.cols()).isEqualTo(5);
        assertThat(v.shapeString()).isEqualTo("[5]");
    }

    @Test
    void refusesABlockTooSmallAndBadShapes() {
        DeviceBlock small = allocator.allocate(16, () -> "small");
        assertThatThrownBy(() -> new CudaTensor(owner, DType.F64, new int[] {10, 10}, small, queue, CLEANER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold");
        assertThatThrownBy(() -> new CudaTensor(owner, DType.F64, new int[] {1, 2, 3}, small, queue, CLEANER))
                .isInstanceOf(ShapeException.class);
    }

    @Test
    void usingAClosedTensorIsAnErrorNamingTheOperationAndOperand() {
        CudaTensor t = tensor(DType.F32, 2, 3);
        assertThat(t.block("gemm", "a").address()).isNotZero();
        t.close();
        assertThat(t.isClosed()).isTrue();
        assertThat(t.toString()).contains("closed");
        assertThatThrownBy(() -> t.block("gemm", "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gemm: a (f32 [2, 3]) is a closed cuda tensor; its device memory was released");
        assertThatThrownBy(() -> new Operands(owner).of(t, "activationForward", "z"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("activationForward: z");
    }

    @Test
    void closeQueuesTheBlockOnceForTheKernelToReuse() {
        CudaTensor t = tensor(DType.F64, 4, 4);
        t.close();
        t.close();
        assertThat(queue.size()).isEqualTo(1);
        queue.drainTo(allocator::release);
        assertThat(allocator.stats().liveBlocks()).isZero();
        assertThat(allocator.stats().cachedBlocks()).isEqualTo(1);
    }

    /**
     * What the Cleaner does for a tensor dropped unclosed, without waiting for a collection: the
     * tensor is registered with an action that holds no reference to it (else it could never become
     * unreachable), and running that action, as the Cleaner would, queues its block and closes it.
     */
    @Test
    void theCleanerActionReleasesTheBlockWithoutHoldingTheTensor() throws IllegalAccessException {
        Object[] registered = new Object[1];
        Runnable[] action = new Runnable[1];
        DeviceBlock b = allocator.allocate(64 * 64 * 4, () -> "test tensor");
        CudaTensor t = new CudaTensor(owner, DType.F32, new int[] {64, 64}, b, queue, (tensor, release) -> {
            registered[0] = tensor;
            action[0] = release;
            return release::run;
        });
        assertThat(registered[0]).as("the object registered with the Cleaner").isSameAs(t);
        for (Object value : fieldValues(action[0])) {
            assertThat(value).as("a field of the Cleaner's action").isNotSameAs(t);
        }
        assertThat(queue.size()).isZero();
        action[0].run();
        assertThat(queue.size()).as("blocks queued by the Cleaner's action").isEqualTo(1);
        assertThat(t.isClosed()).isTrue();
    }

    /** The values of every instance field of {@code o}, its superclasses' included. */
    private static List<Object> fieldValues(Object o) throws IllegalAccessException {
        List<Object> values = new ArrayList<>();
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    values.add(f.get(o));
                }
            }
        }
        return values;
    }

    @Test
    void operandsRefuseHostTensorsAndTensorsOfAnotherKernel() {
        Operands ops = new Operands(owner);
        assertThatThrownBy(() -> ops.of(HostTensor.zeros(DType.F32, 2, 2), "gemm", "b"))
                .isInstanceOf(DTypeException.class)
                .hasMessageContaining("gemm: b is a HostTensor")
                .hasMessageContaining("copyFromHost");
        CudaTensor other = new CudaTensor(new Object(), DType.F32, new int[] {2, 2},
                allocator.allocate(16, () -> "other"), queue, CLEANER);
        assertThatThrownBy(() -> ops.of(other, "gemm", "c"))
                .isInstanceOf(DTypeException.class).hasMessageContaining("another cuda kernel");
        assertThatThrownBy(() -> ops.of(null, "gemm", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gemm: a is null");
        assertThat(ops.address(null, "sgdUpdate", "momentumBuffer")).isZero();
    }
}
