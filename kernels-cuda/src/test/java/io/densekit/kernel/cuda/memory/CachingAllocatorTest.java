package io.densekit.kernel.cuda.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingAllocatorTest {
    private static final long MIB = 1L << 20;

    @Test
    void roundsSmallRequestsTo512BytesAndLargeOnesToMebibytes() {
        assertThat(CachingAllocator.roundUp(0)).isEqualTo(512);
        assertThat(CachingAllocator.roundUp(1)).isEqualTo(512);
        assertThat(CachingAllocator.roundUp(512)).isEqualTo(512);
        assertThat(CachingAllocator.roundUp(513)).isEqualTo(1024);
        assertThat(CachingAllocator.roundUp(MIB - 1)).isEqualTo(MIB);
        assertThat(CachingAllocator.roundUp(MIB + 1)).isEqualTo(2 * MIB);
        assertThat(CachingAllocator.roundUp(64 * MIB)).isEqualTo(64 * MIB);
        assertThatThrownBy(() -> CachingAllocator.roundUp(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasedBlocksServeLaterRequestsOfTheSameSizeWithoutTheDevice() {
        FakeDeviceMemory mem = new FakeDeviceMemory(64 * MIB);
        CachingAllocator a = new CachingAllocator(mem, 32 * MIB);
        DeviceBlock x = a.allocate(1000, () -> "x");
        DeviceBlock y = a.allocate(3000, () -> "y");
        a.release(x);
        a.release(y);
        assertThat(a.stats().cachedBlocks()).isEqualTo(2);
        assertThat(a.stats().liveBlocks()).isZero();

        DeviceBlock x2 = a.allocate(700, () -> "x2"); // rounds to 1024, like x
        assertThat(x2).isSameAs(x);
        DeviceBlock z = a.allocate(5000, () -> "z"); // a new size class
        assertThat(z.address()).isNotIn(x.address(), y.address());
        assertThat(mem.allocations).isEqualTo(3);
        assertThat(a.stats().reuses()).isEqualTo(1);
        assertThat(a.stats().deviceAllocations()).isEqualTo(3);
        assertThat(a.stats().liveBytes()).isEqualTo(1024 + 5120);
        assertThat(a.stats().cachedBytes()).isEqualTo(3072);
    }

    @Test
    void aSteadyStateOfTrainingStepsAllocatesNothingNewFromTheDevice() {
        FakeDeviceMemory mem = new FakeDeviceMemory(256 * MIB);
        CachingAllocator a = new CachingAllocator(mem, 128 * MIB);
        long[] sizes = {512 * 784 * 4, 512 * 128 * 4, 512 * 64 * 4, 512 * 10 * 4, 512 * 8};
        for (int step = 0; step < 1000; step++) {
            List<DeviceBlock> blocks = new ArrayList<>();
            for (long s : sizes) {
                blocks.add(a.allocate(s, () -> "step buffer"));
            }
            blocks.forEach(a::release);
        }
        assertThat(mem.allocations).isEqualTo(sizes.length);
        assertThat(a.stats().reuses()).isEqualTo(999L * sizes.length);
        assertThat(a.stats().peakBytes()).isEqualTo(a.stats().cachedBytes());
    }

    @Test
    void outOfMemoryEmptiesTheCacheRetriesAndOnlyThenFailsWithTheRequestAndTheFreeMemory() {
        FakeDeviceMemory mem = new FakeDeviceMemory(10 * MIB);
        CachingAllocator a = new CachingAllocator(mem, 10 * MIB);
        DeviceBlock cached = a.allocate(4 * MIB, () -> "cached");
        a.release(cached);
        DeviceBlock live = a.allocate(5 * MIB, () -> "live");
        // 9 MiB held (4 cached, 5 live); 3 more fits only once the cache is given back.
        DeviceBlock third = a.allocate(3 * MIB, () -> "third");
        assertThat(a.stats().cachedBlocks()).isZero();
        assertThat(mem.frees).isEqualTo(1);

        assertThatThrownBy(() -> a.allocate(6 * MIB, () -> "f32 tensor [1024, 1536]"))
                .isInstanceOf(CudaOutOfMemoryException.class)
                .hasMessageContaining("cuda:0 Fake GPU")
                .hasMessageContaining("6.0 MiB for f32 tensor [1024, 1536]")
                .hasMessageContaining("2.0 MiB free of 10.0 MiB")
                .hasMessageContaining("8.0 MiB in 2 live")
                .satisfies(e -> assertThat(((CudaOutOfMemoryException) e).freeBytes()).isEqualTo(2 * MIB));

        // Still usable: making room makes the same request succeed.
        a.release(live);
        a.release(third);
        assertThat(a.allocate(6 * MIB, () -> "retry").bytes()).isEqualTo(6 * MIB);
    }

    @Test
    void releasesBeyondTheCacheLimitGoBackToTheDevice() {
        FakeDeviceMemory mem = new FakeDeviceMemory(64 * MIB);
        CachingAllocator a = new CachingAllocator(mem, 3 * MIB);
        DeviceBlock x = a.allocate(2 * MIB, () -> "x");
        DeviceBlock y = a.allocate(2 * MIB, () -> "y");
        a.release(x);
        a.release(y);
        assertThat(a.stats().cachedBytes()).isEqualTo(2 * MIB);
        assertThat(mem.used()).isEqualTo(2 * MIB);
    }

    @Test
    void releasingABlockTwiceOrAForeignBlockIsRefused() {
        CachingAllocator a = new CachingAllocator(new FakeDeviceMemory(MIB), MIB);
        DeviceBlock x = a.allocate(100, () -> "x");
        a.release(x);
        assertThatThrownBy(() -> a.release(x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not live");
        assertThatThrownBy(() -> a.release(new DeviceBlock(0x1000, 512, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeFreesLiveAndCachedBlocksAndLaterUseIsAnError() {
        FakeDeviceMemory mem = new FakeDeviceMemory(64 * MIB);
        CachingAllocator a = new CachingAllocator(mem, 64 * MIB);
        DeviceBlock live = a.allocate(MIB, () -> "live");
        a.release(a.allocate(2 * MIB, () -> "cached"));
        a.close();
        assertThat(mem.used()).isZero();
        assertThat(a.isClosed()).isTrue();
        a.release(live); // late release of a tensor closed after the kernel: ignored
        a.close();
        assertThatThrownBy(() -> a.allocate(10, () -> "after close")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theReleaseQueueHandsBlocksToTheAllocatorAndIgnoresThemOnceClosed() {
        CachingAllocator a = new CachingAllocator(new FakeDeviceMemory(MIB), MIB);
        ReleaseQueue q = new ReleaseQueue();
        DeviceBlock x = a.allocate(100, () -> "x");
        q.offer(x);
        assertThat(a.stats().liveBlocks()).isEqualTo(1);
        q.drainTo(a::release);
        assertThat(a.stats().liveBlocks()).isZero();
        assertThat(q.size()).isZero();
        q.close();
        q.offer(a.allocate(100, () -> "y"));
        assertThat(q.size()).isZero();
    }
}
