package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.kernel.cuda.memory.ReleaseQueue;
import io.densekit.tensor.DType;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.lang.ref.Cleaner;

/**
 * A row-major tensor in device memory. Its values are read through {@code Kernel.copyToHost}.
 *
 * <p>{@link #close()} gives the memory back to the kernel's allocator (a Cleaner does the same for
 * a tensor that becomes unreachable unclosed). Using a closed tensor is an
 * {@link IllegalStateException} naming the operation and operand, never a device fault. The
 * bookkeeping needs no GPU: the block is only an address and a size until a kernel uses it.
 */
public final class CudaTensor implements Tensor {
    private final DType dtype;
    private final int[] shape;
    private final int rows;
    private final int cols;
    private final Object owner;
    private final Storage storage;
    private final Cleaner.Cleanable cleanable;
    /**
     * The kernel's operation count when an operation last used this tensor (or when it was made:
     * its block may have served another tensor before). A copy into it on the copy stream waits
     * only for the compute work up to that point. Read and written under the kernel's lock.
     */
    private long lastUse;

    /** What the Cleaner needs: the block and where to return it; never the tensor itself. */
    private static final class Storage implements Runnable {
        private final DeviceBlock block;
        private final ReleaseQueue queue;
        private volatile boolean released;

        Storage(DeviceBlock block, ReleaseQueue queue) {
            this.block = block;
            this.queue = queue;
        }

        @Override
        public void run() {
            released = true;
            queue.offer(block);
        }
    }

    /** How a tensor's release action is registered: {@code Cleaner::register}, or a test's stand-in. */
    @FunctionalInterface
    interface CleanerRegistration {
        Cleaner.Cleanable register(CudaTensor tensor, Runnable release);
    }

    /**
     * @param owner identifies the kernel that made it (tensors of another kernel are refused)
     * @param block device memory of at least {@code size * dtype.byteSize()} bytes
     */
    CudaTensor(Object owner, DType dtype, int[] shape, DeviceBlock block, ReleaseQueue queue, Cleaner cleaner) {
        this(owner, dtype, shape, block, queue, cleaner::register);
    }

    /** As above, with the release action registered through {@code cleaner}. */
    CudaTensor(Object owner, DType dtype, int[] shape, DeviceBlock block, ReleaseQueue queue,
               CleanerRegistration cleaner) {
        this.owner = owner;
        this.dtype = dtype;
        this.shape = Shapes.checkShape(shape);
        this.rows = shape.length == 1 ? 1 : shape[0];
        this.cols = shape.length == 1 ? shape[0] : shape[1];
        if (block.bytes() < size() * dtype.byteSize()) {
            throw new IllegalArgumentException("device block of " + block.bytes() + " bytes cannot hold a " + dtype
                    + " tensor " + Shapes.toString(shape));
        }
        this.storage = new Storage(block, queue);
        this.cleanable = cleaner.register(this, storage);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Bytes the elements occupy (the block may be larger). */
    public long bytes() {
        return size() * dtype.byteSize();
    }

    public boolean isClosed() {
        return storage.released;
    }

    Object owner() {
        return owner;
    }

    /**
     * The device memory, for operation {@code op} on operand {@code operand}; throws when closed.
     */
    DeviceBlock block(String op, String operand) {
        if (storage.released) {
            throw new IllegalStateException(op + ": " + operand + " (" + dtype + " " + shapeString()
                    + ") is a closed cuda tensor; its device memory was released");
        }
        return storage.block;
    }

    /** Notes that the operation numbered {@code epoch} uses this tensor. */
    void touch(long epoch) {
        lastUse = epoch;
    }

    /** See {@link #touch}. */
    long lastUse() {
        return lastUse;
    }

    /** The device address of the first element; see {@link #block}. */
    long address(String op, String operand) {
        return block(op, operand).address();
    }

    /** Releases the device memory (to the kernel's cache); closing twice is harmless. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "CudaTensor" + shapeString() + " " + dtype + (isClosed() ? " (closed)" : "");
    }
}
