package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.JCudaDriver;

/**
 * One captured CUDA graph and the device memory it refers to. The graph holds raw addresses, so
 * every block its operations touched stays out of the allocator's hands while it lives: a block
 * released meanwhile (a temporary of the recorded step, a tensor closed by its owner) is kept here
 * and handed back when the recording closes. All state is used under the runtime's lock.
 */
final class CudaRecording implements StepRecorder.Recording {
    private final CudaRuntime rt;
    private final Set<Long> held = new HashSet<>();
    private final Set<CudaTensor> tensors = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<DeviceBlock> deferred = new ArrayList<>();
    private CUgraph graph;
    private CUgraphExec exec;
    private boolean closed;

    CudaRecording(CudaRuntime rt) {
        this.rt = rt;
    }

    /** Notes a tensor an operation being recorded uses, and its block. */
    void hold(CudaTensor t, DeviceBlock b) {
        held.add(b.address());
        tensors.add(t);
    }

    /** Marks every tensor the graph uses as used by the replay numbered {@code epoch}. */
    void touchAll(long epoch) {
        for (CudaTensor t : tensors) {
            t.touch(epoch);
        }
    }

    boolean holds(DeviceBlock b) {
        return held.contains(b.address());
    }

    /** Keeps a released block until this recording closes. */
    void defer(DeviceBlock b) {
        deferred.add(b);
    }

    void ready(CUgraph g, CUgraphExec e) {
        graph = g;
        exec = e;
    }

    CUgraphExec exec() {
        return exec;
    }

    /** Destroys the executable graph and the graph; the context must be current. */
    void destroyGraph() {
        JCudaDriver.cuGraphExecDestroy(exec);
        JCudaDriver.cuGraphDestroy(graph);
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks it closed and returns the blocks it kept; the runtime destroys the graph. */
    List<DeviceBlock> markClosed() {
        closed = true;
        held.clear();
        tensors.clear();
        List<DeviceBlock> out = new ArrayList<>(deferred);
        deferred.clear();
        return out;
    }

    @Override
    public void replay() {
        rt.replay(this);
    }

    @Override
    public void close() {
        rt.closeRecording(this);
    }
}
