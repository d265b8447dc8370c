package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.driver.Cu;
import io.densekit.kernel.cuda.driver.DeviceContext;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Events recorded on the compute stream, each labelled with the operation count it follows (every
 * operation numbered up to its label was queued before it). A copy on the copy stream that must
 * not start before operation n finished waits for the earliest marker labelled n or later, or for
 * a new one when there is none. A few are kept, in a ring: re-recording an event does not disturb
 * a wait already queued on it (the wait takes the event's state when it is queued).
 */
final class ComputeMarkers implements AutoCloseable {
    private static final int SLOTS = 4;

    private final DeviceContext context;
    private final CUevent[] events = new CUevent[SLOTS];
    private final long[] labels = new long[SLOTS];
    private int next;

    ComputeMarkers(DeviceContext context) {
        this.context = context;
        java.util.Arrays.fill(labels, -1);
    }

    static CUevent newEvent() {
        CUevent e = new CUevent();
        Cu.check(JCudaDriver.cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        return e;
    }

    /** A marker after operation {@code need} (or later): the earliest recorded, else one recorded now as {@code now}. */
    CUevent covering(long need, long now) {
        int best = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (labels[i] >= need && (best < 0 || labels[i] < labels[best])) {
                best = i;
            }
        }
        return best >= 0 ? events[best] : record(now);
    }

    /** Records a marker on the compute stream after every operation numbered up to {@code label}. */
    CUevent record(long label) {
        int i = next;
        next = (next + 1) % SLOTS;
        if (events[i] == null) {
            events[i] = newEvent();
        }
        Cu.check(JCudaDriver.cuEventRecord(events[i], context.stream()), "cuEventRecord");
        labels[i] = label;
        return events[i];
    }

    @Override
    public void close() {
        for (CUevent e : events) {
            if (e != null) {
                JCudaDriver.cuEventDestroy(e);
            }
        }
    }
}
