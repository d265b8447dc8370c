package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiny files that declare huge sizes must be refused before anything that size is allocated. The
 * test heap is large enough that a 2 GiB allocation would succeed, so an OutOfMemoryError cannot
 * be relied on to reveal one: the thread's allocation counter is measured instead.
 */
class HugeDeclaredLengthTest {
    private static final long LIMIT = 8L << 20;

    @TempDir
    Path dir;

    private interface Reader {
        void read(Path file) throws IOException;
    }

    private void refusedCheaply(String name, byte[] content, Reader reader, String message) throws IOException {
        assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path f = dir.resolve(name);
        Files.write(f, content);
        try {
            reader.read(f); // warm up classes so their one-time setup is not measured
        } catch (MalformedFileException expected) {
            // measured below
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        MalformedFileException error = null;
        try {
            reader.read(f);
        } catch (MalformedFileException e) {
            error = e;
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertThat(error).as(name + " must be refused").isNotNull();
        assertThat(error).hasMessageContaining(message);
        assertThat(allocated).as("bytes allocated refusing " + name).isLessThan(LIMIT);
    }

    @Test
    void npyShapeFarBeyondTheFile() throws IOException {
        refusedCheaply("a.npy", Fixtures.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (500000000,)}",
                new byte[4]), Npy::read, "needs 2000000000 data bytes, but the file has 4");
    }

    @Test
    void npyVersion2HeaderLengthFarBeyondTheFile() throws IOException {
        byte[] b = Fixtures.npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", new byte[4]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7ffffff0);
        refusedCheaply("b.npy", b, Npy::read, "header length 2147483632 exceeds");
    }

    @Test
    void safetensorsHeaderLengthFarBeyondTheFile() throws IOException {
        byte[] b = Fixtures.safetensors("{}", new byte[0]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        refusedCheaply("c.safetensors", b, SafeTensors::read, "header length 1099511627776 exceeds");
    }

    @Test
    void safetensorsTensorFarBeyondTheFile() throws IOException {
        refusedCheaply("d.safetensors", Fixtures.safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[500000000],\"data_offsets\":[0,2000000000]}}", new byte[8]),
                SafeTensors::read, "exceed the data section of 8 bytes");
    }

    @Test
    void idxDimensionsFarBeyondTheFileCompressedOrNot() throws IOException {
        byte[] header = {0, 0, 0x0D, 2, 0, 0, (byte) 0x80, 0, 0, 0, 0x0f, (byte) 0xff};
        refusedCheaply("e.idx", header, Idx::read, "truncated");
        refusedCheaply("e.idx.gz", Fixtures.gzip(header), Idx::read, "truncated");
    }
}
