package io.densekit.bench.peers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.StepWorkload;
import io.densekit.bench.harness.Workload;
import io.densekit.tensor.DType;

/** An engine of a {@link PythonProcess} (numpy, torch-cpu, torch-cuda) as a peer: its rounds run in Python. */
record PythonPeer(PythonProcess process, String name, String configuration, boolean gemmOnly) implements Peer {

    @Override
    public String unsupported(Workload workload, DType dtype) {
        return gemmOnly && !(workload instanceof GemmWorkload) ? "GEMM only" : null;
    }

    @Override
    public TimedCase prepare(Workload workload, DType dtype) {
        ObjectNode r = PythonProcess.request("prepare").put("engine", name).put("dtype", dtype.shortName());
        ObjectNode c = r.putObject("case").put("op", workload.op());
        switch (workload) {
            case GemmWorkload g -> c.put("m", g.m()).put("k", g.k()).put("n", g.n())
                    .put("trans_a", g.transA()).put("trans_b", g.transB());
            case StepWorkload s -> c.put("model", s.model().toString()).put("loss", s.loss().cliName())
                    .put("batch", s.batch());
        }
        process.call(r);
        return new TimedCase() {
            @Override
            public long run(int calls) {
                return process.call(PythonProcess.request("run").put("calls", calls)).path("ns").asLong();
            }

            @Override
            public void close() {
                process.call(PythonProcess.request("release"));
            }
        };
    }

    @Override
    public void close() {
        // The process belongs to PythonPeers, which may serve several engines from it.
    }
}
